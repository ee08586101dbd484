"""The two engines (local `opa eval`, OPA server) agree; engine errors are ADL3xxx diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from policies_support import EXAMPLES, TODAY, free_port, opa_bin, opa_server, org_dir, run_cli  # noqa: F401

from autodeploy.compiler import compile_file
from autodeploy.policies.engine import Finding, PolicyEngineError, evaluate


def _ir(path: str):  # type: ignore[no-untyped-def]
    res = compile_file(path)
    assert res.ok, res.render()
    return res.ir


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 6, EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_both_engines_agree(example: str, opa_bin: str, opa_server: str, org_dir: str) -> None:  # noqa: F811
    ir = _ir(example)
    for dirs in ((), (org_dir,)):
        local = evaluate(ir, policy_dirs=dirs, today=TODAY)
        server = evaluate(ir, policy_dirs=dirs, opa_url=opa_server, today=TODAY)
        assert local.engine == "opa eval" and server.engine == "opa server"
        assert local.to_json() == server.to_json()
        assert [f.sort_key() for f in local.findings] == sorted(f.sort_key() for f in local.findings)


def test_engines_agree_on_nonempty_findings(opa_server: str, org_dir: str) -> None:  # noqa: F811
    # the agreement above must not be vacuous: the org rule fires on patient-portal's 2 TB bucket
    ir = _ir("examples/patient-portal.adl")
    local = evaluate(ir, policy_dirs=[org_dir], today=TODAY)
    server = evaluate(ir, policy_dirs=[org_dir], opa_url=opa_server, today=TODAY)
    org = [f for f in local.findings if f.rule == "ORG-001"]
    assert [f.resource for f in org] == ["records"]
    assert org[0].span is not None and org[0].span.file == "examples/patient-portal.adl"
    assert local.findings == server.findings
    # the server keeps no stale org policy after a run without it
    plain = evaluate(ir, opa_url=opa_server, today=TODAY)
    assert not [f for f in plain.findings if f.rule == "ORG-001"]


def test_findings_sorted_by_severity_then_position() -> None:
    def f(sev: str, line: int, rule: str) -> Finding:
        from autodeploy.compiler import Span

        return Finding(
            rule=rule,
            title="",
            severity=sev,
            resource="r",
            kind="bucket",
            attr=None,
            span=Span("a.adl", line, 1, line, 2),
            controls=(),
            frameworks=(),
            message="",
            remediation="",
            source="",
        )

    items = [
        f("low", 1, "B"),
        f("critical", 9, "A"),
        f("high", 3, "C"),
        f("high", 3, "A"),
        f("medium", 2, "Z"),
    ]
    got = [(x.severity, x.rule) for x in sorted(items, key=Finding.sort_key)]
    assert got == [("critical", "A"), ("high", "A"), ("high", "C"), ("medium", "Z"), ("low", "B")]


def test_broken_org_policy_is_adl3004(tmp_path: Path, opa_bin: str) -> None:  # noqa: F811
    (tmp_path / "bad.rego").write_text("package adl.rules.org.bad\n\nfindings contains f if {\n  f := \n}\n")
    with pytest.raises(PolicyEngineError) as info:
        evaluate(_ir("examples/static-site.adl"), policy_dirs=[str(tmp_path)], today=TODAY)
    d = info.value.diagnostic
    assert d.code == "ADL3004"
    assert d.span is not None and d.span.file.endswith("bad.rego")


def test_broken_org_policy_on_server_is_adl3004(tmp_path: Path, opa_server: str) -> None:  # noqa: F811
    (tmp_path / "bad.rego").write_text("package adl.rules.org.bad\n\nfindings contains f if {\n  f := \n}\n")
    with pytest.raises(PolicyEngineError) as info:
        evaluate(
            _ir("examples/static-site.adl"), policy_dirs=[str(tmp_path)], opa_url=opa_server, today=TODAY
        )
    assert info.value.diagnostic.code == "ADL3004"


def test_missing_policy_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyEngineError) as info:
        evaluate(_ir("examples/static-site.adl"), policy_dirs=[str(tmp_path / "nope")], today=TODAY)
    assert "not a directory" in info.value.diagnostic.message


def test_opa_missing_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", str(tmp_path / "no-such-opa"))
    code, out, err = run_cli(capsys, "check", "examples/patient-portal.adl")
    assert code == 2
    assert "ADL3001" in err and "scripts/install-opa.sh" in err
    assert "Traceback" not in err and "internal error" not in err


def test_opa_wrong_version_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "opa"
    fake.write_text("#!/bin/sh\necho 'Version: 0.70.0'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("AUTODEPLOY_OPA", str(fake))
    code, out, err = run_cli(capsys, "check", "examples/patient-portal.adl")
    assert code == 2
    assert "OPA 0.70.0" in err and "1.x" in err and "scripts/install-opa.sh" in err


def test_unreachable_opa_url_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    code, out, err = run_cli(capsys, "check", "examples/patient-portal.adl", "--opa-url", url)
    assert code == 2
    assert "ADL3003" in err and url in err
    assert "Traceback" not in err and "internal error" not in err


def test_default_frameworks_come_from_the_deployment(opa_bin: str) -> None:  # noqa: F811
    ir = _ir("examples/patient-portal.adl")
    assert evaluate(ir, today=TODAY).frameworks == tuple(ir.deployment.compliance)
    assert evaluate(ir, frameworks=["soc2"], today=TODAY).frameworks == ("soc2",)


def test_opa_resolved_from_repo_tools_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from autodeploy.policies import opa

    monkeypatch.delenv("AUTODEPLOY_OPA", raising=False)
    if not (opa.REPO_ROOT / ".tools" / "bin" / "opa").exists():
        pytest.skip("no .tools/bin/opa in this checkout; covered by opa_bin")
    assert os.path.samefile(opa.find_opa(), opa.REPO_ROOT / ".tools" / "bin" / "opa")
