"""Unit tests of the compiler's parts: units, defaults, params, imports, graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from autodeploy import compile_source
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.units import to_canonical


@pytest.mark.parametrize("amount,unit,canon,expected", [
    (2, "TB", "GB", 2048), (512, "MB", "GB", 0.5), (7, "years", "days", 2555), (15, "min", "seconds", 900),
    (36, "h", "days", 1.5), (1, "usd/hour", "usd/month", 730), (120, "rpm", "rps", 2), (2, "vcpus", "vcpu", 2),
])
def test_canonical_units(amount: float, unit: str, canon: str, expected: float) -> None:
    assert to_canonical(amount, unit, canon) == expected


def test_secure_defaults_are_in_the_ir() -> None:
    r = compile_source('network n {}\nbucket b {}\ndatabase d : postgres { network = n }\n'
                       'cache c : redis { network = n }\n')
    assert r.ok, r.render()
    assert r.ir is not None
    b, d, c = (r.ir.by_name[n] for n in "bdc")
    assert b.attrs["encryption"] is True and b.attrs["public"] is False and b.attrs["versioning"] is True
    assert d.attrs["backup"] == 7 and d.attrs["deletion_protection"] is True and d.attrs["tls"] is True
    assert d.attrs["version"] == "16" and d.attrs["instance"] == "db.t4g.medium"
    assert c.attrs["tls"] is True and c.attrs["version"] == "7.1"
    assert b.explicit == () and d.explicit == ("network",)


def test_cloud_specific_defaults() -> None:
    r = compile_source('deployment a { cloud = azure region = "westeurope" }\ndatabase d : mysql {}\n')
    assert r.ok, r.render()
    assert r.ir is not None and r.ir.by_name["d"].attrs["instance"] == "Standard_D2ds_v5"


def test_region_of_the_other_cloud_is_explained() -> None:
    r = compile_source('deployment a { cloud = azure region = "eu-west-1" }')
    assert [d.code for d in r.diagnostics] == ["ADL1014"]
    assert "aws region" in (r.diagnostics[0].help or "")


def test_params_bare_reference_and_interpolation() -> None:
    src = 'param size: size = 2 TB\nparam team: string = "core"\nbucket b { size = size tags = { t: "${team}-x" } }\n'
    r = compile_source(src)
    assert r.ok, r.render()
    assert r.ir is not None
    assert r.ir.by_name["b"].attrs["size"] == 2048
    assert r.ir.by_name["b"].attrs["tags"] == {"t": "core-x"}
    r2 = compile_source(src, params={"size": "3 TB"})
    assert r2.ir is not None and r2.ir.by_name["b"].attrs["size"] == 3072
    r3 = compile_source(src, params={"size": "3 days"})
    assert "ADL1005" in [d.code for d in r3.diagnostics]


def test_unused_param_warning() -> None:
    r = compile_source('param x: int = 3\n')
    assert r.ok and [d.code for d in r.diagnostics] == ["ADL1019", "ADL1050"]


def test_imports_and_closure_uniqueness(tmp_path: Path) -> None:
    (tmp_path / "net.adl").write_text('network core {}\nimport "main.adl"\n')
    main = tmp_path / "main.adl"
    main.write_text('import "net.adl"\ndatabase d : postgres { network = core.private }\n')
    from autodeploy import compile_file

    r = compile_file(main)
    assert r.ok, r.render()
    assert r.ir is not None and [x.name for x in r.ir.resources] == ["core", "d"]
    (tmp_path / "dup.adl").write_text('import "net.adl"\nnetwork core {}\n')
    r2 = compile_file(tmp_path / "dup.adl")
    assert [d.code for d in r2.errors] == ["ADL1008"]


def test_graph_waves_impact_and_cycles() -> None:
    src = """
key k {}
bucket b { encryption = k }
function f { uses = [b] trigger = q }
queue q { encryption = k }
service s : container { image = "x" uses = [f] }
deployment app { cloud = azure }
"""
    r = compile_source(src)
    assert r.ok, r.render()
    assert r.graph is not None
    g = r.graph
    assert g.waves() == [["k"], ["b", "q"], ["f"], ["s"]]
    assert g.order() == ["k", "b", "q", "f", "s"]
    assert g.impact("k") == ["b", "f", "q", "s"]
    assert g.impact("s") == []
    assert g.dependencies("f") == ["b", "k", "q"]
    cyc = compile_source('service a : container { image = "x" uses = [b] }\n'
                         'service b : container { image = "x" uses = [c] }\n'
                         'service c : container { image = "x" uses = [a] }\n')
    assert [d.message for d in cyc.errors] == ["dependency cycle: a --> b --> c --> a"]
    assert isinstance(cyc.graph, Graph)


def test_self_reference() -> None:
    r = compile_source('service a : container { image = "x" uses = [a] }')
    assert [d.code for d in r.errors] == ["ADL2002"]


def test_assertions_hold_and_fail() -> None:
    ok = compile_source('deployment a { compliance = [hipaa] budget = 100 usd/month }\n'
                        'assert deployment.compliance contains hipaa\nassert deployment.budget <= 100 usd/month\n')
    assert ok.ok, ok.render()
    assert ok.ir is not None and len(ok.ir.assertions) == 2
    bad = compile_source('deployment a { region = "eu-west-1" }\nassert deployment.region == "eu-central-1"\n')
    assert [d.code for d in bad.errors] == ["ADL1030"]
    weird = compile_source('assert nothing.here == 1\nassert deployment.compliance < 3\n')
    assert [d.code for d in weird.errors] == ["ADL1031", "ADL1031"]


def test_waiver_checked() -> None:
    r = compile_source('bucket b {}\nwaive ADLP-001 on b { reason = "r" owner = "o" expires = 2027-02-30 }\n')
    assert [d.code for d in r.errors] == ["ADL1018"]
    r2 = compile_source('bucket b {}\nwaive ADLP-001 on b { reason = "r" }\n')
    assert sorted(d.code for d in r2.errors) == ["ADL1006", "ADL1006"]
    r3 = compile_source('bucket b {}\nwaive ADLP-001 on b { reason = "r" owner = "o" expires = 2027-01-31 }\n')
    assert r3.ok and r3.ir is not None and r3.ir.waivers[0].expires == "2027-01-31"


def test_a_network_placed_resource_without_a_network_is_an_error_with_a_fix_it() -> None:
    # aws: a VM lives in subnets, a function need not
    r = compile_source('network core {}\nvm v { instance = "t3.small" }\nfunction f { }\n')
    assert [(d.code, d.help) for d in r.errors] == [("ADL1080", "add `network = core.private` to `v`")]
    # on Azure a VM needs a subnet too, a public Standard load balancer does not
    az = compile_source('deployment a { cloud = azure }\nvm v { instance = "Standard_B1s" }\n'
                        'load_balancer p { type = network public = true }\n'
                        'load_balancer agw { type = application public = true }\n')
    assert sorted(d.message for d in az.errors) == [
        "`load_balancer agw` runs inside a network on azure but names none",
        "`vm v` runs inside a network on azure but names none"]
    # a broken file gets its own errors, not this one on top
    broken = compile_source('database d : postgres { network = nowhere }\n')
    assert [d.code for d in broken.errors] == ["ADL1009"]


def test_what_azure_does_not_offer_is_a_compile_error() -> None:
    r = compile_source('deployment a { cloud = azure }\ndatabase d : mariadb { }\ncache c : valkey { }\n')
    assert [(d.code, d.help) for d in r.errors] == [("ADL1081", "write `database d : mysql`"),
                                                    ("ADL1081", "write `cache c : redis`")]
    assert compile_source('database d : mariadb { network = n }\nnetwork n {}\n').ok  # AWS offers it


def test_an_address_space_the_backends_cannot_split_is_a_compile_error() -> None:
    def codes(cidr: str, cloud: str = "aws", extra: str = "") -> list[str]:
        src = (f'deployment a {{ cloud = {cloud} }}\nnetwork n {{ cidr = "{cidr}" {extra} }}\n'
               'database d : postgres { network = n }\n')
        return [d.code for d in compile_source(src).errors]

    assert codes("10.0.0.0/16") == [] and codes("10.0.0.0/24") == []
    assert codes("10.0.0.0/27", extra="public_subnets = 1 private_subnets = 1") == []
    assert codes("10.0.0.0/27") == ["ADL1082"]  # 2 + 2 subnets of a /28 do not fit in a /27
    assert codes("10.0.0.0/28") == ["ADL1082"] and codes("10.0.0.0/12") == ["ADL1082"]
    # azure: 2 public + 2 private + the database's delegated subnet, as /28s of a /24, /29s of a /25
    assert codes("10.0.0.0/24", "azure") == [] and codes("10.0.0.0/25", "azure") == []
    assert codes("10.0.0.0/26", "azure") == ["ADL1082"]  # /30 subnets: below Azure's minimum
    assert codes("10.0.0.0/28", "azure") == ["ADL1082"]  # one /28, five subnets needed
