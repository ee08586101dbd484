"""queue (SQS): name and IAM."""

from __future__ import annotations

from .grants import ARN, DECRYPT, READ_WRITE_KEY, Grant, key_grant, sid_of
from .names import prefixed

# a producer sends; only a consumer (trigger) receives and deletes
USES = ("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl")
TRIGGER = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")
KMS_REUSE_SECONDS = 300


def name(deployment: str, resource: str, fifo: bool) -> str:
    return prefixed(deployment, resource, fifo)


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    sid = sid_of(resource)
    if attr == "trigger":
        return Grant(f"Consume{sid}", TRIGGER, (ARN,)), key_grant(resource, DECRYPT)
    return Grant(f"Send{sid}", USES, (ARN,)), key_grant(resource, READ_WRITE_KEY)
