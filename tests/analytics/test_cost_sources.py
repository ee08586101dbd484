"""Price provenance: approximations are flagged with their reason, unknown prices are reported
and left out of the total, and a broken catalog is a coded diagnostic naming the file."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys

import pytest
from cost_snippets import placed

from autodeploy.analytics.catalog import DATA_DIR, Catalog, CatalogError
from autodeploy.analytics.cost import estimate
from autodeploy.compiler import compile_source


def report(body: str, region: str = "us-east-1", cloud: str = "aws"):
    res = compile_source(placed(f'deployment t {{ cloud = {cloud}  region = "{region}" }}\n' + body), "t.adl")
    assert res.ok, res.render()
    return estimate(res.ir)


def test_service_price_outside_its_region_is_an_explicit_approximation():
    rep = report("network n { nat_gateways = 1 }", region="eu-west-1")
    c = next(c for c in rep.resource("n").components if c.name == "NAT gateway")
    assert c.price_source == "approximation"
    assert "us-east-1 price used for eu-west-1" in c.note
    assert c.monthly == 32.85


def test_cited_regional_row_is_exact():
    # SNS is cited for eu-west-1; DynamoDB for us-east-2
    rep = report("topic t { load = 1 rps }", region="eu-west-1")
    assert rep.resource("t").components[0].price_source == "exact"
    rep = report("table x { size = 10 GB }", region="us-east-2")
    assert all(c.price_source == "exact" for c in rep.resource("x").components)


def test_regional_tables_never_fall_back():
    # EC2 prices are regional and complete in the table: an exact price in each region, no approximation
    a = report('vm v { network = n  instance = "m5.large" }', region="us-east-1").resource("v").components[0]
    b = report('vm v { network = n  instance = "m5.large" }', region="eu-west-1").resource("v").components[0]
    assert (a.unit_price, b.unit_price) == (0.096, 0.107)
    assert a.price_source == b.price_source == "exact"


def test_unknown_prices_are_reported_and_left_out():
    rep = report('database d : mariadb { network = n  instance = "db.m5.large" }')
    inst = rep.resource("d").components[0]
    assert inst.price_source == "unknown" and inst.monthly is None and inst.unit_price is None
    assert "d: Instance (db.m5.large, Single-AZ)" in rep.unknown
    assert rep.total_monthly == 0.0


def test_azure_gaps_are_unknown_not_invented():
    rep = report(
        'cache c : redis { instance = "C1" }\nservice s { image = "x:1" }', region="westeurope", cloud="azure"
    )
    # the first resource also carries the shared Log Analytics workspace (volume not modelled)
    assert [c.price_source for c in rep.resource("c").components] == ["unknown", "unknown"]
    assert {c.price_source for c in rep.resource("s").components} == {"unknown"}
    assert len(rep.unknown) == 4
    data = json.loads(rep.dumps())
    assert data["unknown"] == list(rep.unknown)


def test_azure_postgres_westus_price_flagged_elsewhere():
    rep = report('database d : postgres { network = n  instance = "Standard_D2ds_v5" }', region="eastus", cloud="azure")
    c = rep.resource("d").components[0]
    assert c.price_source == "approximation" and "westus price used for eastus" in c.note
    assert c.unit_price == 0.203


def test_intelligent_tiering_is_an_approximation():
    rep = report("bucket b { size = 100 GB  storage_class = intelligent }")
    c = rep.resource("b").components[0]
    assert c.price_source == "approximation" and "Intelligent-Tiering" in c.note


def _copy_catalog(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(DATA_DIR, d)
    return d


def test_corrupt_price_file_is_a_diagnostic(tmp_path):
    d = _copy_catalog(tmp_path)
    with open(d / "aws_ec2.csv.gz", "r+b") as fh:
        fh.seek(100)
        fh.write(b"garbage")
    with pytest.raises(CatalogError) as exc:
        Catalog(str(d)).table("aws_ec2")
    assert exc.value.diagnostic.code == "ADL4001"
    assert "aws_ec2.csv.gz" in exc.value.diagnostic.message


def test_unparseable_price_file_with_matching_checksum(tmp_path):
    # a file that passes the checksum but is not a price table (e.g. a rebuilt manifest over bad data)
    d = _copy_catalog(tmp_path)
    with gzip.open(d / "aws_ebs.csv.gz", "wb") as fh:
        fh.write(b"region,volume_type\nus-east-1\n")
    manifest = json.loads((d / "catalog.json").read_text())
    import hashlib

    manifest["tables"]["aws_ebs"]["sha256"] = hashlib.sha256((d / "aws_ebs.csv.gz").read_bytes()).hexdigest()
    (d / "catalog.json").write_text(json.dumps(manifest))
    with pytest.raises(CatalogError) as exc:
        Catalog(str(d)).table("aws_ebs")
    assert exc.value.diagnostic.code == "ADL4001" and "aws_ebs.csv.gz" in exc.value.diagnostic.message


def test_missing_price_file_and_manifest(tmp_path):
    d = _copy_catalog(tmp_path)
    os.unlink(d / "service_prices.csv.gz")
    with pytest.raises(CatalogError) as exc:
        Catalog(str(d)).service()
    assert exc.value.diagnostic.code == "ADL4002" and "service_prices.csv.gz" in exc.value.diagnostic.message
    (d / "catalog.json").write_text("{not json")
    with pytest.raises(CatalogError) as exc:
        Catalog(str(d))
    assert exc.value.diagnostic.code == "ADL4003"


def test_cli_corrupt_catalog_exits_2_without_traceback(tmp_path):
    d = _copy_catalog(tmp_path)
    (d / "service_prices.csv.gz").write_bytes(b"\x1f\x8b not really gzip")
    env = dict(os.environ, AUTODEPLOY_PRICE_DIR=str(d))
    p = subprocess.run(
        [sys.executable, "-m", "autodeploy", "cost", "examples/patient-portal.adl"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert p.returncode == 2
    assert "ADL4001" in p.stderr and "service_prices.csv.gz" in p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""


def test_catalog_is_small_and_has_its_sources():
    files = os.listdir(DATA_DIR)
    mine = [f for f in files if f.endswith(".csv.gz") and not f.startswith("trace_")] + ["catalog.json"]
    assert sum(os.path.getsize(os.path.join(DATA_DIR, f)) for f in mine) < 5_000_000
    for f in (
        "SOURCE.md",
        "service_prices.SOURCE.md",
        "service_prices_more.SOURCE.md",
        "aws_ec2_prices.SOURCE.md",
        "aws_rds_prices.SOURCE.md",
        "aws_elasticache_prices.SOURCE.md",
        "aws_ebs_prices.SOURCE.md",
        "azure_vm_prices.SOURCE.md",
    ):
        assert f in files, f
    manifest = json.loads(open(os.path.join(DATA_DIR, "catalog.json")).read())
    # 69 rows of service_prices.csv + the priced rows of service_prices_more.csv: 16 before issues 20-22,
    # 53 data-service rows (issue 20), 10 EKS/AKS/CloudWatch/Monitor/Grafana rows (issue 21), 14
    # Glue/EFS/API Gateway/APIM rows (issue 22); + 63 rows of gcp_prices.csv (issue 23)
    assert manifest["tables"]["service_prices"]["rows"] == 225


ALL_KINDS = """
network n { }
key k { }
secret s { }
bucket b { size = 10 GB  load = 1 rps }
database d : postgres { network = n }
table t { load = 1 rps }
cache c : redis { network = n }
queue q { load = 1 rps }
topic tp { load = 1 rps }
function f { load = 1 rps  schedule = "rate(5 minutes)" }
service sv { network = n  image = "x:1" }
vm v { network = n  instance = "INSTANCE" }
load_balancer lb { network = n  targets = [sv]  waf = true }
cdn cd { origin = b  transfer = 10 GB }
audit a { }
"""


@pytest.mark.parametrize(
    "cloud,region,instance",
    [
        ("aws", "us-east-1", "t3.micro"),
        ("aws", "ap-south-1", "t3.micro"),
        ("azure", "eastus", "Standard_B1s"),
        ("azure", "westeurope", "Standard_B1s"),
        ("gcp", "us-central1", "n2-standard-8"),
        ("gcp", "europe-west1", "e2-medium"),
    ],
)
def test_every_kind_estimates_on_both_clouds(cloud, region, instance):
    body = ALL_KINDS.replace("INSTANCE", instance)
    if cloud == "gcp":  # GCP load balancers are global external ones (ADL1081 otherwise)
        body = body.replace("load_balancer lb { network = n", "load_balancer lb { public = true  network = n")
    rep = report(body, region=region, cloud=cloud)
    assert len(rep.resources) == 15
    assert set(rep.usage_sources.values()) <= {"adl", "default"}
    for r in rep.resources:
        assert r.components, r.name
        for c in r.components:
            assert c.price_source in ("exact", "approximation", "unknown")
            assert (c.monthly is None) == (c.price_source == "unknown")
            if c.price_source != "unknown":
                assert c.price_date, c
    assert rep.total_monthly > 0
    vm = rep.resource("v").components[0]
    if cloud == "gcp" and region != "us-central1":  # GCP machine prices are cited for us-central1 only
        assert vm.price_source == "unknown" and "cited for us-central1" in vm.note
    else:
        assert vm.price_source == "exact"  # VM tables cover every region of the compiler's list
