"""Bad state files, unreachable endpoints, wrong cloud: coded diagnostics, no tracebacks."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from moto_server import EXAMPLES, free_port, inventory, moto_server  # noqa: F401

from autodeploy.backends.deploy import providers
from autodeploy.cli import main

ADL = str(EXAMPLES / "patient-portal.adl")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _creds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AUTODEPLOY_AWS_ENDPOINT", raising=False)


@pytest.mark.parametrize("content,code_", [
    ("{not json", "ADL5101"),
    ('{"schema_version": 99, "deployment": "patient_portal", "resources": {}}', "ADL5102"),
    ('{"schema_version": 1, "deployment": "patient_portal", "resources": {"x": 3}}', "ADL5131"),
    ('{"schema_version": 1, "deployment": "someone_else", "resources": {}}', "ADL5103"),
    ("[1, 2]", "ADL5101"),
])
@pytest.mark.parametrize("command", ["plan", "apply", "destroy", "drift"])
def test_bad_state_is_reported_and_left_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  content: str, code_: str, command: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(content)
    before = path.stat().st_mtime_ns
    code, out, err = cli(capsys, command, ADL, "--state", str(path), "--endpoint", "http://127.0.0.1:9")
    assert code == 2
    assert code_ in err and "Traceback" not in err + out
    assert path.read_text() == content and path.stat().st_mtime_ns == before


def test_unreachable_endpoint_fails_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    t0 = time.monotonic()
    code, out, err = cli(capsys, "apply", ADL, "--state", str(tmp_path / "s.json"), "--endpoint", endpoint,
                         "--auto-approve")
    assert code == 2
    assert "ADL5100" in err and endpoint in err and "Traceback" not in err
    assert time.monotonic() - t0 < 15
    assert not (tmp_path / "s.json").exists()


def test_unreachable_endpoint_from_env_for_destroy_and_drift(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("AUTODEPLOY_AWS_ENDPOINT", endpoint)
    path = tmp_path / "s.json"
    text = json.dumps({"schema_version": 1, "deployment": "patient_portal", "endpoint": endpoint,
                       "region": "us-east-1", "resources": {"records": {
                           "kind": "bucket", "physical": {"bucket": "b"}, "attrs_hash": "0" * 64, "attrs": {},
                           "deps": []}}})
    path.write_text(text)
    for command in ("drift", "destroy"):
        approve = ["--auto-approve"] if command == "destroy" else []
        code, out, err = cli(capsys, command, ADL, "--state", str(path), *approve)
        assert code == 2, (command, out, err)
        assert "ADL5100" in err and "Traceback" not in err
    assert path.read_text() == text


def test_azure_deployment_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "plan", str(EXAMPLES / "azure-webapp.adl"), "--state", str(tmp_path / "s.json"))
    assert code == 1 and "ADL5109" in err


def test_plan_needs_no_endpoint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "plan", ADL, "--state", str(tmp_path / "s.json"),
                       "--endpoint", f"http://127.0.0.1:{free_port()}")
    # six resources and the access-log bucket (a part of the deployment, counted as Terraform counts it)
    assert code == 0 and out.splitlines()[-1] == "Plan: 7 to create, 0 to update, 0 to delete"
    assert not (tmp_path / "s.json").exists()


def test_api_missing_on_endpoint_skips_only_that_resource(moto_server, tmp_path: Path,  # noqa: F811
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A provider that needs an API moto lacks (here elasticache:DeleteCacheSubnetGroup, called for
    real) is cleaned up, skipped with ADL5105, its dependents with ADL5113; the rest deploys."""
    moto_server.reset()
    providers.load_all()
    real = providers.PROVIDERS["bucket"]

    def create(ctx, phys):  # type: ignore[no-untyped-def]
        real.create(ctx, phys)  # the bucket exists now...
        ctx.c("elasticache").delete_cache_subnet_group(CacheSubnetGroupName="x")  # ...then a missing API

    monkeypatch.setitem(providers.PROVIDERS.handlers, "bucket", replace(real, create=create))
    adl = tmp_path / "gap.adl"
    adl.write_text('deployment gap { region = "us-east-1" }\nkey k { rotation = true }\n'
                   'bucket b { encryption = k }\naudit t { bucket = b }\nqueue q { encryption = k }\n')
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto_server.endpoint, "--auto-approve")
    assert code == 0, err
    assert "ADL5105" in err and "`b` (bucket) was skipped" in err and "DeleteCacheSubnetGroup" in err
    assert "ADL5113" in err and "`t` (audit) was skipped because `b` was skipped" in err
    assert "2 created" in out and "2 skipped" in out
    state = json.loads((tmp_path / ".autodeploy" / "gap.state.json").read_text())
    assert set(state["resources"]) == {"k", "q"}
    assert not [x for x in inventory(moto_server.endpoint, "us-east-1", {"s3", "cloudtrail"})]
    assert cli(capsys, "destroy", str(adl), "--endpoint", moto_server.endpoint, "--auto-approve")[0] == 0


SMALL = ('deployment small { region = "us-east-1" }\nkey k { rotation = true }\n'
         'bucket b { encryption = k }\nqueue q { encryption = k }\n')


def test_state_saved_after_each_resource_and_removed_on_rollback(moto_server, tmp_path: Path,  # noqa: F811
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from autodeploy.backends.deploy import engine
    from autodeploy.backends.deploy import state as st
    from autodeploy.backends.deploy.cloud import CallLog, Cloud
    from autodeploy.compiler import compile_source

    moto_server.reset()
    result = compile_source(SMALL, "small.adl")
    assert result.ir is not None and result.graph is not None
    saves: list[list[str]] = []
    real_write = st.write_atomic

    def spy(path: str, text: str, **kw: bool) -> None:
        saves.append(sorted(json.loads(text)["resources"]))
        real_write(path, text, **kw)

    monkeypatch.setattr(st, "write_atomic", spy)
    path = tmp_path / "s.json"
    cloud = Cloud("us-east-1", moto_server.endpoint)
    try:
        state = st.load(str(path), "small", "us-east-1", moto_server.endpoint)
        assert engine.apply(result.ir, result.graph, state, cloud, lambda _: None).exit_code == 0
        # one atomic save per completed resource, growing: a crash between two loses nothing
        assert [len(s) for s in saves] == [1, 2, 3] and saves[-1] == ["b", "k", "q"]
        assert engine.destroy(state, cloud, lambda _: None).exit_code == 0
        path.unlink()
        # no state before the run -> no state file after a failed run
        state = st.load(str(path), "small", "us-east-1", moto_server.endpoint)
        cloud.calls = CallLog(fail_at=5)
        out = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
        assert out.exit_code == 1 and not path.exists()
        assert [d.code for d in out.diagnostics] == ["ADL5104"]
        assert inventory(moto_server.endpoint, "us-east-1", {"s3", "sqs", "kms"}) == []
    finally:
        cloud.close()
