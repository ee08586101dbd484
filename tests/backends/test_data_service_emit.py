"""What the Terraform and ARM emitters write for the data-service kinds: the secure settings each
ADL attribute stands for, read back from the emitted JSON (main.tf.json / azuredeploy.json)."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.arm import emit_arm
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_source

AWS = """deployment d { }
network net {}
key k {}
bucket lake {}
search s { network = net.private }
stream st { shards = 2 retention = 2 days encryption = k delivery = lake }
kafka mk { brokers = 2 network = net.private }
kafka scram { brokers = 2 auth = scram network = net.private }
broker mq : rabbitmq { encryption = k network = net.private }
broker amq : activemq { mode = active_standby encryption = k network = net.private }
document_db docs { instances = 2 network = net.private }
"""

AZURE = """deployment d { cloud = azure }
network net {}
bucket lake {}
search s { instance = "basic" nodes = 3 network = net.private }
stream st { delivery = lake retention = 30 days }
kafka mk { brokers = 2 network = net.private }
document_db docs { backup = 35 days network = net.private }
broker mq : rabbitmq {}
"""


def _tf(src: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    r = compile_source(src, "t.adl")
    assert r.ok and r.ir is not None and r.graph is not None, r.diagnostics
    out = emit_terraform(r.ir, r.graph, fmt="json")
    doc = json.loads(out.files["main.tf.json"])
    return doc["resource"], [(d.code, d.message) for d in out.diagnostics]


def _first(block: Any) -> Any:
    return block[0] if isinstance(block, list) else block


def test_terraform_secure_settings() -> None:
    res, diags = _tf(AWS)
    os_ = res["aws_opensearch_domain"]["s"]
    assert _first(os_["encrypt_at_rest"])["enabled"] is True
    assert _first(os_["node_to_node_encryption"])["enabled"] is True
    assert _first(os_["domain_endpoint_options"])["enforce_https"] is True
    assert _first(os_["advanced_security_options"])["anonymous_auth_enabled"] is False
    assert "vpc_options" in os_ and all(o["enabled"] for o in os_["log_publishing_options"])
    ks = res["aws_kinesis_stream"]["st"]
    assert (ks["encryption_type"], ks["shard_count"], ks["retention_period"]) == ("KMS", 2, 48)
    assert ks["kms_key_id"] == "${aws_kms_key.k.arn}"
    fh = res["aws_kinesis_firehose_delivery_stream"]["st_delivery"]
    assert _first(fh["extended_s3_configuration"])["bucket_arn"] == "${aws_s3_bucket.lake.arn}"
    msk = res["aws_msk_cluster"]["mk"]
    auth = _first(msk["client_authentication"])
    assert auth["unauthenticated"] is False and _first(auth["sasl"])["iam"] is True
    assert _first(_first(msk["encryption_info"])["encryption_in_transit"])["client_broker"] == "TLS"
    info = _first(msk["broker_node_group_info"])
    assert _first(_first(info["connectivity_info"])["public_access"])["type"] == "DISABLED"
    assert "scram" in res["aws_msk_scram_secret_association"]
    mq = res["aws_mq_broker"]
    assert mq["mq"]["publicly_accessible"] is False and mq["mq"]["deployment_mode"] == "SINGLE_INSTANCE"
    assert _first(mq["mq"]["encryption_options"])["use_aws_owned_key"] is True  # RabbitMQ: AWS-owned key only
    assert _first(mq["amq"]["encryption_options"])["kms_key_id"] == "${aws_kms_key.k.arn}"
    assert mq["amq"]["deployment_mode"] == "ACTIVE_STANDBY_MULTI_AZ"
    doc = res["aws_docdb_cluster"]["docs"]
    assert doc["storage_encrypted"] is True and doc["deletion_protection"] is True
    assert doc["enabled_cloudwatch_logs_exports"] == ["audit", "profiler"]
    params = {p["name"]: p["value"] for p in res["aws_docdb_cluster_parameter_group"]["docs"]["parameter"]}
    assert params == {"tls": "enabled", "audit_logs": "enabled"}
    assert res["aws_docdb_cluster_instance"]["docs"]["count"] == 2
    # the RabbitMQ broker's key cannot be used: said once, with its reason
    assert [c for c, m in diags if c == "ADL5003"] == ["ADL5003"]
    assert "AWS-owned key only" in next(m for c, m in diags if c == "ADL5003")


def test_terraform_insecure_attributes_reach_the_resources() -> None:
    res, _ = _tf("deployment d { }\nnetwork net {}\nsearch s { tls = false auth = false public = true }\n"
                 "kafka k { brokers = 2 tls = false network = net.private }\nstream st { encryption = false }\n")
    os_ = res["aws_opensearch_domain"]["s"]
    assert _first(os_["node_to_node_encryption"])["enabled"] is False and "vpc_options" not in os_
    assert "advanced_security_options" not in os_
    assert _first(_first(res["aws_msk_cluster"]["k"]["encryption_info"])["encryption_in_transit"])[
        "client_broker"] == "TLS_PLAINTEXT"
    assert res["aws_kinesis_stream"]["st"]["encryption_type"] == "NONE"


def test_msk_serverless() -> None:
    res, _ = _tf("deployment d { }\nnetwork net {}\nkafka k { serverless = true network = net.private }\n")
    assert "aws_msk_cluster" not in res and "k" in res["aws_msk_serverless_cluster"]


def test_arm_secure_settings() -> None:
    r = compile_source(AZURE, "t.adl")
    assert r.ir is not None and r.graph is not None
    out = emit_arm(r.ir, r.graph)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for x in json.loads(out.files["azuredeploy.json"])["resources"]:
        by_type.setdefault(x["type"], []).append(x)
    srch = by_type["Microsoft.Search/searchServices"][0]
    assert srch["properties"]["publicNetworkAccess"] == "disabled" and srch["properties"]["disableLocalAuth"] is True
    assert srch["properties"]["replicaCount"] == 3 and srch["sku"] == {"name": "basic"}
    ns = {x["properties"]["publicNetworkAccess"]: x for x in by_type["Microsoft.EventHub/namespaces"]}
    assert ns["Disabled"]["sku"]["capacity"] == 2  # kafka: 2 brokers -> 2 throughput units, private
    assert all(x["properties"]["minimumTlsVersion"] == "1.2" for x in ns.values())
    assert all(x["properties"]["disableLocalAuth"] is True for x in ns.values())
    hub = by_type["Microsoft.EventHub/namespaces/eventhubs"][0]["properties"]
    assert hub["captureDescription"]["enabled"] is True and hub["messageRetentionInDays"] == 7
    cosmos = by_type["Microsoft.DocumentDB/databaseAccounts"][0]
    assert cosmos["kind"] == "MongoDB" and cosmos["properties"]["publicNetworkAccess"] == "Disabled"
    assert cosmos["properties"]["backupPolicy"]["periodicModeProperties"]["backupRetentionIntervalInHours"] == 720
    groups = {pe["properties"]["privateLinkServiceConnections"][0]["properties"]["groupIds"][0]
              for pe in by_type["Microsoft.Network/privateEndpoints"]}
    assert {"searchService", "namespace", "MongoDB"} <= groups
    codes = [(d.code, d.message) for d in out.diagnostics]
    assert ("ADL5007", "`broker mq` cannot be built on azure: Azure has no managed RabbitMQ or ActiveMQ; Service "
            "Bus speaks AMQP 1.0 and JMS 2.0, not these brokers' protocols (use `queue` or `topic`)") in codes
    assert sum(c == "ADL5054" for c, _ in codes) == 2  # retention 30 > 7 days, backup 35 > 30 days


def test_uses_edges_get_least_privilege_grants_and_ports() -> None:
    """A function that `uses` a stream may put records (and use its key); one that uses a search
    domain may call its HTTP API, reached through the domain's security group on 443."""
    r = compile_source("deployment g { }\nnetwork net {}\nkey k {}\nstream clicks { encryption = k }\n"
                       "search idx { network = net.private }\n"
                       "function f { uses = [clicks, idx] network = net.private }\n", "g.adl")
    assert r.ir is not None and r.graph is not None
    doc = json.loads(emit_terraform(r.ir, r.graph, fmt="json").files["main.tf.json"])
    stmts = {s["sid"]: s for s in doc["data"]["aws_iam_policy_document"]["f_access_policy"]["statement"]}
    assert stmts["PutClicks"]["actions"] == ["kinesis:PutRecord", "kinesis:PutRecords",
                                             "kinesis:DescribeStreamSummary"]
    assert stmts["PutClicks"]["resources"] == ["${aws_kinesis_stream.clicks.arn}"]
    assert stmts["KmsClicks"]["resources"] == ["${aws_kms_key.k.arn}"]
    assert stmts["SearchIdx"]["resources"] == ["${aws_opensearch_domain.idx.arn}/*"]
    ingress = doc["resource"]["aws_vpc_security_group_ingress_rule"]["idx_in_from_f"]
    assert ingress["from_port"] == 443 and ingress["referenced_security_group_id"] == "${aws_security_group.f.id}"
