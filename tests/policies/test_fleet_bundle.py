"""The library as an OPA bundle for a fleet: `policy bundle` is reproducible and revisioned by
content, the publisher speaks OPA's bundle service API (ETag/304), a real `opa run --server`
polls it, and `check --bundle-mode` answers like local `opa eval` — or fails closed when the
server's bundle is missing, unverified or another revision."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from policies_support import EXAMPLES, ORG_RULE, TODAY, free_port, opa_bin, org_dir, run_cli, running_opa  # noqa: F401

from autodeploy.compiler import compile_file
from autodeploy.policies import fleet_bundle
from autodeploy.policies.bundle_service import BundlePublisher, etag_matches, serve_stdlib
from autodeploy.policies.diagnostics import PolicyEngineError
from autodeploy.policies.engine import evaluate
from autodeploy.policies.library import revision_of
from autodeploy.policies.opa_bundle_server import active_bundle

HMAC_SECRET = "fleet-test-secret-0123456789abcdef"
POLL_WAIT = 30.0  # seconds a server may take to activate a bundle (it polls every 1-2 s)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, org_dir: str, opa_bin: str) -> dict[str, object]:  # noqa: F811
    d = tmp_path_factory.mktemp("bundles")
    key = d / "hmac.key"
    key.write_text(HMAC_SECRET + "\n", encoding="utf-8")
    started = time.perf_counter()
    plain = fleet_bundle.build(str(d / "org.tar.gz"), [org_dir])
    seconds = time.perf_counter() - started
    signed = fleet_bundle.build(str(d / "signed.tar.gz"), [org_dir], fleet_bundle.signing_key(str(key)))
    lib_only = fleet_bundle.build(str(d / "lib.tar.gz"))
    print(f"\nbundle build: {seconds:.2f} s, revision {plain.revision}, {plain.size} bytes")
    return {"dir": d, "plain": plain, "signed": signed, "lib": lib_only, "key": str(key)}


def test_bundle_is_reproducible_and_revisioned_by_content(built: dict[str, object], org_dir: str,  # noqa: F811
                                                          tmp_path: Path) -> None:
    plain, signed = built["plain"], built["signed"]
    assert isinstance(plain, fleet_bundle.Bundle) and isinstance(signed, fleet_bundle.Bundle)
    assert plain.revision == revision_of([org_dir]) == signed.revision
    again = fleet_bundle.build(str(tmp_path / "again.tar.gz"), [org_dir])
    assert Path(again.path).read_bytes() == Path(plain.path).read_bytes()
    resigned = fleet_bundle.build(str(tmp_path / "resigned.tar.gz"), [org_dir],
                                  fleet_bundle.signing_key(str(built["key"])))
    assert Path(resigned.path).read_bytes() == Path(signed.path).read_bytes() != Path(plain.path).read_bytes()
    # another library is another revision; the manifest owns data.adl only
    lib_only = built["lib"]
    assert isinstance(lib_only, fleet_bundle.Bundle)
    assert lib_only.revision == revision_of([]) != plain.revision
    manifest = fleet_bundle.read_manifest(Path(plain.path).read_bytes(), plain.path)
    assert manifest["revision"] == plain.revision and manifest["roots"] == ["adl"]


def test_bundle_errors_are_coded(tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str) -> None:  # noqa: F811
    key = tmp_path / "k"
    key.write_text("short", encoding="utf-8")
    code, _, err = run_cli(capsys, "policy", "bundle", "-o", str(tmp_path / "b.tar.gz"), "--signing-key", str(key))
    assert code == 2 and "ADL0941" in err
    key.write_text(HMAC_SECRET, encoding="utf-8")
    code, _, err = run_cli(capsys, "policy", "bundle", "-o", str(tmp_path / "b.tar.gz"), "--signing-key", str(key),
                           "--signing-alg", "ES256")
    assert code == 2 and "ADL0941" in err and "deterministic" in err
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.rego").write_text("package adl.rules.org.x\n\nfindings contains f if { f := 1 +  }\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "policy", "bundle", "-o", str(tmp_path / "b.tar.gz"), "--policy-dir", str(bad))
    assert code == 2 and "ADL3004" in err
    # a type error only `opa build` sees: still ADL3004, at the organisation's file (not the staged copy)
    (bad / "x.rego").write_text(ORG_RULE.replace("lib.of_kind(", "lib.no_such_helper("), encoding="utf-8")
    code, _, err = run_cli(capsys, "policy", "bundle", "-o", str(tmp_path / "b.tar.gz"), "--policy-dir", str(bad))
    assert code == 2 and "ADL3004" in err and "rego_type_error" in err and f"{bad / 'x.rego'}:" in err, err
    # a module outside the bundle's root
    (bad / "x.rego").write_text(ORG_RULE, encoding="utf-8")
    (bad / "helpers.rego").write_text("package org.helpers\n\nx := 1\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "policy", "bundle", "-o", str(tmp_path / "b.tar.gz"), "--policy-dir", str(bad))
    assert code == 2 and "ADL0940" in err and "under `adl`" in err
    assert not (tmp_path / "b.tar.gz").exists()
    code, out, _ = run_cli(capsys, "policy", "bundle", "-o", str(tmp_path / "b.tar.gz"), "--format", "json")
    assert code == 0 and json.loads(out)["revision"] == revision_of([])


def test_publisher_speaks_the_bundle_service_api(built: dict[str, object], tmp_path: Path) -> None:
    plain = built["plain"]
    assert isinstance(plain, fleet_bundle.Bundle)
    path = tmp_path / "served.tar.gz"
    path.write_bytes(Path(plain.path).read_bytes())
    pub = BundlePublisher(str(path))
    ok = pub.handle("GET", "/bundles/autodeploy.tar.gz")
    headers = dict(ok.headers)
    assert ok.status == 200 and ok.body == path.read_bytes()
    assert headers["ETag"] == f'"{plain.revision}"' and headers["Content-Type"] == "application/gzip"
    assert pub.handle("GET", "/bundles/autodeploy.tar.gz", headers["ETag"]).status == 304
    assert pub.handle("GET", "/bundles/autodeploy.tar.gz", f'"x", W/{headers["ETag"]}').status == 304
    assert pub.handle("GET", "/bundles/autodeploy.tar.gz", '"sha256:other"').status == 200
    assert pub.handle("GET", "/bundles/other.tar.gz").status == 404
    assert pub.handle("POST", "/bundles/autodeploy.tar.gz").status == 405
    # rebuilt in place: the next poll gets the new revision; gone: 503, never a stale 200
    lib_only = built["lib"]
    assert isinstance(lib_only, fleet_bundle.Bundle)
    path.write_bytes(Path(lib_only.path).read_bytes())
    os.utime(path, ns=(1, 1))  # a changed file even within the file system's timestamp granularity
    fresh = pub.handle("GET", "/bundles/autodeploy.tar.gz", headers["ETag"])
    assert fresh.status == 200 and dict(fresh.headers)["ETag"] == f'"{lib_only.revision}"'
    path.write_bytes(b"not a tarball")
    assert pub.handle("GET", "/bundles/autodeploy.tar.gz").status == 503
    path.unlink()
    assert pub.handle("GET", "/bundles/autodeploy.tar.gz").status == 503
    assert etag_matches("*", '"a"') and not etag_matches(None, '"a"') and not etag_matches('"b"', '"a"')
    with pytest.raises(PolicyEngineError) as exc:
        BundlePublisher(str(tmp_path / "missing.tar.gz"))
    assert exc.value.diagnostic.code == "ADL0942"


@contextlib.contextmanager
def publishing(path: str) -> Iterator[str]:
    """The bundle on a stdlib http.server at 127.0.0.1; yields the service URL."""
    server = serve_stdlib(BundlePublisher(path))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def opa_polling(opa: str, tmp: Path, service: str | None, signing: bool = False, secret: str = HMAC_SECRET
                ) -> Iterator[str]:
    """A real `opa run --server` polling `service` every 1-2 s (no config: no bundle at all)."""
    args = []
    if service is not None:
        config = {
            "services": {"fleet": {"url": service}},
            "bundles": {"autodeploy": {"service": "fleet", "resource": "bundles/autodeploy.tar.gz",
                                       "polling": {"min_delay_seconds": 1, "max_delay_seconds": 2}}},
        }
        if signing:
            config["bundles"]["autodeploy"]["signing"] = {"keyid": "default"}  # type: ignore[index]
            config["keys"] = {"default": {"key": secret, "algorithm": "HS256"}}
        cfg = tmp / f"opa-{free_port()}.json"
        cfg.write_text(json.dumps(config), encoding="utf-8")
        args = ["--config-file", str(cfg)]
    with running_opa(opa, *args) as url:
        yield url


def wait_for_revision(url: str, revision: str) -> float:
    """Seconds until the server reports `revision` active (fails after POLL_WAIT)."""
    started = time.monotonic()
    while time.monotonic() - started < POLL_WAIT:
        with urllib.request.urlopen(f"{url}/v1/data/system/bundles", timeout=5) as r:
            found = active_bundle(json.loads(r.read()))
        if found is not None and found[1] == revision:
            return time.monotonic() - started
        time.sleep(0.1)
    pytest.fail(f"{url} did not activate {revision} within {POLL_WAIT:g} s (has {found})")


def _ir(example: str):  # type: ignore[no-untyped-def]
    result = compile_file(example)
    assert result.ok and result.ir is not None
    return result.ir


def test_a_real_opa_server_polls_the_bundle_and_answers_like_opa_eval(
    built: dict[str, object], org_dir: str, opa_bin: str, tmp_path: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain, lib_only = built["plain"], built["lib"]
    assert isinstance(plain, fleet_bundle.Bundle) and isinstance(lib_only, fleet_bundle.Bundle)
    served = tmp_path / "served.tar.gz"
    served.write_bytes(Path(plain.path).read_bytes())
    with publishing(str(served)) as service, opa_polling(opa_bin, tmp_path, service) as url:
        seconds = wait_for_revision(url, plain.revision)
        with capsys.disabled():  # the figure docs/policy-bundles.md quotes (`pytest -s`)
            print(f"\nOPA activated the bundle {seconds:.2f} s after answering /health")
        for example in EXAMPLES:
            ir = _ir(example)
            local = evaluate(ir, policy_dirs=[org_dir], today=TODAY)
            remote = evaluate(ir, policy_dirs=[org_dir], opa_url=url, today=TODAY, bundle_mode=True)
            assert remote.engine == "opa server (bundle)" and local.engine == "opa eval"
            assert local.to_json() == remote.to_json(), example
        assert any(f.rule == "ORG-001" for f in evaluate(_ir("examples/patient-portal.adl"), policy_dirs=[org_dir],
                                                          opa_url=url, today=TODAY, bundle_mode=True).findings)
        # the CLI: same JSON report as the local gate, pinned revision accepted
        argv = ["check", "examples/patient-portal.adl", "--policy-dir", org_dir, "--format", "json", "--today", TODAY]
        code_l, out_l, _ = run_cli(capsys, *argv)
        pinned = ["--opa-url", url, "--bundle-mode", "--bundle-revision", plain.revision]
        code_r, out_r, _ = run_cli(capsys, *argv, *pinned)
        assert (code_r, json.loads(out_r)) == (code_l, json.loads(out_l))
        # fail closed: the server runs another revision than this run's library ...
        code, out, err = run_cli(capsys, "check", "examples/patient-portal.adl", "--opa-url", url, "--bundle-mode")
        assert code == 2 and "ADL0944" in err and out == ""
        # ... a pin that is not this library's ...
        code, _, err = run_cli(capsys, *argv, "--opa-url", url, "--bundle-mode", "--bundle-revision", "sha256:0")
        assert code == 2 and "ADL0945" in err
        # ... and the bundle owns data.adl: the upload path is refused, not silently mixed in
        code, _, err = run_cli(capsys, *argv, "--opa-url", url)
        assert code == 2 and "owned by bundle" in err
        # a new revision published in place reaches the server on its next poll (ETag changed)
        served.write_bytes(Path(lib_only.path).read_bytes())
        seconds = wait_for_revision(url, lib_only.revision)
        with capsys.disabled():
            print(f"OPA polled the new revision {seconds:.2f} s after it was published (polling every 1-2 s)")
        plain_argv = ["check", "examples/patient-portal.adl", "--format", "json", "--today", TODAY]
        assert run_cli(capsys, *plain_argv, "--opa-url", url, "--bundle-mode") == run_cli(capsys, *plain_argv)


def test_missing_or_unverified_bundle_fails_closed(built: dict[str, object], org_dir: str, opa_bin: str,  # noqa: F811
                                                  tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    signed = built["signed"]
    assert isinstance(signed, fleet_bundle.Bundle)
    argv = ["check", "examples/patient-portal.adl", "--policy-dir", org_dir, "--bundle-mode", "--opa-url"]
    with opa_polling(opa_bin, tmp_path, None) as bare:
        code, out, err = run_cli(capsys, *argv, bare)
        assert code == 2 and "ADL0943" in err and "no bundle" in err and out == ""
    with publishing(signed.path) as service:
        with opa_polling(opa_bin, tmp_path, service, signing=True) as url:
            wait_for_revision(url, signed.revision)  # a good signature activates
            local = run_cli(capsys, *argv[:4], "--today", TODAY)
            assert run_cli(capsys, *argv, url, "--today", TODAY) == local and local[2] == ""
        with opa_polling(opa_bin, tmp_path, service, signing=True, secret="another-secret-0123456789") as url:
            time.sleep(3)  # two polls: the bundle is refused each time
            code, _, err = run_cli(capsys, *argv, url)
            assert code == 2 and "ADL0943" in err


def test_bundle_mode_options_need_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "check", "examples/patient-portal.adl", "--bundle-mode")
    assert code == 2 and "--opa-url" in err
    code, _, err = run_cli(capsys, "check", "examples/patient-portal.adl", "--bundle-revision", "sha256:1")
    assert code == 2 and "--bundle-mode" in err


def test_fastapi_router_serves_the_same_answers(built: dict[str, object]) -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from autodeploy.policies.bundle_service import router

    plain = built["plain"]
    assert isinstance(plain, fleet_bundle.Bundle)
    app = FastAPI()
    app.include_router(router(BundlePublisher(plain.path), prefix="/opa"))
    client = TestClient(app)
    ok = client.get("/opa/bundles/autodeploy.tar.gz")
    assert ok.status_code == 200 and ok.content == Path(plain.path).read_bytes()
    assert ok.headers["etag"] == f'"{plain.revision}"'
    again = client.get("/opa/bundles/autodeploy.tar.gz", headers={"If-None-Match": ok.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/bundles/autodeploy.tar.gz").status_code == 404


def test_policy_publish_command(built: dict[str, object], tmp_path: Path) -> None:

    plain = built["plain"]
    assert isinstance(plain, fleet_bundle.Bundle)
    exe = str(Path(sys.executable).parent / "autodeploy")
    proc = subprocess.Popen([exe, "policy", "publish", plain.path, "--addr", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith(f"serving revision {plain.revision} at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].strip()
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200 and r.read() == Path(plain.path).read_bytes()
            etag = r.headers["ETag"]
        req = urllib.request.Request(url, headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(req, timeout=10)
        assert exc.value.code == 304
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    bad = subprocess.run([exe, "policy", "publish", str(tmp_path / "none.tar.gz")], capture_output=True, text=True,
                         timeout=60, check=False)
    assert bad.returncode == 2 and "ADL0942" in bad.stderr
