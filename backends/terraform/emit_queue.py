"""queue -> SQS queue with KMS and a dead-letter redrive policy."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Call, ref
from .registry import TERRAFORM


@TERRAFORM.register("queue", primary=("aws_sqs_queue",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    fifo = bool(r.get("fifo"))
    dlq = (r.get("dead_letter") or {}).get("ref")
    enc = ctx.encrypted(r)
    key = ctx.key_arn(r)
    ctx.resource("aws_sqs_queue", n, {
        "name": _physical(r) or ctx.name(n, fifo),
        "fifo_queue": True if fifo else None,
        "message_retention_seconds": int(round(r.get("retention") * 86400)),
        "visibility_timeout_seconds": int(r.get("visibility_timeout")),
        "kms_master_key_id": (key or "alias/aws/sqs") if enc else None,
        "kms_data_key_reuse_period_seconds": 300 if enc else None,
        "sqs_managed_sse_enabled": False if not enc else None,
        "redrive_policy": Call("jsonencode", ({"deadLetterTargetArn": ref("aws_sqs_queue", dlq, "arn"),
                                               "maxReceiveCount": int(r.get("max_receives"))},)) if dlq else None,
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_queue_url", ref("aws_sqs_queue", n, "url"), f"URL of queue {n}")


def _physical(r: IRResource) -> str | None:
    """The user's own `name`; a FIFO queue's name must end in `.fifo`."""
    name = r.get("name")
    if not name:
        return None
    return name if not r.get("fifo") or name.endswith(".fifo") else name + ".fifo"
