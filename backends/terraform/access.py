"""Least privilege from the graph: security group rules and IAM policies derived from the
`uses` / `secrets` / `trigger` edges. Only the port or the actions each edge needs, on that
one resource; never `*` actions or resources, never 0.0.0.0/0 ingress (that is only written by
the load balancer emitter for a public LB and by the vm emitter for ssh_from/rdp_from)."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Expr, Tmpl, ref


def _kms(ctx: TfCtx, r: IRResource, actions: list[str]) -> list[dict[str, Any]]:
    key = ctx.key_arn(r)
    return [{"sid": f"Kms{_sid(r.name)}", "actions": actions, "resources": [key]}] if key else []


def _sid(name: str) -> str:
    return "".join(p.capitalize() for p in name.split("_"))


def statements(ctx: TfCtx, target: IRResource, attr: str) -> list[dict[str, Any]]:
    """The IAM statements a principal needs for one edge `attr` -> target."""
    n, k, sid = target.name, target.kind, _sid(target.name)
    if attr == "trigger":
        if k == "queue":
            return [{"sid": f"Consume{sid}", "actions": ["sqs:ReceiveMessage", "sqs:DeleteMessage",
                                                         "sqs:GetQueueAttributes"],
                     "resources": [ref("aws_sqs_queue", n, "arn")]}] + _kms(ctx, target, ["kms:Decrypt"])
        if k == "table":
            return [{"sid": f"Stream{sid}", "actions": ["dynamodb:DescribeStream", "dynamodb:GetRecords",
                                                        "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                     "resources": [ref("aws_dynamodb_table", n, "stream_arn")]}] + _kms(ctx, target, ["kms:Decrypt"])
        if k == "bucket":
            return [{"sid": f"Read{sid}", "actions": ["s3:GetObject"],
                     "resources": [Tmpl(f"${{aws_s3_bucket.{n}.arn}}/*")]}] + _kms(ctx, target, ["kms:Decrypt"])
        return []
    if k == "bucket":
        return [{"sid": f"List{sid}", "actions": ["s3:ListBucket"], "resources": [ref("aws_s3_bucket", n, "arn")]},
                {"sid": f"Objects{sid}", "actions": ["s3:GetObject", "s3:PutObject"],
                 "resources": [Tmpl(f"${{aws_s3_bucket.{n}.arn}}/*")]}] + \
            _kms(ctx, target, ["kms:Decrypt", "kms:GenerateDataKey"])
    if k == "table":
        return [{"sid": f"Table{sid}", "actions": [
            "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
            "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
            "dynamodb:UpdateItem"],
            "resources": [ref("aws_dynamodb_table", n, "arn"), Tmpl(f"${{aws_dynamodb_table.{n}.arn}}/index/*")]}] + \
            _kms(ctx, target, ["kms:Decrypt", "kms:GenerateDataKey"])
    if k == "queue":
        return [{"sid": f"Send{sid}", "actions": ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
                 "resources": [ref("aws_sqs_queue", n, "arn")]}] + \
            _kms(ctx, target, ["kms:Decrypt", "kms:GenerateDataKey"])
    if k == "topic":
        return [{"sid": f"Publish{sid}", "actions": ["sns:Publish"], "resources": [ref("aws_sns_topic", n, "arn")]}] \
            + _kms(ctx, target, ["kms:Decrypt", "kms:GenerateDataKey"])
    if k == "secret":
        return [{"sid": f"Secret{sid}", "actions": ["secretsmanager:GetSecretValue"],
                 "resources": [ref("aws_secretsmanager_secret", n, "arn")]}] + _kms(ctx, target, ["kms:Decrypt"])
    if k == "key":
        return [{"sid": f"Key{sid}", "actions": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
                 "resources": [ref("aws_kms_key", n, "arn")]}]
    if k == "function":
        return [{"sid": f"Invoke{sid}", "actions": ["lambda:InvokeFunction"],
                 "resources": [ref("aws_lambda_function", n, "arn")]}]
    if k == "database" and target.get("network"):
        return [{"sid": f"Connect{sid}", "actions": ["rds-db:connect"], "resources": [Tmpl(
            "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:"
            f"${{data.aws_caller_identity.current.account_id}}:dbuser:${{aws_db_instance.{n}.resource_id}}/app")]}]
    return []


def wire(ctx: TfCtx) -> None:
    by_name = ctx.by_name
    for r in ctx.ir.resources:
        # ---- IAM: the principal's policy from its edges
        role = ctx.roles.get(r.name)
        if role:
            stmts: list[dict[str, Any]] = []
            for rf in r.refs:
                t = by_name.get(rf.target)
                if t is not None and rf.attr in ("uses", "trigger"):
                    stmts.extend(statements(ctx, t, rf.attr))
            if any(s["sid"].startswith("Connect") for s in stmts):
                ctx.partition()
                ctx.account()
            ctx.role_policy(f"{r.name}_access", role, _dedupe(stmts))
        exec_role = ctx.exec_roles.get(r.name)
        if exec_role:
            stmts = []
            for rf in r.refs:
                t = by_name.get(rf.target)
                if t is not None and rf.attr == "secrets":
                    stmts.extend(statements(ctx, t, "uses"))
            ctx.role_policy(f"{r.name}_secrets", exec_role, _dedupe(stmts))
        # ---- network: ingress on the used resource from the user's security group, on its port
        src = ctx.sgs.get(r.name)
        if src is None:
            continue
        for rf in r.refs:
            if rf.attr != "uses":
                continue
            dst = ctx.sgs.get(rf.target)
            if dst is None or dst.port is None:
                continue
            ctx.sg_rule("in", dst.label, f"from_{src.label}", f"from {r.kind} {r.name}", dst.port, peer_sg=src.label)
            ctx.sg_rule("out", src.label, f"to_{dst.label}", f"to {by_name[rf.target].kind} {rf.target}", dst.port,
                        peer_sg=dst.label)
    _ = Expr


def _dedupe(stmts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for s in stmts:
        if s["sid"] not in seen:
            seen.add(s["sid"])
            out.append(s)
    return out
