"""The Rego rule library under policies/: OPA's own test run and coverage, the rule layout and METADATA
conventions, control ids traceable to policies/data/control_ids.json, the finding contract on every
example's IR, a deliberately insecure deployment, and evaluation speed on a 1,000-resource IR."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

import autodeploy

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "policies"
RULES = POLICIES / "rules"
TODAY = "2026-11-26"

FRAMEWORKS = {"hipaa", "pci_dss", "soc2", "gdpr"}
CONTROL_KEYS = {"hipaa": "hipaa", "pci_dss_3_2_1": "pci_dss", "pci_dss_4_0": "pci_dss", "soc2": "soc2", "gdpr": "gdpr"}
SEVERITIES = {"low", "medium", "high", "critical"}
FINDING_KEYS = {
    "rule", "title", "severity", "resource", "kind", "attr", "span", "controls", "frameworks", "message",
    "remediation", "source",
}

# Every compliance rule that can fire without an audit resource fires on this deployment.
INSECURE_ADL = """\
deployment leaky_clinic {
  cloud       = aws
  region      = "us-east-1"
  compliance  = [hipaa, pci_dss, soc2, gdpr]
  budget      = 100 usd/month
  environment = prod
}

network flat { flow_logs = false }

key weak_key { rotation = false }

secret db_password {
  value    = "hunter2"
  rotation = false
}

bucket scans {
  encryption  = false
  public      = true
  versioning  = false
  access_logs = false
  data        = phi
}

database records : postgres {
  encryption          = true
  tls                 = false
  public              = true
  multi_az            = false
  backup              = 1 day
  deletion_protection = false
  logs                = false
  network             = flat.public
  data                = phi
}

cache sessions : redis {
  network = flat.public
  tls    = false
  auth   = false
  backup = 0 days
  data   = pci
}

table consents {
  pitr                = false
  deletion_protection = false
  encryption          = false
  data                = pii
}

service portal : container {
  network = flat.public
  image  = "ghcr.io/acme/portal:1.0"
  expose = http
  logs   = false
  env    = { DB_PASSWORD: "hunter2", LOG_LEVEL: "debug" }
  uses   = [records, scans]
}

vm jump {
  network = flat.public
  instance = "t3.micro"
  ssh_from = "0.0.0.0/0"
  rdp_from = "0.0.0.0/0"
  public   = true
}

load_balancer front {
  network = flat.public
  public      = true
  protocol    = http
  port        = 80
  waf         = false
  access_logs = false
  targets     = [portal]
}

cdn edge {
  origin     = front
  https_only = false
  min_tls    = TLSv1
  waf        = false
  logging    = false
}
"""

WEAK_AUDIT = """
audit trail {
  retention      = 30 days
  log_validation = false
  multi_region   = false
  data_events    = false
}
"""


def _find_opa() -> str | None:
    env = os.environ.get("AUTODEPLOY_OPA")
    if env:
        return env
    local = ROOT / ".tools" / "bin" / "opa"
    if local.exists():
        return str(local)
    return shutil.which("opa")


@pytest.fixture(scope="session")
def opa() -> str:
    path = _find_opa()
    if path is None or not os.path.exists(path) and shutil.which(path) is None:
        msg = "OPA binary not found (AUTODEPLOY_OPA, .tools/bin/opa, PATH); run scripts/install-opa.sh"
        if os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1":
            pytest.skip(msg)
        pytest.fail(msg)
    return path


def _run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, **kw)


def _eval(opa: str, doc: dict[str, Any], tmp_path: Path) -> list[dict[str, Any]]:
    inp = tmp_path / "input.json"
    inp.write_text(json.dumps(doc))
    out = _run([opa, "eval", "-d", "policies/rules", "-d", "policies/lib", "-i", str(inp), "--format", "json",
                "data.adl.main.findings"])
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["result"][0]["expressions"][0]["value"]


def _doc(ir: dict[str, Any], frameworks: list[str] | None = None, cost: dict[str, Any] | None = None) -> dict:
    fws = list(ir["deployment"]["compliance"]) if frameworks is None else frameworks
    return {"ir": ir, "frameworks": fws, "cost": cost, "today": TODAY}


def _compile(text: str, name: str) -> dict[str, Any]:
    res = autodeploy.compile_source(text, name)
    assert res.ok, res.render()
    return res.ir.to_json()


# ------------------------------------------------------------------ opa test, coverage, check


def test_opa_test_passes(opa: str) -> None:
    out = _run([opa, "test", "policies/", "-v"])
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr
    assert re.search(r"PASS: \d+/\d+", out.stdout), out.stdout[-2000:]
    assert "FAIL" not in out.stdout


def test_opa_coverage_at_least_90(opa: str) -> None:
    out = _run([opa, "test", "policies/", "--coverage", "--format=json"])
    assert out.returncode == 0, out.stderr
    cov = json.loads(out.stdout)["coverage"]
    assert cov >= 90, f"rego coverage {cov:.1f}% < 90%"


def test_opa_check_strict(opa: str) -> None:
    out = _run([opa, "check", "--strict", "policies/rules", "policies/lib"])
    assert out.returncode == 0, out.stdout + out.stderr


# ------------------------------------------------------------------ layout and METADATA


def _rule_dirs() -> list[Path]:
    return sorted(p.parent for p in RULES.glob("*/*/*.rego") if not p.name.endswith("_test.rego"))


def test_every_rule_folder_has_rule_and_test() -> None:
    folders = sorted({p for p in RULES.glob("*/*") if p.is_dir()})
    assert len(folders) >= 20
    for d in folders:
        name = d.name
        assert (d / f"{name}.rego").is_file(), f"{d} lacks {name}.rego"
        assert (d / f"{name}_test.rego").is_file(), f"{d} lacks {name}_test.rego"
        text = (d / f"{name}.rego").read_text()
        assert f"package adl.rules.{d.parent.name}.{name}\n" in text, f"{d}: package must match the folder"
        assert "findings contains f if" in text
        # findings are built only through the shared helper, with the rule's own METADATA chain
        assert re.findall(r"f := lib\.(?:deployment_)?finding\(rego\.metadata\.chain\(\)", text), d


@pytest.fixture(scope="session")
def annotations(opa: str) -> dict[str, dict[str, Any]]:
    out = _run([opa, "inspect", "-a", "--format", "json", "policies/rules"])
    assert out.returncode == 0, out.stderr
    by_pkg: dict[str, dict[str, Any]] = {}
    for a in json.loads(out.stdout).get("annotations", []):
        ann = a["annotations"]
        if ann.get("scope") == "package":
            pkg = ".".join(str(p["value"]) for p in a["path"][1:])  # drop the leading `data`
            by_pkg[pkg] = ann
    return by_pkg


@pytest.fixture(scope="session")
def allowed_ids() -> dict[str, set[str]]:
    data = json.loads((POLICIES / "data" / "control_ids.json").read_text())
    assert (POLICIES / "data" / "SOURCE.md").is_file()
    return {k: set(v) for k, v in data["allowed_ids"].items()}


def test_metadata_complete_and_ids_unique(annotations: dict[str, dict[str, Any]]) -> None:
    pkgs = {f"adl.rules.{d.parent.name}.{d.name}" for d in _rule_dirs()}
    assert pkgs <= set(annotations), f"rules without package METADATA: {sorted(pkgs - set(annotations))}"
    ids: dict[str, str] = {}
    for pkg in sorted(pkgs):
        ann = annotations[pkg]
        custom = ann.get("custom") or {}
        assert ann.get("title"), pkg
        assert ann.get("description"), pkg
        rid = custom.get("id", "")
        assert re.fullmatch(r"ADLP-\d{3}", rid), f"{pkg}: bad id {rid!r}"
        assert rid not in ids, f"{rid} used by {ids.get(rid)} and {pkg}"
        ids[rid] = pkg
        assert custom.get("severity") in SEVERITIES, pkg
        assert isinstance(custom.get("remediation"), str) and custom["remediation"].strip(), pkg
        assert isinstance(custom.get("source"), str) and custom["source"].strip(), pkg
        controls = custom.get("controls") or {}
        assert isinstance(controls, dict), pkg
        assert set(controls) <= set(CONTROL_KEYS), f"{pkg}: unknown control keys {set(controls) - set(CONTROL_KEYS)}"
        assert set(custom.get("frameworks") or []) <= FRAMEWORKS, pkg
        assert custom.get("always", False) in (True, False), pkg


def test_control_ids_come_from_the_copied_mapping(
    annotations: dict[str, dict[str, Any]], allowed_ids: dict[str, set[str]]
) -> None:
    used = 0
    for pkg, ann in annotations.items():
        for key, ids in ((ann.get("custom") or {}).get("controls") or {}).items():
            assert isinstance(ids, list), pkg
            unknown = set(ids) - allowed_ids[key]
            assert not unknown, f"{pkg}: {key} ids not in policies/data/control_ids.json: {sorted(unknown)}"
            used += len(ids)
    assert used > 50


def test_docs_list_every_rule(annotations: dict[str, dict[str, Any]]) -> None:
    doc = (ROOT / "docs" / "policies.md").read_text()
    for pkg, ann in annotations.items():
        rid = ann["custom"]["id"]
        assert f"| {rid} | `{pkg.split('.', 2)[2]}` | {ann['title']} |" in doc, f"docs/policies.md misses {rid}"


# ------------------------------------------------------------------ examples and contract


def _check_contract(f: dict[str, Any], selected: set[str], allowed: dict[str, set[str]]) -> None:
    assert set(f) == FINDING_KEYS, f
    assert re.fullmatch(r"ADLP-\d{3}", f["rule"])
    assert f["severity"] in SEVERITIES
    assert f["frameworks"] == sorted(f["frameworks"]) and set(f["frameworks"]) <= FRAMEWORKS
    assert {CONTROL_KEYS[k] for k in f["controls"]} <= set(f["frameworks"]), f
    for k, ids in f["controls"].items():
        assert ids and set(ids) <= allowed[k]
    assert f["resource"] and f["kind"] and f["message"] and f["remediation"] and f["source"]
    assert f["attr"] is None or isinstance(f["attr"], str)
    if f["kind"] != "deployment":
        assert isinstance(f["span"], dict) and f["span"]["line"] >= 1
        assert f["resource"] in f["message"]


EXAMPLES = sorted((ROOT / "examples").glob("*.adl"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_evaluate_to_wellformed_findings(
    opa: str, path: Path, tmp_path: Path, allowed_ids: dict[str, set[str]]
) -> None:
    res = autodeploy.compile_file(str(path.relative_to(ROOT)))
    if not res.ok:
        pytest.fail(f"{path.name} does not compile:\n{res.render()}")
    ir = res.ir.to_json()
    findings = _eval(opa, _doc(ir), tmp_path)
    for f in findings:
        _check_contract(f, set(ir["deployment"]["compliance"]), allowed_ids)
    keys = [(f["rule"], f["resource"], f["attr"] or "", f["message"]) for f in findings]
    assert keys == sorted(keys), "findings must be sorted deterministically"


def test_patient_portal_passes(opa: str, tmp_path: Path) -> None:
    res = autodeploy.compile_file("examples/patient-portal.adl")
    assert res.ok, res.render()
    findings = _eval(opa, _doc(res.ir.to_json()), tmp_path)
    assert [f for f in findings if f["severity"] in {"high", "critical"}] == [], findings


def test_insecure_deployment_fails_many_rules(opa: str, tmp_path: Path, allowed_ids: dict[str, set[str]]) -> None:
    ir = _compile(INSECURE_ADL, "insecure.adl")
    findings = _eval(opa, _doc(ir, cost={"total_monthly": 812.5, "currency": "USD"}), tmp_path)
    for f in findings:
        _check_contract(f, FRAMEWORKS, allowed_ids)
    fired = {f["rule"] for f in findings}
    expected = {f"ADLP-{n:03d}" for n in range(1, 30)} - {"ADLP-009", "ADLP-010", "ADLP-011"}
    assert expected <= fired, sorted(expected - fired)
    by = {(f["rule"], f["resource"], f["attr"]): f for f in findings}
    scan = by[("ADLP-001", "scans", "encryption")]
    assert scan["span"]["line"] == 19 and scan["span"]["file"] == "insecure.adl"
    assert scan["controls"]["pci_dss_4_0"] == ["3.5.1"]
    budget = by[("ADLP-029", "leaky_clinic", "budget")]
    assert budget["kind"] == "deployment" and budget["controls"] == {} and budget["frameworks"] == []


def test_weak_audit_trail_fails_audit_rules(opa: str, tmp_path: Path) -> None:
    ir = _compile(INSECURE_ADL + WEAK_AUDIT, "insecure.adl")
    fired = {f["rule"] for f in _eval(opa, _doc(ir), tmp_path)}
    assert {"ADLP-009", "ADLP-010", "ADLP-011"} <= fired
    assert "ADLP-008" not in fired


def test_data_classification_pulls_frameworks_over_references(opa: str, tmp_path: Path) -> None:
    """No framework selected: phi on the database pulls hipaa onto it, onto the service that uses it
    and onto the key it references, but not onto an unrelated bucket."""
    src = """
deployment d { region = "us-east-1" }
key k { rotation = false }
key other { rotation = false }
network n { }
database db : postgres { data = phi  encryption = k  tls = false  network = n }
service api : container { image = "x:1"  expose = http  uses = [db]  network = n }
bucket loose { encryption = other  versioning = false }
"""
    findings = _eval(opa, _doc(_compile(src, "pull.adl"), frameworks=[]), tmp_path)
    got = {(f["rule"], f["resource"]): f["frameworks"] for f in findings}
    assert got[("ADLP-003", "k")] == ["hipaa"]
    assert got[("ADLP-004", "db")] == ["hipaa"]
    assert got[("ADLP-006", "api")] == ["hipaa"]
    assert ("ADLP-003", "other") not in got and ("ADLP-023", "loose") not in got
    # only hipaa is pulled, so only hipaa ids are reported
    assert all(set(f["controls"]) <= {"hipaa"} for f in findings)


# ------------------------------------------------------------------ speed


def _clone(base: dict[str, Any], copy: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The resources and edges of one IR renamed with a _<copy> suffix (references follow)."""
    sfx = f"_{copy}"
    names = {r["name"] for r in base["resources"]}

    def ren(v: Any) -> Any:
        if isinstance(v, dict):
            out = {k: ren(x) for k, x in v.items()}
            if v.get("ref") in names:
                out["ref"] = v["ref"] + sfx
            return out
        return [ren(x) for x in v] if isinstance(v, list) else v

    resources = [dict(r, name=r["name"] + sfx, attrs=ren(r["attrs"])) for r in base["resources"]]
    edges = [dict(e, **{"from": e["from"] + sfx, "to": e["to"] + sfx}) for e in base["edges"]]
    return resources, edges


def test_thousand_resources_evaluate_fast(opa: str, tmp_path: Path) -> None:
    """1,000 resources, half cloned from patient-portal and half from the insecure fixture (about 1,800
    findings). Measured as the OPA process's CPU time so a loaded CI machine does not make it flaky;
    a quadratic pass over edges or resources would take several seconds."""
    bases = [autodeploy.compile_file("examples/patient-portal.adl").ir.to_json(), _compile(INSECURE_ADL, "i.adl")]
    resources: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    copy = 0
    while len(resources) < 1000:
        rs, es = _clone(bases[copy % 2], copy)
        resources += rs
        edges += es
        copy += 1
    ir = dict(bases[1], resources=resources[:1000], edges=[e for e in edges if e["from"] in
                                                           {r["name"] for r in resources[:1000]}])
    doc = _doc(ir, cost={"total_monthly": 812.5, "currency": "USD"})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    findings = _eval(opa, doc, tmp_path)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert len(findings) > 1000
    assert cpu < 1.0, f"opa eval on 1,000 resources used {cpu:.2f}s CPU ({wall:.2f}s wall)"
