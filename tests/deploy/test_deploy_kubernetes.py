"""kubernetes on EKS against a real moto server: apply builds the cluster (private endpoint,
secrets encrypted with its key, every control-plane log type), the managed node group with the
stated scaling range and a Fargate profile per namespace, with main.tf's names; drift sees a
node group resized behind our back; destroy removes it all."""

from __future__ import annotations

from pathlib import Path

import boto3
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.backends.aws import kubernetes as facts
from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.compiler import compile_source

SRC = """deployment shop { region = "us-east-1" }
network net {}
kubernetes k8s {
  version = "1.30"
  nodes = 3..6
  node_instance = "m5.large"
  fargate = ["batch"]
  network = net
}
"""


def test_eks_cluster_apply_drift_destroy(moto, tmp_path: Path) -> None:  # noqa: F811
    result = compile_source(SRC, "shop.adl")
    assert result.ir is not None and result.graph is not None, result.diagnostics
    cloud = Cloud("us-east-1", moto.endpoint)
    state = st.load(str(tmp_path / "s.json"), "shop", "us-east-1", moto.endpoint)
    out = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
    assert out.exit_code == 0, [d.message for d in out.diagnostics]
    assert sorted(out.created) == ["k8s", "net"]

    eks = boto3.client("eks", endpoint_url=moto.endpoint, region_name="us-east-1")
    name = facts.cluster_name("shop", "k8s")
    assert name == "shop-k8s"  # main.tf's "${var.name_prefix}-k8s" with the default prefix
    c = eks.describe_cluster(name=name)["cluster"]
    assert c["version"] == "1.30"
    assert c["resourcesVpcConfig"]["endpointPublicAccess"] is False
    assert c["resourcesVpcConfig"]["endpointPrivateAccess"] is True
    assert c["encryptionConfig"][0]["resources"] == ["secrets"]
    key = c["encryptionConfig"][0]["provider"]["keyArn"]
    assert key == "arn:aws:kms:us-east-1:123456789012:key/" + state.resources["k8s"]["physical"]["key_id"]
    logging = c["logging"]["clusterLogging"][0]
    assert logging["enabled"] and sorted(logging["types"]) == sorted(facts.LOG_TYPES)
    net_subnets = state.resources["net"]["physical"]["private_subnets"]
    assert sorted(c["resourcesVpcConfig"]["subnetIds"]) == sorted(net_subnets)  # the private subnets
    ng = eks.describe_nodegroup(clusterName=name, nodegroupName="k8s-nodes")["nodegroup"]
    assert ng["scalingConfig"] == {"minSize": 3, "desiredSize": 3, "maxSize": 6}
    assert ng["instanceTypes"] == ["m5.large"] and ng["diskSize"] == 50
    fp = eks.describe_fargate_profile(clusterName=name, fargateProfileName="k8s-batch")["fargateProfile"]
    assert fp["selectors"] == [{"namespace": "batch"}]
    logs = boto3.client("logs", endpoint_url=moto.endpoint, region_name="us-east-1")
    groups = logs.describe_log_groups(logGroupNamePrefix="/aws/eks/shop-k8s/")["logGroups"]
    assert [(g["logGroupName"], g["retentionInDays"]) for g in groups] == [("/aws/eks/shop-k8s/cluster", 365)]

    # drift: the node group resized by hand is reported against the file's range
    eks.update_nodegroup_config(clusterName=name, nodegroupName="k8s-nodes",
                                scalingConfig={"minSize": 1, "desiredSize": 1, "maxSize": 2})
    found, _ = engine.drift(state, cloud, lambda _: None)
    assert [(d.name, d.changes) for d in found] == [
        ("k8s", (("nodes", {"min": 3, "max": 6}, {"min": 1, "max": 2}),))]

    gone = engine.destroy(state, cloud, lambda _: None)
    assert gone.exit_code == 0, [d.message for d in gone.diagnostics]
    assert eks.list_clusters()["clusters"] == []
    assert inventory(moto.endpoint, "us-east-1") == []
