"""broker -> Amazon MQ broker (RabbitMQ or ActiveMQ) in the network's private subnets, not publicly
accessible, its admin password generated into Secrets Manager, logs on, minor upgrades on."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import data_services as facts
from autodeploy.compiler.buildable_data import BROKER_SUBNETS

from .cloud import ignore_missing, is_not_found
from .data_services import admin_secret, delete_parts, security_group
from .providers import Ctx, Provider, always_data, provider


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    engine, mode = ctx.resource.variant or "rabbitmq", str(a["mode"])
    password = admin_secret(ctx, phys, facts.MQ_USER)
    name = ctx.named(facts.cluster_name(ctx.deployment, ctx.name), ctx.pname(limit=50))
    kwargs: dict[str, Any] = dict(
        BrokerName=name, EngineType=facts.MQ_ENGINES[engine], EngineVersion=str(a["version"]),
        HostInstanceType=a["instance"], DeploymentMode=facts.MQ_MODES[mode], PubliclyAccessible=bool(a["public"]),
        AutoMinorVersionUpgrade=True, Users=[{"Username": facts.MQ_USER, "Password": password}],
        Logs={"General": bool(a["logs"]), **({"Audit": bool(a["logs"])} if engine == "activemq" else {})},
        Tags=ctx.tags)
    key = ctx.kms_key() if engine == "activemq" else None
    kwargs["EncryptionOptions"] = {"UseAwsOwnedKey": key is None, **({"KmsKeyId": key} if key else {})}
    if not a["public"]:
        vpc, subnets = ctx.subnets()
        kwargs["SubnetIds"] = subnets[:BROKER_SUBNETS[mode]]
        kwargs["SecurityGroups"] = [security_group(ctx, phys, vpc, "broker")]
    out = ctx.c("mq").create_broker(**kwargs)
    phys["broker_id"], phys["arn"] = out["BrokerId"], out["BrokerArn"]


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("broker_id"):
        ignore_missing(ctx.c("mq").delete_broker, BrokerId=phys["broker_id"])
    delete_parts(ctx, phys)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        b = ctx.c("mq").describe_broker(BrokerId=phys["broker_id"])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if b.get("BrokerState") in ("DELETION_IN_PROGRESS",):
        return None
    return {"public": bool(b.get("PubliclyAccessible")), "mode": b.get("DeploymentMode")}


def expected(r: Any) -> dict[str, Any]:
    return {"public": bool(r.attrs["public"]), "mode": facts.MQ_MODES[str(r.attrs["mode"])]}


provider(Provider("broker", create, delete, read, expected, holds_data=always_data("a broker's messages")))
