"""What users run that the estimate can now state: gp3 IOPS/throughput above the included baseline,
io2 IOPS tiers, CPU credits, purchase options, free tiers as an opt-in, 64 KB request chunks."""

from __future__ import annotations

import json

from cost_snippets import attach_networks

from autodeploy.analytics.cost import CostComponent, CostReport, estimate
from autodeploy.backends.terraform.emitter import emit_terraform
from autodeploy.cli import main
from autodeploy.compiler import compile_source


def _compile(src: str):  # type: ignore[no-untyped-def]
    res = compile_source(attach_networks('deployment d { region = "us-east-1" }\nnetwork n { }\n' + src), "s.adl")
    assert res.ok, res.render()
    return res


def _report(src: str, usage: dict[str, dict[str, float]] | None = None, free_tier: bool = False) -> CostReport:
    return estimate(_compile(src).ir, usage, today="2026-12-01", free_tier=free_tier)


def _comps(rep: CostReport, name: str, prefix: str) -> list[CostComponent]:
    return [c for c in rep.resource(name).components if c.name.startswith(prefix)]  # type: ignore[union-attr]


def test_vm_gp3_iops_and_throughput_above_the_baseline() -> None:
    rep = _report('vm v { instance = "m5.large"  count = 2  disk_iops = 6000  disk_throughput = 250 }')
    (iops,) = _comps(rep, "v", "Disk IOPS")
    assert (iops.quantity, iops.unit_price, iops.monthly) == (6000, 0.005, 30.00)  # (6000-3000) x 2 x $0.005
    (thr,) = _comps(rep, "v", "Disk throughput")
    # (250-125) MiB/s x 2 volumes = 250 MiB/s = 0.244140625 GiB/s x $40.96 = $10.00
    assert (thr.unit_price, thr.monthly) == (40.96, 10.00)
    assert not _comps(_report('vm v { instance = "m5.large"  disk_iops = 3000 }'), "v", "Disk IOPS")


def test_io2_iops_are_tiered_and_io1_needs_iops() -> None:
    rep = _report('vm v { instance = "m5.large"  disk_type = io2  disk_iops = 70000  disk = 100 GB }')
    got = [(c.quantity, c.unit_price) for c in _comps(rep, "v", "Disk IOPS")]
    assert got == [(32000, 0.065), (32000, 0.0455), (6000, 0.03185)]
    # an io1 disk without `disk_iops` no longer compiles (EC2 refuses it: compiler/buildable_kinds/vm.py)
    res = compile_source(attach_networks('deployment d { region = "us-east-1" }\nnetwork n { }\n'
                                         'vm v { instance = "m5.large"  disk_type = io1 }'), "s.adl")
    assert [d.code for d in res.errors] == ["ADL1403"] and "disk_iops" in res.errors[0].message


def test_emit_writes_what_is_priced_and_warns_where_it_cannot() -> None:
    res = _compile('vm v { instance = "m5.large"  disk_iops = 6000  disk_throughput = 250  cpu_credits = standard\n'
                   '  network = n.private }\nvm s { instance = "m5.large"  disk_type = st1  disk_iops = 500\n'
                   '  network = n.private }\n'
                   'database big : postgres { storage = 500 GB  storage_type = gp3  iops = 20000  throughput = 800\n'
                   '  network = n.private }\n'
                   'database small : postgres { iops = 20000  storage_type = gp3  network = n.private }\n')
    out = emit_terraform(res.ir, res.graph, "json")
    doc = json.loads(out.files["main.tf.json"])["resource"]
    root = doc["aws_instance"]["v"]["root_block_device"]
    root = root[0] if isinstance(root, list) else root
    assert (root["iops"], root["throughput"]) == (6000, 250)
    credit = doc["aws_instance"]["v"]["credit_specification"]
    assert (credit[0] if isinstance(credit, list) else credit) == {"cpu_credits": "standard"}
    big = doc["aws_db_instance"]["big"]
    assert (big["storage_type"], big["iops"], big["storage_throughput"]) == ("gp3", 20000, 800)
    assert "iops" not in doc["aws_db_instance"]["small"]  # below 400 GB the gp3 baseline is fixed
    warned = sorted((d.code, d.span.line) for d in out.diagnostics)
    assert warned == [("ADL5003", 5), ("ADL5003", 9)], out.diagnostics
    rep = estimate(res.ir, today="2026-12-01")
    (iops,) = _comps(rep, "big", "Provisioned IOPS (gp3")
    assert (iops.quantity, iops.unit_price, iops.monthly) == (8000, 0.02, 160.00)
    (thr,) = _comps(rep, "big", "Provisioned throughput (gp3")
    assert (thr.quantity, thr.unit_price, thr.monthly) == (300, 0.08, 24.00)
    assert not _comps(rep, "small", "Provisioned")


def test_cpu_credits_follow_aws_defaults() -> None:
    rep = _report('vm a { instance = "t3.large" }\nvm b { instance = "t2.micro" }\n'
                  'vm c { instance = "t4g.small" }\nvm d { instance = "t3.large"  cpu_credits = standard }',
                  {"a": {"cpu_credit_vcpu_hours": 100}})
    (a,) = _comps(rep, "a", "CPU credits")
    assert (a.quantity, a.unit_price, a.monthly) == (100, 0.05, 5.00)  # cited T3 unlimited rate
    assert not _comps(rep, "b", "CPU credits")  # t2 defaults to standard
    (c,) = _comps(rep, "c", "CPU credits")
    assert c.price_source == "unknown" and "no cited CPU credit price for t4g" in c.note
    assert not _comps(rep, "d", "CPU credits")


def test_purchase_options_priced_only_where_cited() -> None:
    rep = _report('vm r { instance = "t3.medium"  purchase = reserved_1y }\n'
                  'vm s { instance = "t3.medium"  purchase = savings_plan_3y }')
    (r,) = _comps(rep, "r", "Instance")
    assert (r.name, r.unit_price, r.monthly) == ("Instance (t3.medium x 1), reserved_1y", 0.0261, 19.05)
    (s,) = _comps(rep, "s", "Instance")
    assert s.price_source == "unknown" and "no cited savings_plan_3y price for t3.medium" in s.note


def test_free_tier_is_opt_in_and_taken_once(capsys) -> None:  # type: ignore[no-untyped-def]
    src = "queue a { }\nqueue b { }\ntopic t { }\nkey k { }"
    usage = {"a": {"monthly_requests": 3e6}, "b": {"monthly_requests": 3e6}, "t": {"monthly_requests": 3e6},
             "k": {"monthly_requests": 50_000}}
    full, free = _report(src, usage), _report(src, usage, free_tier=True)
    assert [c.quantity for c in _comps(full, "a", "Requests")] == [3]
    assert [c.quantity for c in _comps(free, "a", "Requests")] == [2]  # first 1M free (cited SQS row)
    assert [c.quantity for c in _comps(free, "b", "Requests")] == [3]  # once per account
    assert "taken by `a`" in _comps(free, "b", "Requests")[0].note
    assert [c.monthly for c in _comps(full, "t", "Publish")] == [1.50]
    assert [c.monthly for c in _comps(free, "t", "Publish")] == [1.00]
    assert [c.quantity for c in _comps(free, "k", "Requests")] == [3]  # (50,000 - 20,000) / 10k
    assert "free 1M requests/month not applied (--free-tier)" in _comps(full, "a", "Requests")[0].note


def test_cost_cli_free_tier_flag(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "q.adl").write_text('deployment d { region = "us-east-1" }\nqueue q { load = 1 rps }\n')
    main(["cost", str(tmp_path / "q.adl"), "--format", "json"])
    full = json.loads(capsys.readouterr().out)["total_monthly"]
    main(["cost", str(tmp_path / "q.adl"), "--format", "json", "--free-tier"])
    free = json.loads(capsys.readouterr().out)["total_monthly"]
    assert (full, free) == (1.05, 0.65)  # 2.628M requests x $0.40/1M; 1M of them free


def test_request_size_is_billed_in_64_kb_chunks() -> None:
    rep = _report("queue q { }", {"q": {"monthly_requests": 1e6, "request_size_kb": 200}})
    (c,) = _comps(rep, "q", "Requests")
    assert (c.quantity, c.monthly) == (4, 1.60) and "4 billed 64 KB chunk(s)" in c.note


def test_azure_commitments_are_unknown_not_on_demand() -> None:
    res = compile_source(attach_networks('deployment d { cloud = azure  region = "eastus" }\n'
                                         'vm v { instance = "Standard_B2s"  purchase = reserved_3y }'), "az.adl")
    assert res.ok, res.render()
    (c,) = _comps(estimate(res.ir), "v", "Instance")
    assert c.price_source == "unknown" and "no cited Azure reserved_3y price" in c.note


def test_a_second_trail_pays_for_its_copy_of_management_events() -> None:
    rep = _report("audit a { }\naudit b { data_events = false }", {"b": {"monthly_management_events": 250_000}})
    assert [c.name for c in _comps(rep, "a", "Management")] == ["Management events (first copy)"]
    (b,) = _comps(rep, "b", "Management")
    assert (b.name, b.quantity, b.unit_price, b.monthly) == ("Management events (additional copy)", 2.5, 2.0, 5.00)
