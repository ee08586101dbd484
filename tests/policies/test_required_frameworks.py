"""A CI gate pins its frameworks: `--require-framework` adds to the deployment's `compliance`
(never replaces it), and `ci init` pins the frameworks the file declares when it is written, so a
pull request that deletes `compliance = [...]` cannot turn its own gate green."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from policies_support import TODAY, opa_bin, run_cli  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
PIN = ("--repo", "https://example.org/acme/autodeploy.git", "--commit", "0123456789abcdef0123456789abcdef01234567")
OPEN = 'deployment d { cloud = aws }\nbucket b { public = true }\n'


def _check(capsys: pytest.CaptureFixture[str], path: Path, *flags: str) -> tuple[int, dict]:
    code, out, _ = run_cli(capsys, "check", str(path), "--format", "json", "--today", TODAY, *flags)
    return code, json.loads(out)


def test_required_framework_applies_when_the_file_declares_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str) -> None:  # noqa: F811
    f = tmp_path / "a.adl"
    f.write_text(OPEN)
    code, doc = _check(capsys, f)
    assert code == 0 and doc["frameworks"] == [] and not doc["failed"]  # nothing pinned: nothing checked
    code, doc = _check(capsys, f, "--require-framework", "hipaa")
    assert doc["frameworks"] == ["hipaa"] and doc["failed"] and code == 1
    assert ("ADLP-017", "critical", "b") in {(x["rule"], x["severity"], x["resource"]) for x in doc["findings"]}


def test_required_frameworks_add_to_the_files_own(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  opa_bin: str) -> None:  # noqa: F811
    f = ROOT / "examples" / "patient-portal.adl"  # compliance = [hipaa, pci_dss]
    _, doc = _check(capsys, f, "--require-framework", "gdpr,hipaa")
    assert doc["frameworks"] == ["hipaa", "pci_dss", "gdpr"]
    _, doc = _check(capsys, f, "--framework", "soc2", "--require-framework", "gdpr")
    assert doc["frameworks"] == ["soc2", "gdpr"]


def test_ci_init_pins_the_files_frameworks(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "examples" / "patient-portal.adl", tmp_path / "app.adl")
    code, out, _ = run_cli(capsys, "ci", "init", "--provider", "github", "--file", "app.adl", *PIN)
    assert code == 0 and "always checking hipaa, pci_dss" in out
    steps = yaml.safe_load((tmp_path / ".github/workflows/autodeploy.yml").read_text())["jobs"]["gate"]["steps"]
    gates = [s["run"] for s in steps if "autodeploy check" in s.get("run", "")]
    assert gates and all("--require-framework hipaa,pci_dss" in g for g in gates)

    code, _, err = run_cli(capsys, "ci", "init", "--provider", "gitlab", "--file", "app.adl",
                           "--require-framework", "hipaa,iso27001", *PIN)
    assert code == 2 and "iso27001" in err and "known:" in err
    code, _, _ = run_cli(capsys, "ci", "init", "--provider", "gitlab", "--file", "app.adl",
                         "--require-framework", "soc2", *PIN)
    script = " ".join(yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text())["autodeploy-gate"]["script"])
    assert "--require-framework soc2" in script and "hipaa" not in script
