"""IAM roles for functions, tasks and trails: created tagged, deleted with their inline policies."""

from __future__ import annotations

import json
from typing import Any

from .cloud import ignore_missing, is_not_found
from .providers import Ctx


def trust(service: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": service}}]})


def create_role(ctx: Ctx, phys: dict[str, Any], key: str, suffix: str, service: str,
                statements: list[dict[str, Any]]) -> str:
    iam = ctx.c("iam")
    name = ctx.pname(suffix, limit=64, lower=False)
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust(service), Tags=ctx.tag_list())["Role"]["Arn"]
    phys[key] = name
    phys[key + "_arn"] = arn
    if statements:
        iam.put_role_policy(RoleName=name, PolicyName="autodeploy", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": statements}))
    return arn


def delete_role(ctx: Ctx, name: str | None) -> None:
    if not name:
        return
    iam = ctx.c("iam")
    try:
        for p in iam.list_role_policies(RoleName=name)["PolicyNames"]:
            ignore_missing(iam.delete_role_policy, RoleName=name, PolicyName=p)
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return
        raise
    ignore_missing(iam.delete_role, RoleName=name)


def uses_statements(ctx: Ctx, attr: str = "uses") -> list[dict[str, Any]]:
    """Least-privilege-ish grants for the resources a workload `uses`, by kind."""
    actions = {"bucket": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
               "table": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
               "queue": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
               "topic": ["sns:Publish"], "secret": ["secretsmanager:GetSecretValue"],
               "key": ["kms:Decrypt", "kms:GenerateDataKey"], "database": ["rds-db:connect"]}
    out = []
    for item in ctx.resource.get(attr) or []:
        name = item["ref"] if isinstance(item, dict) else item
        phys = ctx.refs.get(name, {})
        arn = phys.get("arn") or phys.get("key_arn") or phys.get("secret_arn") or phys.get("function_arn")
        kind = ctx.kinds.get(name)
        if arn and kind in actions:
            res = [arn, arn + "/*"] if kind == "bucket" else [arn]
            out.append({"Effect": "Allow", "Action": actions[kind], "Resource": res})
    for item in ctx.resource.get("secrets") or []:
        phys = ctx.refs.get(item["ref"], {})
        if phys.get("secret_arn"):
            out.append({"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"],
                        "Resource": [phys["secret_arn"]]})
    return out

