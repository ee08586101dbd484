"""api_gateway: a JWT authorizer names its issuer and audience; on AWS, WAF and JWT each need their
API type, and an internal service target must be reachable through a load balancer."""

from __future__ import annotations

from .. import load_balancers
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
    fronts = load_balancers.fronts_of_ir(ir)
    for t in r.get("targets") or []:
        svc = ir.by_name.get(t["ref"])
        if svc is not None and svc.kind == "service" and svc.get("expose") == "internal" \
                and not load_balancers.behind_load_balancer(svc, fronts):
            out.append(diag("ADL1403", r.span_of("targets"), kind=r.kind, name=r.name,
                            attr=f"targets = [{svc.name}]",
                            why=f"needs `{svc.name}` behind a load balancer: it is internal and has none",
                            hint=f"add `expose = https` to service `{svc.name}`, or a load_balancer targeting it"))
    return out

