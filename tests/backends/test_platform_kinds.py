"""The platform kinds' emitters (issue 21): what the Terraform and ARM of kubernetes, helm_release
and monitor say for the settings that matter (private endpoint, secrets encryption, logs, node
scaling, Fargate, pinned charts, alarms), and that the alarm tables agree with the pricers'."""

from __future__ import annotations

import json

import pytest

from autodeploy.backends.arm import emit_arm
from autodeploy.backends.arm import emit_monitor as arm_monitor
from autodeploy.backends.aws import monitoring as aws_monitoring
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_source
from autodeploy.compiler.kinds_platforms import ALARMED

AWS = 'deployment d { region = "us-east-1" }\nnetwork net {}\nkey k {}\n'
AZURE = 'deployment d { cloud = azure region = "eastus" }\nnetwork net {}\nkey k {}\n'


def _tf(src: str) -> tuple[str, list[tuple[str, str]]]:
    res = compile_source(src, "t.adl")
    assert res.ok and res.ir is not None, res.render()
    out = emit_terraform(res.ir, res.graph)
    return out.files["main.tf"], [(d.code, d.message) for d in out.diagnostics]


def _arm(src: str) -> tuple[dict, list[tuple[str, str]]]:
    res = compile_source(src, "t.adl")
    assert res.ok and res.ir is not None, res.render()
    out = emit_arm(res.ir, res.graph)
    return json.loads(out.files["azuredeploy.json"]), [(d.code, d.message) for d in out.diagnostics]


def _block(tf: str, rtype: str, label: str) -> str:
    start = tf.index(f'resource "{rtype}" "{label}" {{')
    return tf[start:tf.index("\n}\n", start)]


def test_alarm_tables_agree_with_the_pricers() -> None:
    assert set(aws_monitoring.METRICS) == ALARMED["aws"]
    assert set(arm_monitor.METRICS) == ALARMED["azure"]


def test_eks_defaults_are_private_encrypted_and_logged() -> None:
    tf, diags = _tf(AWS + "kubernetes c { network = net nodes = 3..6 fargate = [\"batch\", \"jobs\"] }\n")
    assert diags == []
    cluster = _block(tf, "aws_eks_cluster", "c")
    assert "endpoint_public_access  = false" in cluster and "endpoint_private_access = true" in cluster
    assert 'resources = ["secrets"]' in cluster and "key_arn = aws_kms_key.c_secrets.arn" in cluster
    assert '"api", "audit", "authenticator", "controllerManager", "scheduler"' in cluster
    assert 'authentication_mode                         = "API"' in cluster
    group = _block(tf, "aws_eks_node_group", "c")
    assert "min_size     = 3" in group and "max_size     = 6" in group and 'instance_types  = ["m5.large"]' in group
    assert 'resource "aws_eks_fargate_profile" "c_fargate_batch"' in tf
    assert 'resource "aws_eks_fargate_profile" "c_fargate_jobs"' in tf
    assert '"kms:Decrypt"' in tf  # the cluster role may use its secrets key


def test_eks_insecure_settings_are_emitted_as_written() -> None:
    tf, _ = _tf(AWS + "kubernetes c { network = net public = true encryption = false logs = false }\n")
    cluster = _block(tf, "aws_eks_cluster", "c")
    assert "endpoint_public_access  = true" in cluster
    assert "encryption_config" not in cluster and "enabled_cluster_log_types" not in cluster
    assert "aws_kms_key\" \"c_secrets" not in tf and "/aws/eks/" not in tf


def test_eks_referenced_key_encrypts_secrets() -> None:
    tf, _ = _tf(AWS + "kubernetes c { network = net encryption = k }\n")
    assert "key_arn = aws_kms_key.k.arn" in _block(tf, "aws_eks_cluster", "c")
    assert "c_secrets" not in tf


def test_eks_needs_a_network() -> None:
    # placed in subnets on AWS: a missing network is a compile error with a fix-it (compile => emit)
    res = compile_source('deployment d { region = "us-east-1" }\nkubernetes c {}\n', "t.adl")
    assert [d.code for d in res.diagnostics] == ["ADL1080"]


def test_aks_is_private_with_azure_ad_rbac_and_a_key() -> None:
    doc, diags = _arm(AZURE + 'kubernetes c { network = net nodes = 2..5 encryption = k fargate = ["x"] }\n')
    aks = next(r for r in doc["resources"] if r["type"] == "Microsoft.ContainerService/managedClusters")
    p = aks["properties"]
    assert p["apiServerAccessProfile"] == {"enablePrivateCluster": True}
    assert p["aadProfile"] == {"managed": True, "enableAzureRBAC": True} and p["disableLocalAccounts"] is True
    pool = p["agentPoolProfiles"][0]
    assert (pool["minCount"], pool["maxCount"], pool["enableAutoScaling"]) == (2, 5, True)
    assert "subnets" in pool["vnetSubnetID"]
    assert p["securityProfile"]["azureKeyVaultKms"]["enabled"] is True
    assert aks["identity"]["type"] == "UserAssigned"
    assert p["addonProfiles"]["omsagent"]["enabled"] is True
    assert [c for c, _ in diags if c == "ADL5054"] == ["ADL5054"]  # no Fargate on AKS
    assert any(r["type"] == "Microsoft.Insights/diagnosticSettings" for r in doc["resources"])


def test_aks_public_cluster_and_no_rbac() -> None:
    doc, _ = _arm(AZURE + "kubernetes c { network = net public = true rbac = false }\n")
    p = next(r for r in doc["resources"] if r["type"].endswith("managedClusters"))["properties"]
    assert p["apiServerAccessProfile"] == {"enablePrivateCluster": False}
    assert "aadProfile" not in p and p["disableLocalAccounts"] is False


def test_helm_release_through_a_provider_per_cluster() -> None:
    src = AWS + ("kubernetes a { network = net }\nkubernetes b { network = net }\n"
                 'helm_release x { cluster = a chart = "c" version = "1.2.3" values = { "r.n": 2, "on": true } }\n'
                 'helm_release y { cluster = b chart = "c" }\n')
    tf, _ = _tf(src)
    assert tf.count('provider "helm" {') == 2 and 'alias = "a"' in tf and 'alias = "b"' in tf
    x = _block(tf, "helm_release", "x")
    assert "provider         = helm.a" in x and 'version          = "1.2.3"' in x
    assert 'name  = "on"\n    value = "true"' in x and 'name  = "r.n"\n    value = "2"' in x
    assert "version" not in _block(tf, "helm_release", "y")  # unpinned: emitted as written (ADLP-121 flags it)
    assert 'source  = "hashicorp/helm"' in tf


def test_helm_release_is_unsupported_on_azure() -> None:
    res = compile_source(AZURE + 'kubernetes c { network = net }\nhelm_release x { cluster = c chart = "c" }\n',
                         "t.adl")
    assert res.ir is not None
    out = emit_arm(res.ir, res.graph)
    assert [d.code for d in out.diagnostics if d.code == "ADL5007"] == ["ADL5007"]


@pytest.mark.parametrize("op,comparison", [("<", "GreaterThanOrEqualToThreshold"), ("<=", "GreaterThanThreshold")])
def test_monitor_alarm_fires_when_the_objective_is_not_met(op: str, comparison: str) -> None:
    tf, diags = _tf('deployment d { region = "us-east-1" }\nfunction f {}\n'
                    f"monitor m {{ watch = [f] latency = p95 {op} 2 s errors = < 0.5 % saturation = avg < 70 % }}\n")
    lat = _block(tf, "aws_cloudwatch_metric_alarm", "m_f_latency")
    assert f'comparison_operator = "{comparison}"' in lat and "threshold           = 2000" in lat
    assert 'extended_statistic = "p95"' in lat
    err = _block(tf, "aws_cloudwatch_metric_alarm", "m_f_errors")
    assert "threshold           = 0.5" in err and 'expression  = "100 * errors / total"' in err
    # a Lambda has no saturation metric: said, not silently dropped
    assert [c for c, _ in diags] == ["ADL5300"] and "saturation" in diags[0][1]
    assert 'kms_master_key_id = "alias/aws/sns"' in _block(tf, "aws_sns_topic", "m")


def test_azure_monitor_alerts_and_percentile_adjustment() -> None:
    doc, diags = _arm(AZURE + "database db : postgres { network = net }\n"
                              'monitor m { watch = [db] saturation = max < 90 % email = "a@example.com" }\n')
    alerts = [r for r in doc["resources"] if r["type"] == "Microsoft.Insights/metricAlerts"]
    assert len(alerts) == 1
    crit = alerts[0]["properties"]["criteria"]["allOf"][0]
    assert (crit["metricName"], crit["operator"], crit["threshold"], crit["timeAggregation"]) == (
        "cpu_percent", "GreaterThanOrEqual", 90, "Maximum")
    group = next(r for r in doc["resources"] if r["type"] == "Microsoft.Insights/actionGroups")
    assert group["properties"]["emailReceivers"][0]["emailAddress"] == "a@example.com"
    assert any(r["type"] == "Microsoft.Dashboard/grafana" for r in doc["resources"])
    assert not [c for c, _ in diags if c.startswith("ADL530")]
