"""Pricers of the data-service kinds: every figure is a cited catalog price times an ADL or usage
quantity; what has no cited price (MSK Serverless, most instance types) is an explicit unknown."""

from __future__ import annotations

from typing import Any

import pytest

from autodeploy.analytics.cost import estimate
from autodeploy.compiler import compile_source

H = 730


def _cost(src: str, usage: dict[str, dict[str, float]] | None = None) -> Any:
    r = compile_source(src, "t.adl")
    assert r.ok, r.render()
    return estimate(r.ir, usage, today="2026-12-01")


def _parts(rep: Any, name: str) -> dict[str, tuple[float | None, str]]:
    res = rep.resource(name)
    assert res is not None
    return {c.name: (c.monthly, c.price_source) for c in res.components}


AWS = """deployment d { region = "us-east-1" }
network net { private_subnets = 3 zones = 3 }
search s { instance = "c4.2xlarge.search" nodes = 2 zones = 2 masters = 3 master_instance = "c4.8xlarge.search"
           storage = 100 GB logs = false network = net.private }
kafka k { instance = "kafka.t3.small" brokers = 3 storage = 50 GB logs = false network = net.private }
kafka sl { serverless = true network = net.private }
broker b : rabbitmq { instance = "mq.m5.xlarge" mode = cluster logs = false network = net.private }
stream od { }
stream pr { shards = 3 retention = 3 days }
document_db m { instances = 2 logs = false network = net.private }
"""


def test_aws_prices_are_the_cited_ones() -> None:
    rep = _cost(AWS, {"od": {"ingest_gb": 100}, "m": {"size_gb": 50}})
    s = _parts(rep, "s")
    assert s["Data nodes (c4.2xlarge.search x 2)"] == (pytest.approx(2 * H * 0.587), "exact")
    assert s["Dedicated masters (c4.8xlarge.search x 3)"] == (pytest.approx(3 * H * 2.347), "exact")
    assert s["EBS gp3 storage (100 GB x 2 nodes)"] == (pytest.approx(200 * 0.122), "exact")
    k = _parts(rep, "k")
    assert k["Brokers (kafka.t3.small x 3)"] == (pytest.approx(round(3 * H * 0.0456, 2)), "exact")
    assert k["Broker storage (50 GB x 3)"] == (pytest.approx(15.0), "exact")
    assert _parts(rep, "sl") == {"MSK Serverless cluster": (None, "unknown")}
    b = _parts(rep, "b")
    assert b["Broker (rabbitmq mq.m5.xlarge, cluster)"] == (pytest.approx(H * 1.728), "exact")
    od = _parts(rep, "od")
    assert od["On-demand stream"] == (pytest.approx(H * 0.04), "exact")
    assert od["Data ingested (on-demand)"] == (pytest.approx(8.0), "exact")
    pr = _parts(rep, "pr")
    assert pr["Shards (3)"] == (pytest.approx(3 * H * 0.015), "exact")
    assert pr["Extended retention (up to 7 days)"] == (pytest.approx(3 * H * 0.02), "exact")
    m = _parts(rep, "m")
    assert m["Instances (db.t3.medium x 2)"] == (pytest.approx(2 * H * 0.078), "exact")
    assert m["Cluster storage"] == (pytest.approx(5.0), "exact")


def test_uncited_instance_types_are_unknown_not_guessed() -> None:
    rep = _cost("deployment d { }\nnetwork net {}\nsearch s { network = net.private }\n"
                "kafka k { brokers = 2 network = net.private }\nbroker b : rabbitmq { network = net.private }\n")
    assert _parts(rep, "s")["Data nodes (r6g.large.search x 2)"] == (None, "unknown")
    assert _parts(rep, "k")["Brokers (kafka.m5.large x 2)"] == (None, "unknown")
    assert _parts(rep, "b")["Broker (rabbitmq mq.m5.large, single)"] == (None, "unknown")
    assert any(u.startswith("s: Data nodes") for u in rep.unknown)


def test_azure_prices() -> None:
    rep = _cost('deployment d { cloud = azure region = "eastus" }\nsearch s { instance = "basic" nodes = 3 }\n'
                "stream st { shards = 2 }\nkafka k { brokers = 4 }\ndocument_db m { throughput = 1000 }\n")
    assert _parts(rep, "s")["Search units (basic: 3 replica(s) x 1 partition)"] == (pytest.approx(3 * H * 0.101),
                                                                                    "exact")
    assert _parts(rep, "st")["Throughput units (2, Standard)"] == (pytest.approx(2 * H * 0.03), "exact")
    assert _parts(rep, "k")["Throughput units (4, Standard, Kafka endpoint)"] == (pytest.approx(4 * H * 0.03),
                                                                                 "exact")
    # Cosmos DB throughput is cited for westus/centralus only: a flagged approximation in eastus
    assert _parts(rep, "m")["Cosmos DB provisioned throughput (1000 RU/s)"] == (pytest.approx(10 * H * 0.008),
                                                                      "approximation")
