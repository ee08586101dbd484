"""List-price exactness: each figure is the catalog's cited unit price times the billed quantity,
checked against the catalog row itself and, where the source fixture prints a monthly figure,
against that figure (infracost golden outputs quoted in service_prices.SOURCE.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from cost_snippets import placed

from autodeploy.analytics.catalog import default_catalog
from autodeploy.analytics.cost import estimate
from autodeploy.compiler import compile_source


def report(body: str, region: str = "us-east-1", cloud: str = "aws", usage=None, free_tier: bool = False):
    src = f'deployment t {{ cloud = {cloud}  region = "{region}" }}\n' + body
    res = compile_source(placed(src), "t.adl")
    assert res.ok, res.render()
    return estimate(res.ir, usage, free_tier=free_tier)


def comp(rep, resource: str, prefix: str):
    r = rep.resource(resource)
    assert r is not None
    found = [c for c in r.components if c.name.startswith(prefix)]
    assert found, [c.name for c in r.components]
    return found[0]


def test_catalog_rows_are_the_cited_prices():
    cat = default_catalog()
    assert cat.table("aws_ec2")[("us-east-1", "t3.medium")] == Decimal("0.0416")
    assert cat.table("aws_rds")[("us-east-1", "postgres", "db.m5.large", "Multi-AZ")] == Decimal("0.356")
    assert cat.table("aws_rds")[("us-east-1", "postgres", "db.m5.large", "Single-AZ")] == Decimal("0.178")
    assert cat.table("aws_ebs")[("us-east-1", "gp3", "storage")] == Decimal("0.08")
    assert cat.table("aws_elasticache")[("us-east-1", "redis", "cache.m5.large", "false")] == Decimal("0.156")
    assert cat.table("azure_vm")[("eastus", "Standard_D2s_v3")] == Decimal("0.096")
    assert cat.data_date("aws_ec2") == "2025-04-04"


def test_t3_medium_us_east_1():
    rep = report('vm web { network = n  instance = "t3.medium" }')
    c = comp(rep, "web", "Instance")
    assert (c.quantity, c.unit_price, c.monthly, c.price_source) == (730, 0.0416, 30.37, "exact")
    assert c.price_date == "2025-04-04"
    disk = comp(rep, "web", "Disk")
    assert (disk.quantity, disk.unit_price, disk.monthly) == (20, 0.08, 1.60)
    mon = comp(rep, "web", "Detailed monitoring")  # the backend emits monitoring = true
    assert (mon.quantity, mon.unit_price, mon.monthly) == (7, 0.3, 2.10)
    assert rep.total_monthly == 34.07


def test_rds_multi_az_uses_the_multi_az_row():
    rep = report('database db : postgres { network = n  instance = "db.m5.large"  multi_az = true  storage = 100 GB }')
    c = comp(rep, "db", "Instance")
    assert (c.unit_price, c.monthly) == (0.356, 259.88)  # 0.356 x 730
    st = comp(rep, "db", "Storage")
    assert (st.unit_price, st.monthly) == (0.23, 23.00)  # Multi AZ gp3 GB-month
    single = report('database db : postgres { network = n  instance = "db.m5.large"  storage = 100 GB }')
    assert comp(single, "db", "Instance").monthly == 129.94  # 0.178 x 730
    assert comp(single, "db", "Storage").monthly == 11.50


def test_nat_gateway_hour_and_data():
    rep = report("network n { nat_gateways = 1  flow_logs = false }", usage={"n": {"nat_data_gb": 100}})
    assert comp(rep, "n", "NAT gateway").monthly == 32.85  # fixture: 730 h -> $32.85
    d = comp(rep, "n", "NAT data")
    assert (d.quantity, d.unit_price, d.monthly) == (100, 0.045, 4.50)


def test_fargate_vcpu_and_memory_match_fixture():
    rep = report('service s { network = n  image = "x:1"  cpu = 1 vcpu  memory = 2 GB  replicas = 1 }')
    assert comp(rep, "s", "Fargate vCPU").monthly == 29.55  # fixture: 1 vCPU x 730 h -> $29.55
    assert comp(rep, "s", "Fargate memory").monthly == 6.49  # fixture: 2 GB x 730 h -> $6.49


def test_s3_standard_per_gb_matches_fixture():
    rep = report("bucket b { size = 10000 GB }")
    c = comp(rep, "b", "Storage")
    assert (c.unit_price, c.monthly) == (0.023, 230.00)  # fixture: 10,000 GB -> $230.00


def test_cloudfront_transfer_matches_fixture():
    rep = report("bucket o { size = 1 GB }\ncdn c { origin = o  transfer = 10240 GB  logging = false }")
    assert comp(rep, "c", "Data transfer").monthly == 870.40  # fixture: 10,240 GB -> $870.40


def test_lambda_requests_and_gb_seconds():
    rep = report(
        "function f { memory = 1 GB  timeout = 10 s }",
        usage={"f": {"monthly_requests": 1_000_000, "duration_ms": 1000}},
    )
    r = comp(rep, "f", "Requests")
    assert (r.quantity, r.unit, r.unit_price, r.monthly) == (1, "1M requests", 0.2, 0.20)
    d = comp(rep, "f", "Duration")
    # 1M x 1 s x 1 GB = 1,000,000 GB-s x 0.0000166667 = 16.6667
    assert (d.quantity, d.unit_price, d.monthly) == (1_000_000, 0.0000166667, 16.67)


def test_lambda_default_duration_is_stated():
    rep = report("function f { memory = 1 GB  timeout = 60 s  load = 1 rps }")
    d = comp(rep, "f", "Duration")
    assert "assumed mean duration = timeout/10 = 6 s" in d.note
    assert rep.usage_sources["f"] == "adl"


def test_cents_are_rounded_once_from_exact_sums():
    # 3 x 0.0416 x 730 = 91.104 exactly -> 91.10; rounding per instance first would give 3 x 30.37 = 91.11
    rep = report('vm a { network = n  instance = "t3.medium"  count = 3  disk = 1 GB  monitoring = false }')
    assert comp(rep, "a", "Instance").monthly == 91.10
    assert rep.exact_total == Decimal("91.104") + Decimal("0.24")
    assert rep.total_monthly == 91.34


def test_service_replicas_from_load_and_capacity():
    rep = report('service s { network = n  image = "x:1"  replicas = 2..20  load = 900 rps  capacity = 150 rps }')
    c = comp(rep, "s", "Fargate vCPU")
    assert "expected 6 = ceil(900 rps / 150 rps per replica) within 2..20" in c.note
    rep = report('service s { network = n  image = "x:1"  replicas = 2..20  load = 900 rps }')
    assert "assumed the minimum 2 of 2..20" in comp(rep, "s", "Fargate vCPU").note
    assert rep.usage_sources["s"] == "default"


@pytest.mark.parametrize("cls,price", [("standard", 0.023), ("infrequent", 0.0125), ("archive", 0.00099)])
def test_s3_storage_classes(cls, price):
    rep = report(f"bucket b {{ size = 1000 GB  storage_class = {cls} }}")
    c = comp(rep, "b", "Storage")
    assert c.unit_price == price and c.price_source == "exact"
    assert c.monthly == float((Decimal(str(price)) * 1000).quantize(Decimal("0.01")))


def test_sns_free_million_and_sqs():
    rep = report(
        "topic t { }\nqueue q { }",
        usage={"t": {"monthly_requests": 3_000_000}, "q": {"monthly_requests": 3_000_000}},
    )
    # free tiers are an opt-in (--free-tier): without it every publish and request is billed
    assert comp(rep, "t", "Publish").monthly == 1.50  # 3M x $0.50 per 1M
    assert comp(rep, "q", "Requests").monthly == 1.20  # 3M x $0.40 per 1M
    free = report("topic t { }\nqueue q { }", usage={"t": {"monthly_requests": 3_000_000},
                                                    "q": {"monthly_requests": 3_000_000}}, free_tier=True)
    assert comp(free, "t", "Publish").monthly == 1.00  # (3M - 1M free) x $0.50 per 1M
    assert comp(free, "q", "Requests").monthly == 0.80  # (3M - 1M free) x $0.40 per 1M


def test_elasticache_nodes_and_kms_and_secret():
    rep = report('cache c : redis { network = n  instance = "cache.m5.large"  nodes = 2 }\nkey k { }\nsecret s { }')
    assert comp(rep, "c", "Cache nodes").monthly == 227.76  # 2 x 730 x 0.156
    assert comp(rep, "k", "Customer managed key").monthly == 1.00
    assert comp(rep, "s", "Secret").monthly == 0.40


def test_azure_vm_from_retail_table():
    rep = report('vm v { network = n  instance = "Standard_D2s_v3"  disk = 128 GB }', region="eastus", cloud="azure")
    c = comp(rep, "v", "Instance")
    assert (c.unit_price, c.monthly, c.price_source) == (0.096, 70.08, "exact")
    assert comp(rep, "v", "Managed disk").monthly == 19.71  # P10 tier
    assert rep.price_dates["azure_vm"] == "2026-05-20"
