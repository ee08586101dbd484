"""A failing `autodeploy build` leaves nothing deployable in its out folder (autodeploy/stages/_artifacts.py).

A CI job that runs `terraform apply` (or `az deployment group create`) after a failing gate must find
neither a fresh artifact nor a stale one from an earlier passing build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autodeploy.cli import main
from autodeploy.stages import _artifacts

ROOT = Path(__file__).resolve().parent.parent
PASSING = str(ROOT / "examples" / "patient-portal.adl")
FAILING = str(ROOT / "examples" / "analytics-api-insecure.adl")  # 5 high findings: the gate fails
AZURE = str(ROOT / "examples" / "azure-webapp.adl")  # passes; fails with --fail-on low (a medium finding)


def build(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["build", *argv])
    out, _ = capsys.readouterr()
    return code, out


def files(out: Path) -> set[str]:
    return {p.name for p in out.iterdir()} if out.exists() else set()


def test_a_failing_gate_writes_no_artifact_and_removes_a_stale_one(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, _ = build(capsys, PASSING, "-o", str(out))
    assert code == 0 and "main.tf" in files(out)
    code, text = build(capsys, FAILING, "-o", str(out))
    assert code == 1
    assert files(out) == {"cost.json", "findings.sarif"}  # the reports that explain the verdict stay
    assert f"removed stale {out / 'main.tf'}" in text and "nothing deployable" in text
    assert "result   FAIL" in text


def test_a_failing_build_in_a_fresh_folder_writes_nothing_deployable(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fresh"
    code, text = build(capsys, FAILING, "-o", str(out))
    assert code == 1 and files(out) == {"cost.json", "findings.sarif"}
    assert "emit     not written (the build failed: nothing deployable)" in text


def test_keep_failed_writes_a_name_no_deploy_tool_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, text = build(capsys, FAILING, "-o", str(out), "--keep-failed")
    assert code == 1 and files(out) == {"cost.json", "findings.sarif", "main.tf.failed"}
    assert "resource \"aws_" in (out / "main.tf.failed").read_text()
    assert f"kept for inspection as {out / 'main.tf.failed'}" in text
    # Terraform loads *.tf and *.tf.json from the working folder, nothing else
    assert not [n for n in files(out) if n.endswith((".tf", ".tf.json"))]
    code, text = build(capsys, PASSING, "-o", str(out))
    assert code == 0 and files(out) == {"cost.json", "findings.sarif", "main.tf"}  # the old copy is gone
    assert "removed stale" in text


def test_a_compile_error_removes_a_stale_artifact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert build(capsys, PASSING, "-o", str(out))[0] == 0
    broken = tmp_path / "broken.adl"
    broken.write_text("deployment d { cloud = aws }\nbucket b { public = maybe }\n")
    code, text = build(capsys, str(broken), "-o", str(out))
    assert code == 1 and "main.tf" not in files(out)
    assert f"removed stale {out / 'main.tf'}" in text


def test_a_passing_build_removes_the_other_formats_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert build(capsys, PASSING, "-o", str(out), "--tf-format", "json")[0] == 0
    assert "main.tf.json" in files(out)
    assert build(capsys, PASSING, "-o", str(out))[0] == 0
    # both in one folder would declare every resource twice
    assert "main.tf" in files(out) and "main.tf.json" not in files(out)


def test_an_arm_template_is_withheld_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "az"
    assert build(capsys, AZURE, "-o", str(out))[0] == 0
    assert {"azuredeploy.json", "azuredeploy.parameters.json"} <= files(out)
    code, _ = build(capsys, AZURE, "-o", str(out), "--fail-on", "low")
    assert code == 1 and files(out) == {"cost.json", "findings.sarif"}


def test_a_stale_artifact_that_cannot_be_removed_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert build(capsys, PASSING, "-o", str(out))[0] == 0

    def refuse(path: str) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(_artifacts.os, "remove", refuse)
    code = main(["build", FAILING, "-o", str(out)])
    text, err = capsys.readouterr()
    assert code == 2  # never a plain gate failure that a script could mistake for "nothing to deploy"
    assert "ADL0976" in err and "ADL0976" in text and str(out / "main.tf") in err
    assert os.path.exists(out / "main.tf")
