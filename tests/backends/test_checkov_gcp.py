"""checkov as a judge of the GCP backend: the portable examples retargeted to gcp scan clean apart from
the documented exceptions in backends/data/checkov_gcp_exceptions.json (reasons in docs/gcp.md)."""

from __future__ import annotations

import fnmatch
import json
import subprocess

import pytest
from _tf_helpers import ROOT, allow_missing, tool_missing

from autodeploy.backends.gcp import emit_terraform_gcp
from autodeploy.compiler import compile_file

EXAMPLES = ("portable-api", "portable-batch")
CHECKOV = ROOT / ".tools" / "checkov" / "bin" / "checkov"
EXCEPTIONS = json.loads((ROOT / "backends" / "data" / "checkov_gcp_exceptions.json").read_text())["exceptions"]


def _accepted(check: str, resource: str) -> bool:
    return any(e["check"] == check and any(fnmatch.fnmatchcase(resource, p) for p in e["resources"])
               for e in EXCEPTIONS)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not CHECKOV.exists():
        if allow_missing():
            pytest.skip(tool_missing("checkov"))
        pytest.fail(tool_missing("checkov (scripts/install-checkov.sh)"))
    out = tmp_path_factory.mktemp("checkov_gcp")
    for name in EXAMPLES:
        res = compile_file(f"examples/{name}.adl", cloud="gcp")
        assert res.ok, res.render()
        (out / name).mkdir()
        (out / name / "main.tf").write_text(emit_terraform_gcp(res.ir, res.graph).files["main.tf"], encoding="utf-8")
    proc = subprocess.run([str(CHECKOV), "-d", str(out), "--framework", "terraform", "-o", "json", "--quiet",
                           "--skip-download"], capture_output=True, text=True, timeout=600)
    assert proc.stdout.strip(), proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    reports = [r for r in (data if isinstance(data, list) else [data]) if r.get("check_type") == "terraform"]
    assert len(reports) == 1
    return reports[0]


def test_exceptions_are_documented():
    docs = (ROOT / "docs" / "gcp.md").read_text(encoding="utf-8")
    for e in EXCEPTIONS:
        assert e["reason"].strip() and e["resources"]
        assert e["check"] in docs, f"{e['check']} is accepted but not listed in docs/gcp.md"


def test_checkov_scanned_the_google_resources(report):
    s = report["summary"]
    assert s["parsing_errors"] == 0
    assert s["passed"] > 100 and s["resource_count"] > 60, s


def test_no_failed_checks_outside_exceptions(report):
    bad = [f"{f['check_id']} {f['resource']} ({f['check_name']})" for f in report["results"]["failed_checks"]
           if not _accepted(f["check_id"], f["resource"])]
    assert not bad, "checkov failures not in checkov_gcp_exceptions.json:\n" + "\n".join(bad)


def test_every_exception_is_still_needed(report):
    failed = [(f["check_id"], f["resource"]) for f in report["results"]["failed_checks"]]
    stale = [e["check"] for e in EXCEPTIONS
             if not any(c == e["check"] and any(fnmatch.fnmatchcase(r, p) for p in e["resources"]) for c, r in failed)]
    assert not stale, f"exceptions no longer triggered: {stale}"
