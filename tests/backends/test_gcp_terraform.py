"""The Google Cloud backend and portable sizes: the portable examples emit for aws, azure and gcp
(goldens per case: main.tf, azuredeploy*.json, main.gcp.tf), the google HCL parses with python-hcl2
and is deterministic, IAM follows the `uses` edges, sizes resolve per cloud and are recorded in the IR."""

from __future__ import annotations

import re
import subprocess
import sys

import hcl2
import pytest
from _tf_helpers import GOLDEN, ROOT

from autodeploy.backends.arm import emit_arm
from autodeploy.backends.dispatch import emit_for
from autodeploy.backends.gcp import emit_terraform_gcp
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_file, compile_source
from tests.conftest import Golden

PORTABLE = ("portable-api", "portable-batch")


def _compile(name: str, cloud: str | None):  # noqa: ANN202
    res = compile_file(f"examples/{name}.adl", cloud=cloud)
    assert res.ok, res.render()
    return res


def _gcp(name: str) -> str:
    res = _compile(name, "gcp")
    out = emit_terraform_gcp(res.ir, res.graph)
    assert not [d for d in out.diagnostics if d.is_error], out.diagnostics
    return out.files["main.tf"]


def test_portable_examples_use_sizes_not_type_names():
    for name in PORTABLE:
        text = (ROOT / "examples" / f"{name}.adl").read_text(encoding="utf-8")
        assert "size" in text and "instance" not in text, name


@pytest.mark.parametrize("name", PORTABLE)
def test_golden_gcp(name, golden: Golden):
    golden.check(GOLDEN / name / "main.gcp.tf", _gcp(name))


@pytest.mark.parametrize("name", PORTABLE)
def test_golden_azure_retarget(name, golden: Golden):
    res = _compile(name, "azure")
    out = emit_arm(res.ir, res.graph)
    assert not [d for d in out.diagnostics if d.is_error], out.diagnostics
    for fname, text in out.files.items():
        golden.check(GOLDEN / name / fname, text)


@pytest.mark.parametrize("name", PORTABLE)
def test_emits_on_every_cloud_with_the_sizes_resolved_there(name):
    instances = {}
    for cloud in ("aws", "azure", "gcp"):
        res = _compile(name, cloud)
        assert res.ir.deployment.cloud == cloud
        out = emit_for("arm" if cloud == "azure" else "terraform", res.ir, res.graph)
        assert out.ok and out.files, (cloud, out.diagnostics)
        sized = [r for r in res.ir.resources if isinstance(r.get("size"), dict)]
        assert sized, name
        for r in sized:
            size = r.get("size")
            # the choice and why are recorded next to the request
            assert r.get("instance") == size["instance"] and size["basis"].startswith(("cheapest", "smallest"))
            assert "instance" not in r.explicit
        instances[cloud] = tuple(r.get("instance") for r in sized)
    assert len(set(instances.values())) == 3, instances


def test_gcp_hcl_parses_and_is_deterministic():
    for name in PORTABLE:
        a, b = _gcp(name), _gcp(name)
        assert a == b
        doc = hcl2.loads(a)
        req = doc["terraform"][0]["required_providers"][0]["google"]
        assert req["source"] == "hashicorp/google" and req["version"].startswith("~> 6.")
        prov = doc["provider"][0]["google"]
        assert prov["project"] == "${var.project}" and prov["region"] == "${var.region}"
        assert "aws_" not in a and "azurerm" not in a


def test_hand_picked_gcp_sizes():
    """By hand from gcp_prices.csv (us-central1): `medium` Postgres = 2 vCPU x $0.0413 + 4 GB x $0.007 =
    $0.1106/h as db-custom-2-4096; a 4 GB Redis costs 4 x $0.049 = $0.196/h in band M1 but 5 x $0.027 =
    $0.135/h in M2, so 5 GB wins; 4 vCPU/16 GB VMs: N2 custom 4 x $0.03319 + 16 x $0.004449 = $0.203944/h."""
    api = {r.name: r for r in _compile("portable-api", "gcp").ir.resources}
    assert api["orders"].get("instance") == "db-custom-2-4096"
    assert "$0.1106/h" in api["orders"].get("size")["basis"]
    assert api["sessions"].get("instance") == "5gb" and "$0.135/h" in api["sessions"].get("size")["basis"]
    batch = {r.name: r for r in _compile("portable-batch", "gcp").ir.resources}
    assert batch["workers"].get("instance") == "n2-custom-4-16384"
    assert "$0.203944/h" in batch["workers"].get("size")["basis"]


def _bindings(tf: str, sa: str) -> list[tuple[str, str]]:
    doc = hcl2.loads(tf)
    out = []
    for block in doc["resource"]:
        for rtype, by_label in block.items():
            for _, body in by_label.items():
                if "iam" in rtype and sa in str(body.get("member", "")):
                    out.append((rtype, body["role"]))
    return sorted(out)


def test_iam_is_least_privilege_from_uses_edges():
    tf = _gcp("portable-batch")
    # vm workers: uses = [raw, results, catalog] -> exactly these three roles, each scoped to one resource
    assert _bindings(tf, "google_service_account.workers_sa.email") == [
        ("google_project_iam_member", "roles/cloudsql.client"),
        ("google_project_iam_member", "roles/datastore.user"),
        ("google_storage_bucket_iam_member", "roles/storage.objectUser"),
    ]
    doc = hcl2.loads(tf)
    for block in doc["resource"]:
        for _label, body in block.get("google_project_iam_member", {}).items():
            if "workers_sa" in body["member"]:
                assert body["condition"][0]["expression"].startswith("resource.name.startsWith(")
    # no workload ever gets a primitive role
    assert not re.search(r'role\s+=\s+"roles/(owner|editor|viewer)"', tf)


def test_customer_key_is_usable_only_by_the_agents_that_need_it():
    tf = _gcp("portable-batch")
    agents = sorted(re.findall(r'resource "google_kms_crypto_key_iam_member" "batch_key_(\w+)_agent"', tf))
    # bucket (storage), table (firestore), database (cloudsql), vm disk (compute), topic (pubsub)
    assert agents == ["cloudsql", "compute", "firestore", "pubsub", "storage"]


def test_gcp_backend_refuses_another_cloud():
    res = _compile("portable-api", None)
    out = emit_terraform_gcp(res.ir, res.graph)
    assert out.files == {} and [d.code for d in out.diagnostics] == ["ADL5500"]
    assert emit_terraform(_compile("portable-api", "gcp").ir, None).files == {}


def test_gcp_regions_are_validated():
    bad = compile_source('deployment d { cloud = gcp\n region = "us-east-1" }\n', "t.adl")
    d = [x for x in bad.diagnostics if x.code == "ADL1014"]
    assert d and "us-east-1` is a aws region" in (d[0].help or "")
    ok = compile_source('deployment d { cloud = gcp\n region = "europe-west1" }\n', "t.adl")
    assert ok.ok, ok.render()


def test_retarget_moves_a_foreign_region_to_the_default_with_a_warning():
    res = _compile("portable-api", "gcp")
    assert res.ir.deployment.region == "us-central1"
    warn = [d for d in res.diagnostics if d.code == "ADL1502"]
    assert len(warn) == 1 and not warn[0].is_error and warn[0].span.line == 6


def test_provider_type_on_another_cloud_suggests_the_portable_form_and_nearest_type():
    src = ('deployment d { cloud = azure }\nnetwork n { }\n'
           'database db : postgres { instance = "db.m6g.large"\n network = n.private }\n')
    res = compile_source(src, "t.adl")
    d = [x for x in res.diagnostics if x.code == "ADL1015"]
    assert len(d) == 1
    assert d[0].message == "`db.m6g.large` is not a valid azure database instance type"
    assert "`size = large`" in d[0].help and 'nearest azure type is "Standard_D2ds_v5"' in d[0].help


def test_size_and_instance_together_is_an_error():
    src = ('deployment d { cloud = gcp }\nnetwork n { }\n'
           'vm v { instance = "n2-standard-8"\n size = medium\n network = n.private }\n')
    res = compile_source(src, "t.adl")
    assert [d.code for d in res.errors] == ["ADL1500"]


def test_a_size_nothing_satisfies_is_reported():
    # GCP's largest candidates: N2 custom up to 80 vCPU, m1-ultramem-80
    src = ('deployment d { cloud = gcp }\nnetwork n { }\n'
           'vm v { size = { vcpu: 96, memory: 64 GB }\n network = n.private }\n')
    res = compile_source(src, "t.adl")
    assert [d.code for d in res.errors] == ["ADL1501"]
    assert res.errors[0].message == "`vm v`: no gcp vm type in the catalog has >= 96 vCPU and >= 64 GB"


def test_vm_still_needs_an_instance_or_a_size():
    res = compile_source('deployment d { }\nnetwork n { }\nvm v { network = n.private }\n', "t.adl")
    assert [(d.code, d.message) for d in res.errors] == [
        ("ADL1006", "`vm v` is missing required attribute `instance`")]
    assert res.errors[0].help == "add `instance = \"t3.medium\"`"


@pytest.mark.parametrize("size,fix", [("{ vcpu: 2 }", "memory: 8 GB"), ("{ memory: 4 GB }", "vcpu: 2")])
def test_a_size_map_missing_a_key_suggests_the_map_form(size, fix):
    # a map entry is `key: value`; suggesting the attribute form `memory = 8 GB` would not parse
    src = f"deployment d {{ }}\nnetwork n {{ }}\nvm v {{ size = {size}\n network = n.private }}\n"
    res = compile_source(src, "t.adl")
    assert [(d.code, d.help) for d in res.errors] == [("ADL1006", f"add `{fix}`")]


def test_emit_cli_retargets(tmp_path):
    cli = [sys.executable, "-m", "autodeploy"]
    run = subprocess.run([*cli, "emit", "examples/portable-api.adl", "--cloud", "gcp", "-o", str(tmp_path / "g")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert 'source  = "hashicorp/google"' in (tmp_path / "g" / "main.tf").read_text(encoding="utf-8")
    run = subprocess.run([*cli, "emit", "examples/portable-api.adl", "--cloud", "azure", "-o", str(tmp_path / "a")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "a" / "azuredeploy.json").exists()


LB = """deployment web { cloud = gcp }
network net { }
bucket site { }
service api { image = "ghcr.io/a/b:1"
  expose = https }
vm app { size = small
  network = net.private }
load_balancer lb { public = true
  targets = [api, app]
  waf = true }
cdn edge { origin = site }
cdn edge2 { origin = lb }
"""


def _resources(tf: str) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    for block in hcl2.loads(tf)["resource"]:
        for rtype, by_label in block.items():
            out.setdefault(rtype, {}).update(by_label)
    return out


def test_load_balancer_and_cdn():
    res = compile_source(LB, "lb.adl")
    assert res.ok, res.render()
    out = emit_terraform_gcp(res.ir, res.graph)
    assert out.ok and not out.diagnostics, out.diagnostics
    rs = _resources(out.files["main.tf"])
    neg = rs["google_compute_region_network_endpoint_group"]["lb_api"]
    assert neg["network_endpoint_type"] == "SERVERLESS"
    be = rs["google_compute_backend_service"]
    assert be["lb_app"]["backend"][0]["group"] == "${google_compute_region_instance_group_manager.app.instance_group}"
    armor = "${google_compute_security_policy.lb_armor.id}"
    assert all(be[k]["security_policy"] == armor for k in ("lb_api", "lb_app"))
    # the CDN in front of the load balancer turns caching on there instead of adding a front end
    assert be["lb_api"]["enable_cdn"] is True and be["lb_app"]["enable_cdn"] is True
    assert rs["google_compute_ssl_policy"]["lb"]["min_tls_version"] == "TLS_1_2"
    assert rs["google_compute_backend_bucket"]["edge"]["enable_cdn"] is True
    assert set(rs["google_compute_global_forwarding_rule"]) == {"lb", "edge"}


def test_internal_load_balancer_is_refused_at_compile_time_on_gcp():
    res = compile_source('deployment d { cloud = gcp }\nservice s { image = "x:1" }\n'
                         'load_balancer lb { targets = [s] }\n', "t.adl")
    assert [(d.code, d.message) for d in res.errors] == [("ADL1081", "an internal load balancer is not offered on gcp")]



def test_deploy_to_gcp_is_emit_only(tmp_path):
    """No GCP deploy provider: plan refuses a gcp deployment with one coded diagnostic (docs/gcp.md)."""
    src = tmp_path / "g.adl"
    src.write_text("deployment g { cloud = gcp }\nkey k { }\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "autodeploy", "plan", str(src)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300)
    assert run.returncode == 1 and "ADL5109" in run.stderr and "Terraform for Google Cloud" in run.stderr


def test_a_queue_triggers_its_function_through_its_own_subscription():
    """One subscription per queue keeps its dead-letter policy: it pushes to the function (no Eventarc copy)."""
    rs = _resources(_gcp("portable-api"))
    sub = rs["google_pubsub_subscription"]["jobs"]
    assert sub["push_config"][0]["push_endpoint"] == "${google_cloudfunctions2_function.worker.service_config[0].uri}"
    assert sub["dead_letter_policy"][0]["dead_letter_topic"] == "${google_pubsub_topic.jobs_dlq.id}"
    assert "event_trigger" not in rs["google_cloudfunctions2_function"]["worker"]
    assert set(rs["google_pubsub_subscription"]) == {"jobs", "jobs_dlq"}
