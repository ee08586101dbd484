"""kafka -> MSK provisioned cluster (brokers over the network's private subnets, TLS between
clients and brokers and inside the cluster, IAM or SASL/SCRAM client authentication, no
unauthenticated access, no public access, broker logs to CloudWatch) or MSK Serverless (IAM)."""

from __future__ import annotations

from autodeploy.backends.aws import data_services as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx, key_policy
from .credentials import admin_secret
from .hcl import Block, Tmpl, ref
from .registry import TERRAFORM


@TERRAFORM.register("kafka", primary=("aws_msk_cluster", "aws_msk_serverless_cluster"))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    if net is None:
        return
    scram = r.get("auth") == "scram"
    sg = ctx.security_group(r, net, facts.PORTS["kafka_scram" if scram else "kafka_tls"])
    name = facts.cluster_name(ctx.deployment, n)
    if r.get("serverless"):
        if scram:
            ctx.diag("ADL5003", r.span_of("auth"), kind="kafka", name=n, attr="auth", value="scram",
                     reason="MSK Serverless authenticates with IAM only; emitted with IAM", hint="set `auth = iam`")
        ctx.resource("aws_msk_serverless_cluster", n, {
            "cluster_name": name,
            "vpc_config": Block({"subnet_ids": ctx.subnets(net), "security_group_ids": [sg]}),
            "client_authentication": Block({"sasl": Block({"iam": Block({"enabled": True})})}),
            "tags": ctx.tags(r),
        })
        ctx.output(f"{n}_arn", ref("aws_msk_serverless_cluster", n, "arn"), f"ARN of kafka {n}")
        return
    logs = None
    if r.get("logs"):
        ctx.log_group(f"{n}_kafka", Tmpl(facts.KAFKA_LOG_GROUP_PREFIX + "${var.name_prefix}-" + n.replace('_', '-')))
        logs = Block({"broker_logs": Block({"cloudwatch_logs": Block({
            "enabled": True, "log_group": ref("aws_cloudwatch_log_group", f"{n}_kafka", "name")})})})
    tls = bool(r.get("tls"))
    ctx.resource("aws_msk_cluster", n, {
        "cluster_name": name,
        "kafka_version": facts.kafka_version(str(r.get("version"))),
        "number_of_broker_nodes": int(r.get("brokers")),
        "broker_node_group_info": Block({
            "instance_type": r.get("instance"),
            "client_subnets": ctx.subnets(net),
            "security_groups": [sg],
            "storage_info": Block({"ebs_storage_info": Block({"volume_size": int(r.get("storage"))})}),
            "connectivity_info": Block({"public_access": Block({"type": "DISABLED"})}),
        }),
        "encryption_info": Block({
            "encryption_at_rest_kms_key_arn": ctx.key_arn(r),
            "encryption_in_transit": Block({"client_broker": "TLS" if tls else "TLS_PLAINTEXT",
                                            "in_cluster": tls}),
        }),
        "client_authentication": Block({
            "unauthenticated": False,
            "sasl": Block({"iam": not scram, "scram": scram}),
        }),
        "logging_info": logs,
        "tags": ctx.tags(r),
    })
    if scram:
        _scram_secret(ctx, r)
    ctx.output(f"{n}_bootstrap", ref("aws_msk_cluster", n, "bootstrap_brokers_sasl_iam" if not scram
                                     else "bootstrap_brokers_sasl_scram"), f"bootstrap brokers of kafka {n}")


def _scram_secret(ctx: TfCtx, r: IRResource) -> None:
    """SASL/SCRAM users live in a Secrets Manager secret named AmazonMSK_*, encrypted with a customer key."""
    n = r.name
    key = ctx.key_arn(r)
    if key is None:
        ctx.resource("aws_kms_key", f"{n}_scram", {
            "description": f"{ctx.deployment}: SCRAM credentials of kafka {n} (autodeploy)",
            "enable_key_rotation": True, "deletion_window_in_days": 30, "policy": key_policy(ctx)})
        key = ref("aws_kms_key", f"{n}_scram", "arn")
    admin_secret(ctx, f"{n}_scram", Tmpl("AmazonMSK_${var.name_prefix}-" + n.replace("_", "-")),
                 f"SASL/SCRAM user of kafka {n}", "app", key)
    ctx.resource("aws_msk_scram_secret_association", n, {
        "cluster_arn": ref("aws_msk_cluster", n, "arn"),
        "secret_arn_list": [ref("aws_secretsmanager_secret", f"{n}_scram", "arn")],
        "depends_on": [ref("aws_secretsmanager_secret_version", f"{n}_scram")]})
