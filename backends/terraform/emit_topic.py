"""topic -> SNS topic with KMS, and its subscriptions (queues and functions)."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Expr, ref
from .registry import TERRAFORM


@TERRAFORM.register("topic", primary=("aws_sns_topic",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    fifo = bool(r.get("fifo"))
    enc = ctx.encrypted(r)
    topic_arn = ref("aws_sns_topic", n, "arn")
    ctx.resource("aws_sns_topic", n, {
        "name": ctx.name(n, fifo),
        "fifo_topic": True if fifo else None,
        "kms_master_key_id": (ctx.key_arn(r) or "alias/aws/sns") if enc else None,
        "tags": ctx.tags(r),
    })
    for s in r.get("subscribers") or []:
        target = ctx.get(s["ref"])
        if target is None:
            continue
        lbl = f"{n}_{target.name}"
        if target.kind == "queue":
            ctx.resource("aws_sns_topic_subscription", lbl, {
                "topic_arn": topic_arn, "protocol": "sqs", "endpoint": ref("aws_sqs_queue", target.name, "arn")})
            doc = ctx.policy_document(f"{lbl}_queue", [{
                "actions": ["sqs:SendMessage"], "resources": [ref("aws_sqs_queue", target.name, "arn")],
                "principals": [("Service", ["sns.amazonaws.com"])],
                "conditions": [("ArnEquals", "aws:SourceArn", [topic_arn])]}])
            ctx.resource("aws_sqs_queue_policy", lbl, {"queue_url": ref("aws_sqs_queue", target.name, "id"),
                                                       "policy": doc})
        else:
            ctx.resource("aws_lambda_permission", lbl, {
                "statement_id": "AllowSNS", "action": "lambda:InvokeFunction",
                "function_name": ref("aws_lambda_function", target.name, "function_name"),
                "principal": "sns.amazonaws.com", "source_arn": topic_arn})
            ctx.resource("aws_sns_topic_subscription", lbl, {
                "topic_arn": topic_arn, "protocol": "lambda",
                "endpoint": ref("aws_lambda_function", target.name, "arn")})
    ctx.output(f"{n}_topic_arn", topic_arn, f"ARN of topic {n}")
    _ = Expr
