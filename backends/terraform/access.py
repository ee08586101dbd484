"""Least privilege from the graph: security group rules and IAM policies derived from the
`uses` / `secrets` / `trigger` edges. Only the port or the actions each edge needs, on that
one resource; never `*` actions or resources, never 0.0.0.0/0 ingress (that is only written by
the load balancer emitter for a public LB and by the vm emitter for ssh_from/rdp_from)."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Expr
from .registry import TERRAFORM


def kms(ctx: TfCtx, r: IRResource, actions: list[str]) -> list[dict[str, Any]]:
    """The key statement a principal needs too when `r` is encrypted with a customer-managed key."""
    key = ctx.key_arn(r)
    return [{"sid": f"Kms{sid_of(r.name)}", "actions": actions, "resources": [key]}] if key else []


def sid_of(name: str) -> str:
    return "".join(p.capitalize() for p in name.split("_"))


def statements(ctx: TfCtx, target: IRResource, attr: str) -> list[dict[str, Any]]:
    """The IAM statements a principal needs for one edge `attr` -> target: the target kind's `iam`
    (registered with its emitter; a kind without one needs no IAM)."""
    iam = TERRAFORM.meta(target.kind).get("iam")
    return iam(ctx, target, attr) if iam is not None else []


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
