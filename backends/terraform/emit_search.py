"""search -> OpenSearch Service domain in the network's private subnets: encryption at rest
(the referenced key or the AWS-managed one), node-to-node encryption, HTTPS only with TLS 1.2,
fine-grained access control (IAM master: the account), slow/application/audit logs to CloudWatch."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import data_services as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Call, Tmpl, ref
from .registry import TERRAFORM


@TERRAFORM.register("search", primary=("aws_opensearch_domain",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    public = bool(r.get("public"))
    net = None if public else ctx.network(r)
    if net is None and not public:
        return
    domain = facts.search_domain(ctx.deployment, n)
    nodes, zones, masters = int(r.get("nodes")), int(r.get("zones")), int(r.get("masters"))
    cluster: dict[str, Any] = {
        "instance_type": r.get("instance"),
        "instance_count": nodes,
        "zone_awareness_enabled": zones > 1,
        "zone_awareness_config": Block({"availability_zone_count": zones}) if zones > 1 else None,
        "dedicated_master_enabled": masters > 0,
        "dedicated_master_type": (r.get("master_instance") or r.get("instance")) if masters else None,
        "dedicated_master_count": masters or None,
    }
    logs: list[Block] = []
    if r.get("logs"):
        kinds = facts.search_logs(bool(r.get("auth")))
        arn = ctx.log_group(f"{n}_search", Tmpl(facts.SEARCH_LOG_GROUP_PREFIX + "${var.name_prefix}-"
                                                + n.replace('_', '-')))
        ctx.resource("aws_cloudwatch_log_resource_policy", f"{n}_search", {
            "policy_name": ctx.name(f"{n}-opensearch-logs"),
            "policy_document": ctx.policy_document(f"{n}_search_logs", [{
                "actions": list(facts.SEARCH_LOG_ACTIONS),
                "resources": [Tmpl(f"${{{arn.text}}}:*")],
                "principals": [("Service", [facts.SEARCH_LOG_PRINCIPAL])]}]),
        })
        logs = [Block({"log_type": t, "cloudwatch_log_group_arn": arn, "enabled": True}) for t in kinds]
    vpc = None
    if net is not None:
        sg = ctx.security_group(r, net, facts.PORTS["search"])
        vpc = Block({"subnet_ids": Call("slice", (ctx.subnets(net), 0, zones)), "security_group_ids": [sg]})
    ctx.partition()
    ctx.account()
    root = Tmpl("arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root")
    ctx.resource("aws_opensearch_domain", n, {
        "domain_name": domain,
        "engine_version": facts.search_version(str(r.get("version"))),
        "cluster_config": Block(cluster),
        "ebs_options": Block({"ebs_enabled": True, "volume_type": "gp3", "volume_size": int(r.get("storage"))}),
        "encrypt_at_rest": Block({"enabled": ctx.encrypted(r), "kms_key_id": ctx.key_arn(r)}),
        "node_to_node_encryption": Block({"enabled": bool(r.get("tls"))}),
        "domain_endpoint_options": Block({"enforce_https": bool(r.get("tls")),
                                          "tls_security_policy": facts.SEARCH_TLS_POLICY}),
        "advanced_security_options": Block({
            "enabled": bool(r.get("auth")), "anonymous_auth_enabled": False,
            "internal_user_database_enabled": False,
            "master_user_options": Block({"master_user_arn": root})}) if r.get("auth") else None,
        "vpc_options": vpc,
        "log_publishing_options": logs or None,
        "access_policies": Call("jsonencode", ({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": root}, "Action": "es:ESHttp*",
                           "Resource": Tmpl(f"arn:${{data.aws_partition.current.partition}}:es:${{var.region}}:"
                                            f"${{data.aws_caller_identity.current.account_id}}:domain/{domain}/*")}],
        },)),
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_endpoint", ref("aws_opensearch_domain", n, "endpoint"), f"endpoint of search {n}")
