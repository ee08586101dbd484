"""`autodeploy cost` and the build stage: formats, determinism, compare, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from autodeploy.cli import main

PORTAL = "examples/patient-portal.adl"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_has_components_budget_and_dates(capsys):
    code, out, _ = run(capsys, "cost", PORTAL)
    assert code == 0
    assert "patients (database)" in out and "    Instance (db.m6g.large, Multi-AZ)" in out
    # NAT Elastic IP and Container Insights have no cited price: the total is a lower bound
    assert "TOTAL" in out and "≥ $542.04  (2 components unpriced)" in out
    assert "budget   $1,200.00/month: UNVERIFIABLE, the priced part $542.04 fits but 2 components unpriced" in out
    assert "prices of aws_rds 2024-09-28" in out


def test_over_budget_still_exits_0(capsys, tmp_path):
    # the budget is a policy finding (ADLP-029), not a cost-command failure
    src = open(PORTAL, encoding="utf-8").read().replace("budget     = 1200 usd/month", "budget     = 300 usd/month")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "network.adl").write_text(open("examples/lib/network.adl", encoding="utf-8").read())
    (tmp_path / "portal.adl").write_text(src)
    code, out, _ = run(capsys, "cost", str(tmp_path / "portal.adl"))
    assert code == 0 and "budget   $300.00/month: OVER by at least $242.04 (2 components unpriced)" in out


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_formats_are_deterministic(capsys, fmt):
    _, a, _ = run(capsys, "cost", PORTAL, "--format", fmt)
    _, b, _ = run(capsys, "cost", PORTAL, "--format", fmt)
    assert a == b and a


def test_json_csv_markdown_content(capsys):
    _, out, _ = run(capsys, "cost", PORTAL, "--format", "json")
    data = json.loads(out)
    assert data["total_monthly"] == 542.04 and data["over_budget"] is None
    assert data["budget_status"] == "unverifiable" and data["unpriced_components"] == 2
    _, out, _ = run(capsys, "cost", PORTAL, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[-1]["resource"] == "TOTAL" and rows[-1]["monthly"] == "542.04"
    assert rows[-1]["price_source"] == "lower bound" and rows[-1]["note"] == "2 components unpriced"
    assert {r["price_source"] for r in rows[:-1]} == {"exact", "unknown"}
    _, out, _ = run(capsys, "cost", PORTAL, "--format", "markdown")
    assert out.startswith("### Cost estimate: patient_portal") and "| **total** |" in out


def test_set_parameter_and_output_file(capsys, tmp_path):
    target = tmp_path / "c.json"
    code, out, _ = run(capsys, "cost", PORTAL, "--set", "env=dev", "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["deployment"] == "patient_portal"


def test_compare(capsys, tmp_path):
    head = tmp_path / "head.adl"
    text = open(PORTAL).read().replace('instance   = "db.m6g.large"', 'instance   = "db.m6g.xlarge"')
    # keep the import resolvable: copy the lib next to the temp file
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "network.adl").write_text(open("examples/lib/network.adl").read())
    head.write_text(text)
    code, out, _ = run(capsys, "cost", str(head), "--compare", PORTAL, "--format", "json")
    assert code == 0
    diff = json.loads(out)
    changed = [r for r in diff["resources"] if r["status"] != "same"]
    assert [r["name"] for r in changed] == ["patients"]
    # db.m6g.large 0.318 -> db.m6g.xlarge Multi-AZ: delta = (xlarge - large) x 730
    assert diff["total_delta"] == changed[0]["delta"] > 0
    code, out, _ = run(capsys, "cost", str(head), "--compare", PORTAL)
    assert "~ patients (database)" in out and "5 resource(s) unchanged" in out


def test_exit_codes(capsys, tmp_path):
    bad = tmp_path / "bad.adl"
    bad.write_text("bucket b { size = 1 parsec }\n")
    assert run(capsys, "cost", str(bad))[0] == 1
    assert run(capsys, "cost", str(tmp_path / "missing.adl"))[0] == 2
    assert run(capsys, "cost", PORTAL, "--usage", str(tmp_path / "missing.yml"))[0] == 2
    assert run(capsys, "cost", PORTAL, "--compare", str(bad))[0] == 1


def test_build_stage_hands_on_the_report(tmp_path):
    import argparse

    from autodeploy.compiler import compile_file
    from autodeploy.pipeline import BuildContext
    from autodeploy.stages.cost import STAGE

    assert (STAGE.name, STAGE.order) == ("cost", 20)
    ctx = BuildContext(
        file=PORTAL, args=argparse.Namespace(usage=None), result=compile_file(PORTAL), out_dir=str(tmp_path)
    )
    STAGE.run(ctx)
    assert ctx.exit_code == 0
    assert ctx.artifacts["cost"].total_monthly == 542.04
    assert ctx.summary[0].startswith("cost     ≥ $542.04/month (budget $1,200.00: UNVERIFIABLE) — prices of 2024-")
    assert json.loads((tmp_path / "cost.json").read_text())["total_monthly"] == 542.04


def test_build_stage_broken_catalog_fails_gate(tmp_path, monkeypatch):
    import argparse

    from autodeploy.analytics import catalog
    from autodeploy.compiler import compile_file
    from autodeploy.pipeline import BuildContext
    from autodeploy.stages.cost import STAGE

    empty = tmp_path / "nocatalog"
    empty.mkdir()
    monkeypatch.setenv("AUTODEPLOY_PRICE_DIR", str(empty))
    monkeypatch.setattr(catalog, "_default", None)
    ctx = BuildContext(
        file=PORTAL,
        args=argparse.Namespace(usage=None),
        result=compile_file(PORTAL),
        out_dir=str(tmp_path / "out"),
    )
    STAGE.run(ctx)
    assert ctx.exit_code == 2 and "cost" not in ctx.artifacts
    assert "ADL4002" in ctx.summary[0]
