"""broker -> Amazon MQ broker (RabbitMQ or ActiveMQ) in the network's private subnets, not publicly
accessible, its admin password generated into Secrets Manager, logs to CloudWatch, minor version
upgrades on. ActiveMQ encrypts with the referenced key; RabbitMQ only with an AWS-owned key."""

from __future__ import annotations

from autodeploy.backends.aws import data_services as facts
from autodeploy.compiler.buildable_data import BROKER_SUBNETS
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .credentials import admin_secret
from .hcl import Block, Call, ref
from .registry import TERRAFORM


@TERRAFORM.register("broker", primary=("aws_mq_broker",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    engine = r.variant or "rabbitmq"
    public = bool(r.get("public"))
    net = ctx.network(r, required=not public)
    mode = str(r.get("mode"))
    key = ctx.key_arn(r)
    if key is not None and engine == "rabbitmq":
        ctx.diag("ADL5003", r.span_of("encryption"), kind="broker", name=n, attr="encryption", value="a key",
                 reason="Amazon MQ for RabbitMQ encrypts with an AWS-owned key only; the key is not used",
                 hint="use `encryption = true`, or `broker ... : activemq`")
        key = None
    password = admin_secret(ctx, f"{n}_admin", ctx.name(f"{n}-admin"), f"admin user of broker {n}",
                            facts.MQ_USER, ctx.key_arn(r))
    sgs = None
    subnets = None
    if net is not None:
        sgs = [ctx.security_group(r, net, facts.PORTS[f"broker_{engine}"])]
        subnets = Call("slice", (ctx.subnets(net), 0, BROKER_SUBNETS[mode]))
    ctx.resource("aws_mq_broker", n, {
        "broker_name": facts.cluster_name(ctx.deployment, n),
        "engine_type": facts.MQ_ENGINES[engine],
        "engine_version": str(r.get("version")),
        "host_instance_type": r.get("instance"),
        "deployment_mode": facts.MQ_MODES[mode],
        "publicly_accessible": public,
        "subnet_ids": subnets,
        "security_groups": sgs,
        "auto_minor_version_upgrade": True,
        "encryption_options": Block({"use_aws_owned_key": key is None, "kms_key_id": key}),
        "logs": Block({"general": bool(r.get("logs")),
                       "audit": bool(r.get("logs")) if engine == "activemq" else None}),
        "user": Block({"username": facts.MQ_USER,
                       "password": password}),
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_endpoints", ref("aws_mq_broker", n, "instances"), f"endpoints of broker {n}")
