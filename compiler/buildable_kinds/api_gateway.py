"""api_gateway: a JWT authorizer names its issuer and audience; on AWS, WAF and JWT each need their
API type, and an internal service target must be reachable through a load balancer."""

from __future__ import annotations

from ..catalogue import diag
from ..diagnostics import Diagnostic
from ..ir import IR, IRResource


def check(ir: IR, r: IRResource) -> list[Diagnostic]:
    out = []
    if r.get("auth") == "jwt":
        for attr, what in (("issuer", "issuer URL"), ("audience", "client id / audience")):
            if not r.get(attr):
                out.append(diag("ADL1401", r.span_of("auth"), name=r.name, attr=attr, what=what))
    if ir.deployment.cloud != "aws":
        return out
    if r.get("waf") and r.get("type") == "http":
        out.append(diag("ADL1403", r.span_of("waf"), kind=r.kind, name=r.name, attr="waf",
                        why="needs a REST API: AWS WAF cannot protect an HTTP API",
                        hint="add `type = rest`, or remove `waf`"))
    if r.get("auth") == "jwt" and r.get("type") == "rest":
        out.append(diag("ADL1403", r.span_of("auth"), kind=r.kind, name=r.name, attr="auth = jwt",
                        why="needs an HTTP API: REST APIs have no JWT authorizer",
                        hint="use `type = http`, or `auth = iam`"))
    balanced = _balanced(ir)
    for t in r.get("targets") or []:
        svc = ir.by_name.get(t["ref"])
        if svc is not None and svc.kind == "service" and svc.get("expose") == "internal" and svc.name not in balanced:
            out.append(diag("ADL1403", r.span_of("targets"), kind=r.kind, name=r.name,
                            attr=f"targets = [{svc.name}]",
                            why=f"needs `{svc.name}` behind a load balancer: it is internal and has none",
                            hint=f"add `expose = https` to service `{svc.name}`, or a load_balancer targeting it"))
    return out


_BALANCED: dict[int, tuple[IR, frozenset[str]]] = {}


def _balanced(ir: IR) -> frozenset[str]:
    """Names some load_balancer targets: computed once per IR (10,000-resource files stay linear)."""
    hit = _BALANCED.get(id(ir))
    if hit is None or hit[0] is not ir:
        _BALANCED.clear()
        names = frozenset(t["ref"] for lb in ir.resources if lb.kind == "load_balancer"
                          for t in lb.get("targets") or [])
        hit = _BALANCED[id(ir)] = (ir, names)
    return hit[1]
