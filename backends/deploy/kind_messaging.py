"""queue -> SQS (KMS, DLQ redrive); topic -> SNS (KMS, subscriptions)."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import queue, topic

from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, provider


def _queue_attrs(ctx: Ctx) -> dict[str, str]:
    a = ctx.resource.attrs
    attrs = {"MessageRetentionPeriod": str(round(a["retention"] * 86400)),
             "VisibilityTimeout": str(int(a["visibility_timeout"]))}
    if a["encryption"] is not False:
        key = ctx.kms_key()
        if key:
            attrs["KmsMasterKeyId"] = key
        else:
            attrs["SqsManagedSseEnabled"] = "true"
    dlq, _ = ctx.ref("dead_letter")
    if dlq:
        attrs["RedrivePolicy"] = json.dumps({"deadLetterTargetArn": dlq["arn"], "maxReceiveCount": a["max_receives"]})
    return attrs


def q_create(ctx: Ctx, phys: dict[str, Any]) -> None:
    fifo = bool(ctx.resource.attrs["fifo"])
    name = ctx.primary(queue.name(ctx.deployment, ctx.name, fifo),
                       ctx.pname(limit=75, lower=False) + (".fifo" if fifo else ""), fifo)
    attrs = _queue_attrs(ctx)
    if ctx.resource.attrs["fifo"]:
        attrs["FifoQueue"] = "true"
    sqs = ctx.c("sqs")
    url = sqs.create_queue(QueueName=name, Attributes=attrs, tags=ctx.tags)["QueueUrl"]
    phys["url"] = url
    phys["arn"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def q_update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    ctx.c("sqs").set_queue_attributes(QueueUrl=phys["url"], Attributes=_queue_attrs(ctx))


def q_delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("url"):
        ignore_missing(ctx.c("sqs").delete_queue, QueueUrl=phys["url"])


def q_read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        at = ctx.c("sqs").get_queue_attributes(QueueUrl=phys["url"], AttributeNames=["All"])["Attributes"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    return {"retention": int(at.get("MessageRetentionPeriod", 0)), "visibility_timeout":
            int(at.get("VisibilityTimeout", 0)), "kms": bool(at.get("KmsMasterKeyId"))}


def q_expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"retention": round(a["retention"] * 86400), "visibility_timeout": int(a["visibility_timeout"]),
            "kms": isinstance(a["encryption"], dict)}


def q_dimensions(phys: dict[str, Any]) -> dict[str, str]:
    """The CloudWatch dimension values of the deployed queue (a monitor's alarms on it)."""
    return {"QueueName": str(phys.get("url", "")).rsplit("/", 1)[-1]}


provider(Provider("queue", q_create, q_delete, q_read, q_expected, q_update,
                  frozenset({"retention", "visibility_timeout", "encryption", "dead_letter", "max_receives",
                             "load", "tags", "data"}), dimensions=q_dimensions))


def t_create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    sns = ctx.c("sns")
    attrs: dict[str, str] = {}
    if a["encryption"] is not False:
        attrs["KmsMasterKeyId"] = ctx.kms_key() or "alias/aws/sns"
    name = ctx.named(topic.name(ctx.deployment, ctx.name, bool(a["fifo"])),
                     ctx.pname(limit=250, lower=False) + (".fifo" if a["fifo"] else ""))
    if a["fifo"]:
        attrs["FifoTopic"] = "true"
    arn = sns.create_topic(Name=name, Attributes=attrs, Tags=ctx.tag_list())["TopicArn"]
    phys["arn"] = arn
    phys["subscriptions"] = []
    for sub in a["subscribers"]:
        target = ctx.refs[sub["ref"]]
        if "url" in target:  # a queue
            out = sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=target["arn"], ReturnSubscriptionArn=True)
        else:
            out = sns.subscribe(TopicArn=arn, Protocol="lambda", Endpoint=target["function_arn"],
                                ReturnSubscriptionArn=True)
        phys["subscriptions"].append(out["SubscriptionArn"])


def t_delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    sns = ctx.c("sns")
    for s in phys.get("subscriptions", []):
        ignore_missing(sns.unsubscribe, SubscriptionArn=s)
    if phys.get("arn"):
        ignore_missing(sns.delete_topic, TopicArn=phys["arn"])


def t_read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        at = ctx.c("sns").get_topic_attributes(TopicArn=phys["arn"])["Attributes"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    return {"kms": bool(at.get("KmsMasterKeyId"))}


def t_expected(r: Any) -> dict[str, Any]:
    return {"kms": r.attrs["encryption"] is not False}


provider(Provider("topic", t_create, t_delete, t_read, t_expected))
