"""queue -> a Pub/Sub topic and its pull subscription (the queue's consumers read the subscription;
`dead_letter` becomes the subscription's dead-letter policy). topic -> a Pub/Sub topic; a queue
subscribed to it gets its own subscription on the topic, which the queue's consumers read (Pub/Sub
has no topic-to-topic forwarding); a function subscriber is wired by the function's event trigger."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.terraform.hcl import Block, Tmpl, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx, member, seconds
from .grants import ResourceGrant
from .registry import GCP_TERRAFORM

MAX_RETENTION_DAYS = 7  # a subscription keeps unacknowledged messages at most 7 days


def _published(ctx: GcpCtx, r: IRResource, base: dict[str, Any]) -> Block:
    """The Eventarc trigger of a function triggered by a message on the queue's or topic's topic
    (a queue pushes through its own subscription instead when it can: emit_function.py)."""
    return Block({**base, "event_type": "google.cloud.pubsub.topic.v1.messagePublished",
                  "pubsub_topic": ref("google_pubsub_topic", r.name, "id")})


_PUBLISH = ResourceGrant("google_pubsub_topic_iam_member", "topic", "google_pubsub_topic", "name",
                         "roles/pubsub.publisher")


# a queue is written (its topic) and read (its subscription)
@GCP_TERRAFORM.register("queue", primary=("google_pubsub_topic",), event=_published, grants=(
    _PUBLISH,
    ResourceGrant("google_pubsub_subscription_iam_member", "subscription", "google_pubsub_subscription", "name",
                  "roles/pubsub.subscriber")))
def queue(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    days = float(r.get("retention"))
    if days > MAX_RETENTION_DAYS:
        ctx.diag("ADL5501", r.span_of("retention"), kind="queue", name=n, attr="retention", value=f"{days:g} days",
                 reason=f"a Pub/Sub subscription keeps messages at most {MAX_RETENTION_DAYS} days",
                 hint=f"{MAX_RETENTION_DAYS} days is emitted")
        days = MAX_RETENTION_DAYS
    ctx.resource("google_pubsub_topic", n, {
        "name": r.get("name") or ctx.name(n),
        "kms_key_name": ctx.key_id(r, "pubsub"),
        "message_retention_duration": seconds(days * 86400),
        "labels": ctx.labels(r),
    })
    dlq = (r.get("dead_letter") or {}).get("ref")
    ack = min(max(int(r.get("visibility_timeout") or 10), 10), 600)
    ctx.resource("google_pubsub_subscription", n, {
        "name": ctx.name(n),
        "topic": ref("google_pubsub_topic", n, "id"),
        "ack_deadline_seconds": ack,
        "message_retention_duration": seconds(days * 86400),
        "enable_message_ordering": True if r.get("fifo") else None,
        "enable_exactly_once_delivery": True if r.get("fifo") else None,
        "expiration_policy": Block({"ttl": ""}),
        "dead_letter_policy": Block({"dead_letter_topic": ref("google_pubsub_topic", dlq, "id"),
                                     "max_delivery_attempts": min(max(int(r.get("max_receives")), 5), 100)})
        if dlq else None,
        "labels": ctx.labels(r),
    })
    if dlq:
        # Pub/Sub's own agent moves undeliverable messages: it publishes to the DLQ, acks here
        agent = member(ctx.agent("pubsub"))
        ctx.resource("google_pubsub_topic_iam_member", f"{n}_dead_letter_publisher", {
            "topic": ref("google_pubsub_topic", dlq, "name"), "role": "roles/pubsub.publisher", "member": agent})
        ctx.resource("google_pubsub_subscription_iam_member", f"{n}_dead_letter_subscriber", {
            "subscription": ref("google_pubsub_subscription", n, "name"), "role": "roles/pubsub.subscriber",
            "member": agent})
    ctx.output(f"{n}_subscription", ref("google_pubsub_subscription", n, "id"), f"subscription of queue {n}")


@GCP_TERRAFORM.register("topic", primary=("google_pubsub_topic",), event=_published, grants=(_PUBLISH,))
def topic(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    ctx.resource("google_pubsub_topic", n, {
        "name": ctx.name(n),
        "kms_key_name": ctx.key_id(r, "pubsub"),
        "labels": ctx.labels(r),
    })
    for sub in r.get("subscribers") or []:
        target = ctx.by_name.get(sub.get("ref"))
        if target is None or target.kind != "queue":
            continue
        ctx.resource("google_pubsub_subscription", f"{n}_{target.name}", {
            "name": Tmpl(f"${{var.name_prefix}}-{n}-to-{target.name}".replace("_", "-")),
            "topic": ref("google_pubsub_topic", n, "id"),
            "ack_deadline_seconds": 60,
            "expiration_policy": Block({"ttl": ""}),
            "labels": ctx.labels(r),
        })
    ctx.output(f"{n}_topic", ref("google_pubsub_topic", n, "id"), f"id of topic {n}")
