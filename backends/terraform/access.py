"""Least privilege from the graph: security group rules and IAM policies derived from the
`uses` / `secrets` / `trigger` edges. Only the port or the actions each edge needs, on that
one resource; never `*` actions or resources, never 0.0.0.0/0 ingress (that is only written by
the load balancer emitter for a public LB and by the vm emitter for ssh_from/rdp_from)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import database, model
from autodeploy.backends.aws.grants import DBUSER, KEY
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Expr, Tmpl, ref
from .registry import TERRAFORM


def statements(ctx: TfCtx, target: IRResource, attr: str) -> list[dict[str, Any]]:
    """The IAM statements a principal needs for one edge `attr` -> target: the grants of the shared
    AWS model (backends/aws), each `on` resolved to a reference to the target's primary resource
    (the deploy backend resolves the same grants to the ARNs it recorded)."""
    tf_type = TERRAFORM.meta(target.kind).get("primary", ("",))[0]
    n = target.name
    out = []
    for g in model.grants(target.kind, n, attr, in_network=bool(target.get("network"))):
        resources: list[Any] = []
        for on in g.on:
            if on == KEY:
                resources.append(ctx.key_arn(target))
            elif on == DBUSER:
                resources.append(Tmpl(
                    "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:"
                    f"${{data.aws_caller_identity.current.account_id}}:dbuser:${{{tf_type}.{n}.resource_id}}/"
                    + database.DB_IAM_USER))
            elif "/" in on:
                attribute, suffix = on.split("/", 1)
                resources.append(Tmpl(f"${{{tf_type}.{n}.{attribute}}}/{suffix}"))
            else:
                resources.append(ref(tf_type, n, on))
        if all(x is not None for x in resources):  # a key grant only when a customer key is referenced
            out.append({"sid": g.sid, "actions": list(g.actions), "resources": resources})
    return out


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
