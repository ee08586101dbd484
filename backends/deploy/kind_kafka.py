"""kafka -> MSK provisioned cluster (or MSK Serverless) in the network's private subnets: TLS between
clients and brokers and inside the cluster, IAM (or SASL/SCRAM) client auth, no unauthenticated access,
and with `logs` broker logs to the CloudWatch Logs group `/aws/msk/<prefix>-<name>` (as main.tf)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import data_services as facts
from autodeploy.backends.aws import names

from . import log_groups
from .cloud import ignore_missing, is_not_found
from .data_services import delete_parts, security_group
from .providers import Ctx, Provider, always_data, provider


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    vpc, subnets = ctx.subnets()
    sg = security_group(ctx, phys, vpc, "kafka")
    name = ctx.named(facts.cluster_name(ctx.deployment, ctx.name), ctx.pname(limit=64))
    scram = a["auth"] == "scram"
    kafka = ctx.c("kafka")
    if a["serverless"]:
        out = kafka.create_cluster_v2(ClusterName=name, Tags=ctx.tags, Serverless={
            "VpcConfigs": [{"SubnetIds": subnets, "SecurityGroupIds": [sg]}],
            "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}}})
    else:
        enc: dict[str, Any] = {"EncryptionInTransit": {"ClientBroker": "TLS" if a["tls"] else "TLS_PLAINTEXT",
                                                       "InCluster": bool(a["tls"])}}
        if ctx.kms_key():
            enc["EncryptionAtRest"] = {"DataVolumeKMSKeyId": ctx.kms_key()}
        if scram:
            ctx.warn_feature("auth", "SCRAM users live in an AmazonMSK_* secret that deploy does not associate",
                             "emit Terraform for the secret association, or set `auth = iam`")
        logging: dict[str, Any] = {}
        if a["logs"]:
            group = facts.KAFKA_LOG_GROUP_PREFIX + names.prefixed(ctx.deployment, ctx.name)
            log_groups.create(ctx, phys, "log_group", group)
            logging = {"LoggingInfo": {"BrokerLogs": {"CloudWatchLogs": {"Enabled": True, "LogGroup": group}}}}
        # CreateCluster (provisioned only) rather than CreateClusterV2: the same cluster, and the API
        # whose encryption and authentication settings the test endpoint (moto) keeps and reports back
        out = kafka.create_cluster(
            ClusterName=name, Tags=ctx.tags, KafkaVersion=facts.kafka_version(str(a["version"])),
            NumberOfBrokerNodes=int(a["brokers"]), EncryptionInfo=enc,
            BrokerNodeGroupInfo={"InstanceType": a["instance"], "ClientSubnets": subnets, "SecurityGroups": [sg],
                                 "StorageInfo": {"EbsStorageInfo": {"VolumeSize": int(a["storage"])}},
                                 "ConnectivityInfo": {"PublicAccess": {"Type": "DISABLED"}}},
            ClientAuthentication={"Sasl": {"Iam": {"Enabled": not scram}, "Scram": {"Enabled": scram}},
                                  "Unauthenticated": {"Enabled": False}}, **logging)
    phys["arn"] = out["ClusterArn"]
    phys["cluster"] = name


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("arn"):
        ignore_missing(ctx.c("kafka").delete_cluster, ClusterArn=phys["arn"])
    log_groups.delete(ctx, phys, "log_group")
    delete_parts(ctx, phys)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        c = ctx.c("kafka").describe_cluster_v2(ClusterArn=phys["arn"])["ClusterInfo"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if c.get("State") == "DELETING":
        return None
    prov = c.get("Provisioned")
    if not prov:
        return {"serverless": True}
    tls = prov.get("EncryptionInfo", {}).get("EncryptionInTransit", {})
    cw = prov.get("LoggingInfo", {}).get("BrokerLogs", {}).get("CloudWatchLogs", {})
    return {"serverless": False, "brokers": int(prov.get("NumberOfBrokerNodes", 0)),
            "client_tls": tls.get("ClientBroker") == "TLS",
            "broker_logs": bool(cw.get("Enabled")) and log_groups.exists(ctx, phys, "log_group")}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    if a["serverless"]:
        return {"serverless": True}
    return {"serverless": False, "brokers": int(a["brokers"]), "client_tls": bool(a["tls"]),
            "broker_logs": bool(a["logs"])}


provider(Provider("kafka", create, delete, read, expected, holds_data=always_data("a Kafka cluster's topics")))
