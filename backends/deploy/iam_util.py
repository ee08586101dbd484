"""IAM roles for functions, tasks and trails: created tagged, deleted with their inline policies."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import database, model
from autodeploy.backends.aws.grants import DBUSER, KEY

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


def _edges(ctx: Ctx, attr: str) -> list[str]:
    v = ctx.resource.get(attr)
    items = v if isinstance(v, list) else ([v] if v else [])
    return [i["ref"] if isinstance(i, dict) else str(i) for i in items]


def _resolve(ctx: Ctx, target: str, on: str) -> str | None:
    """A grant's `on` (backends/aws/grants.py) as the ARN recorded for `target`, or None if unknown."""
    phys = ctx.refs.get(target, {})
    arn = phys.get("arn") or phys.get("key_arn") or phys.get("secret_arn")
    if on == KEY:
        t = ctx.targets.get(target)
        enc = t.get("encryption") if t is not None else None
        return ctx.refs.get(enc["ref"], {}).get("key_arn") if isinstance(enc, dict) and "ref" in enc else None
    if on == DBUSER:
        if not arn or not phys.get("resource_id"):
            return None
        part = arn.split(":")  # arn:<partition>:rds:<region>:<account>:db:<id>
        return (f"arn:{part[1]}:rds-db:{part[3]}:{part[4]}:dbuser:{phys['resource_id']}/"
                f"{database.DB_IAM_USER}")
    if "/" in on:
        base, rest = on.split("/", 1)
        value = phys.get(base) if base != "arn" else arn
        return f"{value}/{rest}" if value else None
    return phys.get(on) if on != "arn" else arn


def grant_statements(ctx: Ctx, edges: tuple[str, ...] = ("uses", "trigger")) -> list[dict[str, Any]]:
    """The statements main.tf writes for the same edges: the shared grants (backends/aws), each
    resolved to the ARNs the state recorded; a grant whose resource is unknown (a key grant for a
    target without a customer key) is left out, as Terraform leaves it out."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for attr in edges:
        for target in _edges(ctx, attr):
            kind = ctx.kinds.get(target)
            t = ctx.targets.get(target)
            in_network = bool(t is not None and t.get("network"))
            # every edge but a trigger is a use (`secrets`, an ETL job's `source` / `target`)
            as_attr = "trigger" if attr == "trigger" else "uses"
            for g in model.grants(kind or "", target, as_attr, in_network=in_network):
                resources = [_resolve(ctx, target, on) for on in g.on]
                if g.sid in seen or not resources or any(r is None for r in resources):
                    continue
                seen.add(g.sid)
                out.append({"Sid": g.sid, "Effect": "Allow", "Action": list(g.actions), "Resource": resources})
    return out

