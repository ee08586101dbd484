"""Checkov's ARM checks on every emitted template: no failed check except the accepted exceptions
in backends/data/checkov_arm_exceptions.json (each with its reason; listed in docs/arm.md).

Needs .tools/checkov/bin/checkov (scripts/install-checkov.sh). Without it the test FAILS, unless
AUTODEPLOY_ALLOW_MISSING_TOOLS=1 (then it is skipped)."""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess

import pytest
from _arm_helpers import ROOT, emitted, golden_inputs

CHECKOV = ROOT / ".tools" / "checkov" / "bin" / "checkov"
EXCEPTIONS = json.loads((ROOT / "backends" / "data" / "checkov_arm_exceptions.json").read_text(encoding="utf-8"))


def _accepted(check_id: str, resource: str) -> bool:
    return any(e["check"] == check_id and any(fnmatch.fnmatchcase(resource, p) for p in e["resources"])
               for e in EXCEPTIONS["exceptions"])


@pytest.fixture(scope="module")
def checkov_report(tmp_path_factory):
    if not CHECKOV.exists():
        msg = f"checkov is not installed at {CHECKOV}; run scripts/install-checkov.sh"
        if os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1":
            pytest.skip(msg)
        pytest.fail(msg)
    out = tmp_path_factory.mktemp("arm")
    for path in golden_inputs():
        _, result = emitted(str(path))
        (out / path.stem).mkdir()
        (out / path.stem / "azuredeploy.json").write_text(result.files["azuredeploy.json"], encoding="utf-8")
    proc = subprocess.run([str(CHECKOV), "-d", str(out), "--framework", "arm", "-o", "json", "--quiet",
                           "--skip-download"], capture_output=True, text=True, timeout=600)
    assert proc.stdout.strip(), proc.stderr
    data = json.loads(proc.stdout)
    return data if isinstance(data, list) else [data]


def test_checkov_parsed_every_template(checkov_report):
    summary = checkov_report[0]["summary"]
    assert summary["parsing_errors"] == 0
    assert summary["resource_count"] >= 100


def test_no_failed_checks_beyond_accepted_exceptions(checkov_report):
    failed = [f for rep in checkov_report for f in rep["results"]["failed_checks"]]
    unexpected = sorted({f"{f['check_id']} {f['resource']} ({f['file_path']})" for f in failed
                         if not _accepted(f["check_id"], f["resource"])})
    assert unexpected == []


def test_every_exception_is_still_needed_and_has_a_reason(checkov_report):
    failed = [f for rep in checkov_report for f in rep["results"]["failed_checks"]]
    for e in EXCEPTIONS["exceptions"]:
        assert len(e["reason"]) > 40, e
        assert any(f["check_id"] == e["check"] and any(fnmatch.fnmatchcase(f["resource"], p) for p in e["resources"])
                   for f in failed), f"exception {e['check']} no longer needed: remove it"
