"""The data-service kinds in the compiler: secure defaults in the IR, placement (ADL1080) and the
buildability checks that keep `compile` => `emit` (ADL1200-ADL1203)."""

from __future__ import annotations

import pytest

from autodeploy.compiler import compile_source

NET = "network net {}\n"


def _codes(src: str, cloud: str = "aws") -> list[str]:
    r = compile_source(f"deployment d {{ cloud = {cloud} }}\n" + src, "t.adl")
    return [d.code for d in r.diagnostics if d.severity.name == "ERROR"]


def test_defaults_are_secure() -> None:
    src = ("deployment d { }\n" + NET + "search s { network = net.private }\nkafka k { brokers = 2 network = "
           "net.private }\nbroker b : rabbitmq { network = net.private }\ndocument_db m { network = net.private }\n"
           "stream st { }\n")
    r = compile_source(src, "t.adl")
    assert r.ok and r.ir is not None
    a = {x.name: x.attrs for x in r.ir.resources}
    assert (a["s"]["encryption"], a["s"]["tls"], a["s"]["auth"], a["s"]["public"], a["s"]["logs"]) == \
        (True, True, True, False, True)
    assert (a["k"]["encryption"], a["k"]["tls"], a["k"]["auth"], a["k"]["logs"]) == (True, True, "iam", True)
    assert (a["b"]["encryption"], a["b"]["public"], a["b"]["logs"], a["b"]["version"]) == (True, False, True, "3.13")
    assert (a["m"]["encryption"], a["m"]["tls"], a["m"]["backup"], a["m"]["deletion_protection"]) == (True, True, 7,
                                                                                                       True)
    assert a["st"]["encryption"] is True and a["st"]["shards"] is None  # on-demand


@pytest.mark.parametrize("src", [
    "kafka k { brokers = 2 }", "document_db m { }", "search s { }", "broker b : activemq { }"])
def test_private_services_need_a_network_on_aws(src: str) -> None:
    assert _codes(NET + src + "\n") == ["ADL1080"]


def test_a_public_search_domain_needs_no_network() -> None:
    assert _codes("search s { public = true }\n") == []


def test_azure_services_reach_a_network_only_when_asked() -> None:
    assert _codes('search s { instance = "basic" }\nkafka k { }\ndocument_db m { }\n', "azure") == []


@pytest.mark.parametrize("src, code", [
    ("search s { nodes = 3 zones = 2 network = net.private }", "ADL1200"),  # 3 nodes over 2 zones
    ("search s { nodes = 3 zones = 3 network = net.private }", "ADL1200"),  # 3 zones, 2 subnets
    ("search s { masters = 2 network = net.private }", "ADL1201"),
    ("kafka k { brokers = 3 network = net.private }", "ADL1200"),  # 3 brokers, 2 private subnets
    ("broker b : rabbitmq { mode = active_standby network = net.private }", "ADL1202"),
    ("broker b : activemq { mode = cluster network = net.private }", "ADL1202"),
    ('broker b : activemq { version = "3.13" network = net.private }', "ADL1205"),  # a RabbitMQ version
    ("broker b : rabbitmq { mode = cluster network = net.private }", "ADL1204"),  # 3 nodes, 2 subnets
])
def test_unbuildable_shapes_are_compile_errors(src: str, code: str) -> None:
    assert _codes(NET + src + "\n") == [code]


def test_buildable_shapes_compile() -> None:
    src = ("network net { private_subnets = 3 zones = 3 }\nsearch s { nodes = 6 zones = 3 masters = 3 network = "
           "net.private }\nkafka k { brokers = 6 network = net.private }\n"
           "broker b : rabbitmq { mode = cluster network = net.private }\n"
           "kafka serverless { serverless = true brokers = 1 network = net.private }\n")
    assert _codes(src) == []


def test_azure_search_tier_is_checked() -> None:
    assert _codes('search s { instance = "r6g.large.search" }\n', "azure") == ["ADL1203"]


def test_unsupported_engine_version_is_a_type_error() -> None:
    # supported versions are an enum: an end-of-support engine is refused at compile time (ADL1011)
    assert _codes(NET + 'search s { version = "1.3" network = net.private }\n') == ["ADL1011"]
    assert _codes(NET + 'kafka k { version = "2.8.1" brokers = 2 network = net.private }\n') == ["ADL1011"]
