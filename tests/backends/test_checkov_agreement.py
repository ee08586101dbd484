"""External judge, the other way round: on a deliberately insecure file, wherever one of our
rules cites a checkov check (in its METADATA `source`) and checkov evaluates that check on the
same ADL resource's Terraform, both must reject it. Deliberate differences are listed in
docs/policies.md ("Checkov agreement")."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from _tf_helpers import ROOT, allow_missing, tool_missing

from autodeploy import compile_file
from autodeploy.backends.terraform import emit_terraform
from autodeploy.policies.engine import PolicyEngineError, evaluate

CHECKOV = ROOT / ".tools" / "checkov" / "bin" / "checkov"
INSECURE = Path("tests/backends/data/insecure-aws.adl")
CITED = re.compile(r"CKV2?_AWS_\d+")


def _adl_name(tf_local: str, names: list[str]) -> str | None:
    best = None
    for n in names:
        if (tf_local == n or tf_local.startswith(n + "_")) and (best is None or len(n) > len(best)):
            best = n
    return best


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, dict]:  # type: ignore[type-arg]
    if not CHECKOV.exists():
        if allow_missing():
            pytest.skip(tool_missing("checkov"))
        pytest.fail(tool_missing("checkov (scripts/install-checkov.sh)"))
    result = compile_file(INSECURE)
    assert result.ok and result.ir is not None and result.graph is not None, result.render()
    try:
        report = evaluate(result.ir)
    except PolicyEngineError as exc:
        if allow_missing():
            pytest.skip(exc.diagnostic.message)
        raise
    out = tmp_path_factory.mktemp("agree")
    emitted = emit_terraform(result.ir, result.graph)
    (out / "main.tf").write_text(emitted.files["main.tf"], encoding="utf-8")
    proc = subprocess.run([str(CHECKOV), "-d", str(out), "--framework", "terraform", "-o", "json",
                           "--skip-download"], capture_output=True, text=True, timeout=600)
    data = json.loads(proc.stdout)
    data = data[0] if isinstance(data, list) else data
    names = [r.name for r in result.ir.resources]
    # (check id, adl resource) -> set of checkov verdicts over that resource's Terraform blocks
    judged: dict[tuple[str, str], set[str]] = {}
    for verdict, key in (("passed", "passed_checks"), ("failed", "failed_checks")):
        for c in data["results"][key]:
            local = c["resource"].split(".")[-1]
            adl = _adl_name(local, names)
            if adl is not None:
                judged.setdefault((c["check_id"], adl), set()).add(verdict)
    return list(report.findings), judged


def test_the_insecure_file_is_rejected_by_both(verdicts: tuple[list, dict]) -> None:  # type: ignore[type-arg]
    findings, judged = verdicts
    assert len({f.rule for f in findings}) >= 15
    assert sum("failed" in v for v in judged.values()) >= 15


DIFFERENCES = json.loads((ROOT / "tests" / "backends" / "data" / "checkov_rule_differences.json").read_text())


def test_where_both_inspect_the_same_thing_they_agree(verdicts: tuple[list, dict]) -> None:  # type: ignore[type-arg]
    """A finding agrees with checkov when at least one check its rule cites fails on that resource."""
    findings, judged = verdicts
    documented = {(d["rule"], d["resource"], d["check"]) for d in DIFFERENCES["differences"]}
    compared, disagreements = 0, set()
    for f in findings:
        cited = sorted(set(CITED.findall(f.source or "")))
        seen = {c: judged[(c, f.resource)] for c in cited if (c, f.resource) in judged}
        if not seen:
            continue  # checkov does not inspect that resource's Terraform for these checks
        compared += 1
        if not any("failed" in v for v in seen.values()):
            disagreements |= {(f.rule, f.resource, c) for c in seen}
    assert compared >= 10, f"only {compared} comparable verdicts"
    undocumented = disagreements - documented
    assert not undocumented, "undocumented disagreements: " + ", ".join(map(str, sorted(undocumented)))
    stale = documented - disagreements
    assert not stale, "documented differences that no longer occur: " + ", ".join(map(str, sorted(stale)))


def test_differences_are_explained_in_the_docs() -> None:
    docs = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
    assert "## Checkov agreement" in docs
    for d in DIFFERENCES["differences"]:
        assert d["reason"].strip()
        assert f"{d['rule']}" in docs and d["check"] in docs, d
