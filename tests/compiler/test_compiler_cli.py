"""The CLI's exit codes and outputs for compile, fmt and graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autodeploy.cli import main

PORTAL = "examples/patient-portal.adl"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compile_ok_writes_ir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ir.json"
    code, out, _ = run(capsys, "compile", PORTAL, "--emit-ir", str(target))
    assert code == 0
    assert "6 resources" in out
    ir = json.loads(target.read_text())
    assert ir["ir_version"] == "1.0"
    assert {r["name"] for r in ir["resources"]} == {"core", "records_key", "records", "patients", "api", "trail"}
    api = next(r for r in ir["resources"] if r["name"] == "api")
    assert api["attrs"]["replicas"] == {"min": 2, "max": 12}
    assert api["attrs"]["memory"] == 2 and api["units"]["memory"] == "GB"
    records = next(r for r in ir["resources"] if r["name"] == "records")
    assert records["attrs"]["size"] == 2048
    trail = next(r for r in ir["resources"] if r["name"] == "trail")
    assert trail["attrs"]["retention"] == 2555  # 7 years in days
    assert {"from": "api", "to": "patients", "attr": "uses"} in ir["edges"]


def test_compile_errors_exit_1_with_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compile", "examples/errors/invalid-values.adl", "--format", "json")
    assert code == 1
    diags = json.loads(err)
    assert [d["code"] for d in diags] == ["ADL1014", "ADL1012", "ADL1013", "ADL1011", "ADL1015"]
    assert diags[0]["span"]["line"] == 4


def test_missing_file_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compile", "nope.adl")
    assert code == 2 and "no such file" in err


def test_set_overrides_param(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compile", PORTAL, "--set", "env=dev", "--emit-ir", "-")
    assert code == 0
    assert json.loads(out)["deployment"]["tags"]["env"] == "dev"


@pytest.mark.parametrize("arg,needle", [("bogus=1", "no parameter named `bogus`"), ("env", "NAME=VALUE")])
def test_bad_set(capsys: pytest.CaptureFixture[str], arg: str, needle: str) -> None:
    code, _, err = run(capsys, "compile", PORTAL, "--set", arg)
    assert code in (1, 2) and needle in err


def test_graph_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "graph", PORTAL)
    assert code == 0 and out.splitlines()[0] == "wave 1: core (network), records_key (key)"
    code, out, _ = run(capsys, "graph", PORTAL, "--format", "dot")
    assert out.startswith("digraph deployment {") and '"api" -> "patients" [label="uses"];' in out
    code, out, _ = run(capsys, "graph", PORTAL, "--format", "mermaid")
    assert "api -->|uses| patients" in out
    code, out, _ = run(capsys, "graph", PORTAL, "--format", "json")
    assert json.loads(out)["waves"] == [["core", "records_key"], ["patients", "records", "trail"], ["api"]]


def test_graph_impact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "graph", PORTAL, "--impact", "records_key")
    assert code == 0
    assert out.splitlines()[0] == "records_key: 4 dependent resource(s)"
    code, _, err = run(capsys, "graph", PORTAL, "--impact", "patiens")
    assert code == 2 and "did you mean `patients`" in err


def test_fmt_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.adl"
    f.write_text("key k {rotation=true}   # keep me\nbucket b { size = 1 TB public=false }\n")
    code, out, _ = run(capsys, "fmt", "--check", str(f))
    assert code == 1 and "not formatted" in out
    code, _, _ = run(capsys, "fmt", str(f))
    assert code == 0
    assert f.read_text() == "key k { rotation = true }  # keep me\n\nbucket b {\n  size   = 1 TB\n  public = false\n}\n"
    code, _, _ = run(capsys, "fmt", "--check", str(f))
    assert code == 0


def test_fmt_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bad.adl"
    f.write_text("bucket b {\n")
    code, _, err = run(capsys, "fmt", str(f))
    assert code == 1 and "ADL0003" in err
    assert f.read_text() == "bucket b {\n"


def test_build_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "build", PORTAL, "-o", str(tmp_path / "out"))
    assert "compile  ok: 6 resources" in out
    assert out.rstrip().splitlines()[-1].strip().startswith("result")


def test_build_stops_on_compile_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "build", "examples/errors/dependency-cycle.adl")
    assert code == 1 and "does not compile" in out


def test_compile_and_check_runs_are_recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "h.duckdb"))
    assert run(capsys, "compile", PORTAL, "--record")[0] == 0
    assert run(capsys, "check", PORTAL, "--record")[0] == 0
    code, out, _ = run(capsys, "history", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    rows = rows["runs"] if isinstance(rows, dict) else rows
    assert sorted(r["kind"] for r in rows) == ["check", "compile"]
