"""Unknown is not zero: unknown instance types are compile errors, unpriced components make the
total a lower bound, and no report says "ok"/"within" while anything is unpriced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cost_snippets import attach_networks

from autodeploy.analytics.catalog import default_catalog
from autodeploy.analytics.cost import estimate
from autodeploy.analytics.cost_render import render
from autodeploy.cli import main
from autodeploy.compiler import compile_file, compile_source
from autodeploy.compiler.instance_types import known_instance_types

EXAMPLES = sorted(Path("examples").glob("*.adl"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _ir(src: str):  # type: ignore[no-untyped-def]
    res = compile_source(attach_networks(src), "t.adl")
    assert res.ok, res.render()
    return res.ir


def test_nonexistent_instance_type_is_a_compile_error_with_a_suggestion() -> None:
    res = compile_source('deployment d { region = "us-east-1" }\nvm web { instance = "t3.4xlarge" }\n', "t.adl")
    assert not res.ok
    (d,) = [d for d in res.errors if d.code == "ADL1070"]
    assert "`t3.4xlarge`" in d.message and d.help == "did you mean `t3.xlarge`?"
    assert (d.span.line, d.span.col) == (2, 21)
    for src in (
        'database db : postgres { instance = "db.m6g.32xlarge" }',
        'cache c : redis { instance = "cache.t4g.2xlarge" }',
    ):
        res = compile_source(attach_networks(src), "t.adl")
        assert [d.code for d in res.errors] == ["ADL1070"], res.render()


def test_malformed_type_keeps_adl1015_and_azure_sizes_are_checked_too() -> None:
    res = compile_source('vm web { instance = "huge" }', "t.adl")
    assert [d.code for d in res.errors] == ["ADL1015"]
    src = 'deployment d { cloud = azure  region = "eastus" }\nvm web { instance = "Standard_D2s_v99" }\n'
    assert [d.code for d in compile_source(src, "t.adl").errors] == ["ADL1070"]


def test_compiler_type_list_is_the_catalog_key_set() -> None:
    """compiler/data/instance_types.json is generated with the catalog: they must not drift."""
    cat = default_catalog()
    assert known_instance_types("aws", "vm") == {k[1] for k in cat.table("aws_ec2")}
    assert known_instance_types("aws", "db") == {k[2] for k in cat.table("aws_rds")}
    assert known_instance_types("aws", "cache") == {k[2] for k in cat.table("aws_elasticache")}
    assert known_instance_types("azure", "vm") == {k[1] for k in cat.table("azure_vm")}
    assert known_instance_types("azure", "db") is None  # no catalog table: pattern only


def test_every_example_compiles_with_known_types() -> None:
    for path in EXAMPLES:
        assert main(["compile", str(path)]) == 0, path


REGION_WITHOUT_RDS = """
deployment d { region = "mx-central-1"  budget = 1000 usd/month }
vm web { instance = "t3.medium" }
database db : postgres { }
"""


def test_region_without_price_rows_gives_explicit_unknown_lines() -> None:
    rep = estimate(_ir(REGION_WITHOUT_RDS))
    assert "db: Instance (db.t4g.medium, Single-AZ)" in rep.unknown
    assert "db: Storage (gp3)" in rep.unknown
    assert any(u.startswith("web: Disk (gp3") for u in rep.unknown)
    db = rep.resource("db")
    assert db is not None
    regional = [c for c in db.components if "log" not in c.name]  # logs: cited us-east-1 price, flagged
    assert regional and all(c.price_source == "unknown" for c in regional)
    assert "no aws_rds price for postgres db.t4g.medium Single-AZ in mx-central-1" in db.components[0].note
    assert rep.lower_bound and rep.unpriced == len(rep.unknown) >= 3
    assert rep.budget_status == "unverifiable" and rep.over_budget is None


def test_lower_bound_is_said_in_every_format() -> None:
    rep = estimate(_ir(REGION_WITHOUT_RDS))
    n = rep.unpriced
    table = render(rep, "table")
    assert f"≥ {'$'}{rep.total_monthly:,.2f}  ({n} components unpriced)" in table
    assert f"UNVERIFIABLE, the priced part ${rep.total_monthly:,.2f} fits but {n} components unpriced" in table
    assert ": ok" not in table
    md = render(rep, "markdown")
    assert f"**≥ ${rep.total_monthly:,.2f}**" in md and f"lower bound: {n} components unpriced" in md
    assert "UNVERIFIABLE" in md
    csv_total = render(rep, "csv").splitlines()[-1]
    assert csv_total.startswith("TOTAL,") and "lower bound" in csv_total and f"{n} components unpriced" in csv_total
    data = json.loads(render(rep, "json"))
    assert data["total_is_lower_bound"] is True and data["unpriced_components"] == n
    assert data["budget_status"] == "unverifiable" and data["over_budget"] is None


def test_known_part_over_budget_is_over_not_unverifiable() -> None:
    rep = estimate(_ir(REGION_WITHOUT_RDS.replace("1000 usd/month", "10 usd/month")))
    assert rep.budget_status == "over" and rep.over_budget is True
    assert f"OVER by at least ${rep.total_monthly - 10:,.2f} (" in render(rep, "table")


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_report_says_ok_while_components_are_unpriced(path: Path) -> None:
    res = compile_file(str(path))
    assert res.ok, res.render()
    rep = estimate(res.ir)
    for fmt in ("table", "markdown"):
        text = render(rep, fmt)
        if rep.unknown:
            assert ": ok" not in text and "within budget" not in text and "≥" in text
        else:
            assert "≥" not in text
    assert (rep.budget_status == "ok") == (rep.budget is not None and not rep.unknown and not rep.over_budget)


def test_azure_webapp_is_a_lower_bound_not_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cost", "examples/azure-webapp.adl")
    assert code == 0
    assert "TOTAL" in out and "≥ $0.00  (13 components unpriced)" in out
    assert "budget   $900.00/month: UNVERIFIABLE" in out and ": ok" not in out


def test_build_stage_summary_says_unverifiable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "r.adl"
    src.write_text(attach_networks(REGION_WITHOUT_RDS))
    main(["build", str(src), "-o", str(tmp_path / "out")])
    out, _ = capsys.readouterr()
    assert "/month (budget $1,000.00: UNVERIFIABLE)" in out and "≥ $" in out
    assert "components unpriced: the total is a lower bound" in out
    cost = json.loads((tmp_path / "out" / "cost.json").read_text())
    assert cost["budget_status"] == "unverifiable"


def test_check_blocks_an_unverifiable_budget_at_medium(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "r.adl"
    src.write_text(attach_networks(REGION_WITHOUT_RDS))
    code, out, _ = run(capsys, "check", str(src), "--fail-on", "medium", "--format", "json")
    assert code == 1
    (f,) = [f for f in json.loads(out)["findings"] if f["rule"] == "ADLP-030"]
    assert f["severity"] == "medium" and "cannot be verified" in f["message"]
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "ADLP-029"]
    # the known part alone is over a $10 budget: over budget, high
    src.write_text(attach_networks(REGION_WITHOUT_RDS.replace("1000 usd/month", "10 usd/month")))
    code, out, _ = run(capsys, "check", str(src), "--format", "json")
    assert code == 1
    (f,) = [f for f in json.loads(out)["findings"] if f["rule"] == "ADLP-029"]
    assert f["severity"] == "high" and "of at least" in f["message"]


def test_check_without_an_estimate_is_unverifiable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTODEPLOY_PRICE_DIR", str(tmp_path / "no-catalog"))
    code, out, err = run(capsys, "check", "examples/static-site.adl", "--fail-on", "medium", "--format", "json")
    assert code == 1 and "a budget cannot be verified" in err
    (f,) = [f for f in json.loads(out)["findings"] if f["rule"] == "ADLP-030"]
    assert "no cost estimate" in f["message"]
