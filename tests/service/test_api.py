"""The REST API answers what the CLI answers: the same codes, findings, estimates and files,
compared document for document with the CLI's `--format json` output run on the same files."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from autodeploy.cli import main

from .conftest import EXAMPLES, TODAY, example_files


def cli(tmp: Path, files: dict[str, Any], argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """The CLI run in a folder holding exactly the request's files."""
    for name, text in [(files["filename"], files["source"]), *files.get("imports", {}).items()]:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(argv)
    return rc, out.getvalue(), err.getvalue()


def post(client: TestClient, op: str, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(f"/v1/{op}", json=body)
    assert r.status_code == 200, r.text
    doc: dict[str, Any] = r.json()
    return doc


@pytest.mark.parametrize("name", ["errors/invalid-values.adl", "errors/syntax-several.adl",
                                  "errors/undefined-and-wrong-kind-reference.adl", "errors/unresolvable-import.adl",
                                  "patient-portal.adl"])
def test_compile_diagnostics_are_the_clis(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          name: str) -> None:
    files = example_files(name)
    doc = post(client, "compile", files)
    rc, _, err = cli(tmp_path, files, ["compile", name, "--format", "json"], monkeypatch)
    assert doc["exit_code"] == rc
    assert doc["diagnostics"] == json.loads(err)
    if rc == 0:
        assert doc["ir"]["deployment"]["name"] and doc["graph"]["nodes"]


@pytest.mark.parametrize("name", ["patient-portal.adl", "pci-checkout.adl", "data-platform.adl"])
def test_check_report_is_the_clis(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  name: str) -> None:
    files = example_files(name)
    doc = post(client, "check", {**files, "today": TODAY, "fail_on": "medium"})
    rc, out, _ = cli(tmp_path, files, ["check", name, "--format", "json", "--today", TODAY, "--fail-on", "medium"],
                     monkeypatch)
    assert doc["exit_code"] == rc
    assert doc["check"] == json.loads(out)
    assert doc["run_id"]


def test_check_with_frameworks_is_the_clis(client: TestClient, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    files = example_files("pci-checkout.adl")
    doc = post(client, "check", {**files, "today": TODAY, "frameworks": ["hipaa"]})
    rc, out, _ = cli(tmp_path, files, ["check", "pci-checkout.adl", "--format", "json", "--today", TODAY,
                                       "--framework", "hipaa"], monkeypatch)
    assert (doc["exit_code"], doc["check"]) == (rc, json.loads(out))
    assert doc["check"]["frameworks"] == ["hipaa"]


@pytest.mark.parametrize("name", ["patient-portal.adl", "azure-webapp.adl"])
def test_cost_is_the_clis(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    files = example_files(name)
    doc = post(client, "cost", files)
    rc, out, _ = cli(tmp_path, files, ["cost", name, "--format", "json"], monkeypatch)
    assert (doc["exit_code"], doc["cost"]) == (rc, json.loads(out))


def test_cost_usage_file_errors_are_the_clis(client: TestClient, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = example_files("patient-portal.adl")
    usage = "records:\n  no_such_key: 3\n"
    doc = post(client, "cost", {**files, "usage": usage})
    (tmp_path / "usage.yml").write_text(usage, encoding="utf-8")
    rc, _, err = cli(tmp_path, files, ["cost", "patient-portal.adl", "--usage", "usage.yml"], monkeypatch)
    assert doc["exit_code"] == rc == 2
    codes = [d["code"] for d in doc["diagnostics"]]
    assert codes and all(c in err for c in codes)


@pytest.mark.parametrize(("name", "target"), [("patient-portal.adl", "terraform"), ("azure-webapp.adl", "arm")])
def test_emit_returns_the_clis_files(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     name: str, target: str) -> None:
    files = example_files(name)
    doc = post(client, "emit", {**files, "target": target})
    rc, _, _ = cli(tmp_path, files, ["emit", name, "--target", target, "-o", "out"], monkeypatch)
    written = {p.relative_to(tmp_path / "out").as_posix(): p.read_text(encoding="utf-8")
               for p in sorted((tmp_path / "out").rglob("*")) if p.is_file()}
    assert doc["exit_code"] == rc == 0
    assert doc["artifacts"] == written and written


def test_build_is_the_clis(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = example_files("patient-portal.adl")
    doc = post(client, "build", files)  # the CLI's build has no --today: both check against today
    rc, out, _ = cli(tmp_path, files, ["build", "patient-portal.adl", "-o", "_build"], monkeypatch)
    assert doc["exit_code"] == rc
    assert ["  " + line for line in doc["summary"]] == out.splitlines()[1:-1]
    written = sorted(p.relative_to(tmp_path / "_build").as_posix() for p in (tmp_path / "_build").rglob("*")
                     if p.is_file())
    assert sorted(doc["artifacts"]) == written and "main.tf" in written


def test_generate_is_the_offline_translator(client: TestClient, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    request = "a HIPAA-compliant patient portal with Postgres and a private bucket, under $1,200 a month"
    doc = post(client, "generate", {"request": request, "filename": "portal.adl"})
    monkeypatch.setenv("AUTODEPLOY_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("AUTODEPLOY_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        rc = main(["generate", request, "-o", "portal.adl", "--no-context"])
    assert doc["exit_code"] == rc
    assert doc["adl"] == (tmp_path / "portal.adl").read_text(encoding="utf-8")


def test_generate_without_a_resource_is_coded(client: TestClient) -> None:
    doc = post(client, "generate", {"request": "hello there"})
    assert doc["exit_code"] == 1 and [d["code"] for d in doc["diagnostics"]] == ["ADL0502"]


# ---- imports stay inside the request's map -----------------------------------------------------------
def test_an_import_outside_the_map_is_not_read(client: TestClient) -> None:
    files = example_files("patient-portal.adl")
    files["imports"] = {}
    doc = post(client, "compile", files)
    codes = [d["code"] for d in doc["diagnostics"]]
    assert doc["exit_code"] == 1 and codes[0] == "ADL0101"  # then what the missing file would define


def test_an_import_climbing_out_is_refused(client: TestClient) -> None:
    source = 'import "../../../etc/passwd.adl"\nbucket b {}\n'
    doc = post(client, "compile", {"source": source})
    assert "ADL0111" in [d["code"] for d in doc["diagnostics"]]
    source = f'import "{EXAMPLES / "lib" / "network.adl"}"\nbucket b {{}}\n'  # an absolute path on the server
    doc = post(client, "compile", {"source": source})
    assert "ADL0110" in [d["code"] for d in doc["diagnostics"]]


@pytest.mark.parametrize("name", ["../x.adl", "/etc/x.adl", "a\\b.adl", "notes.txt", ".hidden.adl", "a//b.adl", ""])
def test_bad_file_names_are_refused(client: TestClient, name: str) -> None:
    r = client.post("/v1/compile", json={"source": "bucket b {}\n", "imports": {name: "bucket c {}\n"}})
    assert r.status_code == 400
    assert [d["code"] for d in r.json()["diagnostics"]] == ["ADL0904"]


def test_invalid_bodies_are_coded(client: TestClient) -> None:
    r = client.post("/v1/check", json={"sourc": "x"})
    assert r.status_code == 422 and {d["code"] for d in r.json()["diagnostics"]} == {"ADL0903"}
    r = client.post("/v1/check", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["diagnostics"][0]["code"] == "ADL0903"
    r = client.get("/v1/nothing-here")
    assert r.status_code == 404 and r.json()["diagnostics"][0]["code"] == "ADL0909"
    r = client.get("/v1/runs/doesnotexist")
    assert r.status_code == 404 and r.json()["diagnostics"][0]["code"] == "ADL0909"


def test_a_body_over_the_limit_is_refused_unread(client: TestClient) -> None:
    big = {"source": "# " + "x" * (1 << 20) + "\n"}
    r = client.post("/v1/compile", json=big)
    assert r.status_code == 413 and r.json()["diagnostics"][0]["code"] == "ADL0902"


# ---- history ---------------------------------------------------------------------------------------
def test_runs_are_recorded_with_their_documents(client: TestClient) -> None:
    files = example_files("patient-portal.adl")
    built = post(client, "build", {**files, "today": TODAY, "commit": "0123456789abcdef0123456789abcdef01234567"})
    runs = client.get("/v1/runs", params={"deployment": "patient_portal"}).json()
    assert runs[0]["run_id"] == built["run_id"] and runs[0]["kind"] == "build"
    assert runs[0]["git_commit"] == "0123456789abcdef0123456789abcdef01234567"
    assert runs[0]["total_monthly"] == built["cost"]["total_monthly"]
    assert runs[0]["findings"] == len(built["check"]["findings"])
    run = client.get(f"/v1/runs/{built['run_id']}").json()
    assert run["check"] == built["check"] and run["cost"] == built["cost"] and run["graph"] == built["graph"]
    assert run["artifacts"] == sorted(built["artifacts"])
    tf = client.get(f"/v1/runs/{built['run_id']}/artifacts/main.tf")
    assert tf.status_code == 200 and tf.text == built["artifacts"]["main.tf"]
    assert "attachment" in tf.headers["content-disposition"]


def test_a_secret_value_never_reaches_the_history(client: TestClient) -> None:
    source = 'secret api_key { value = "hunter2-very-secret" }\n'
    doc = post(client, "compile", {"source": source})
    assert doc["exit_code"] == 0
    run = client.get(f"/v1/runs/{doc['run_id']}").json()
    assert "hunter2" not in json.dumps(run) and "hunter2" not in json.dumps(doc)


# ---- operations ------------------------------------------------------------------------------------
def test_openapi_lists_the_v1_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/v1/compile", "/v1/check", "/v1/cost", "/v1/build", "/v1/emit", "/v1/generate", "/v1/runs",
                 "/v1/runs/{run_id}"):
        assert path in spec["paths"], path
    assert "/runs/{run_id}" not in spec["paths"]  # the dashboard's pages are not API


def test_probes_and_metrics(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    post(client, "compile", {"source": "bucket b {}\n"})
    text = client.get("/metrics").text
    assert client.get("/metrics").headers["content-type"].startswith("text/plain; version=0.0.4")
    assert 'autodeploy_requests_total{route="/v1/compile",method="POST",status="200"}' in text
    assert 'autodeploy_request_seconds_bucket{route="/v1/compile",le="+Inf"}' in text
    assert "autodeploy_workers 2" in text
