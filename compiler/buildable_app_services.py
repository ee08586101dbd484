"""What the application-service kinds (kinds_app_services.py) need to be buildable, checked at
compile time so that a file that compiles clean also emits (compiler/buildable.py): the settings
that only make sense together, and the disks that have an instance to attach to."""

from __future__ import annotations

from collections.abc import Callable

from .catalogue import Template, diag, register
from .diagnostics import Diagnostic, Severity
from .ir import IR, IRResource

E = Severity.ERROR

register(
    Template("ADL1400", E, "volume cannot attach",
             "volume `{name}` attaches to vm `{vm}`, {why}", "{hint}"),
    Template("ADL1401", E, "JWT authorizer incomplete",
             "api_gateway `{name}` has `auth = jwt` but no `{attr}`",
             "add `{attr} = \"...\"` (the identity provider's {what}), or use `auth = iam`"),
    Template("ADL1402", E, "ETL script has no bucket",
             "etl_job `{name}` has no bucket for its script `{script}`: its source is a {kind}",
             "add `script_bucket = <bucket>`"),
    Template("ADL1403", E, "setting needs another",
             "`{kind} {name}`: `{attr}` {why}", "{hint}"),
)

_IOPS_TYPES = ("gp3", "io1", "io2")


def _volume(ir: IR, r: IRResource) -> list[Diagnostic]:
    out = []
    ref = r.get("vm")
    vm = ir.by_name.get(ref["ref"]) if isinstance(ref, dict) else None
    if vm is not None:
        count = vm.get("count") or {"min": 1, "max": 1}
        why = hint = ""
        if count["min"] != count["max"]:
            why = f"a scaling group ({count['min']}..{count['max']}): its instances come and go"
            hint = "give the vm a fixed `count`, or size its own `disk`"
        elif ir.deployment.cloud == "azure" and count["min"] != 1:
            why = f"which is a scale set on Azure (count {count['min']}): data disks attach to one VM"
            hint = "use `count = 1` on the vm, or one volume per single vm"
        if why:
            out.append(diag("ADL1400", r.span_of("vm"), name=r.name, vm=vm.name, why=why, hint=hint))
    dtype = r.get("type")
    for attr, types in (("iops", _IOPS_TYPES), ("throughput", ("gp3",))):
        if r.get(attr) is not None and dtype not in types:
            out.append(diag("ADL1403", r.span_of(attr), kind="volume", name=r.name, attr=attr,
                            why=f"is not a setting of {dtype} volumes",
                            hint=f"use `type = {types[0]}`, or remove `{attr}`"))
    if dtype in ("io1", "io2") and r.get("iops") is None:
        out.append(diag("ADL1403", r.span_of("type"), kind="volume", name=r.name, attr="iops",
                        why=f"is required by {dtype} volumes", hint="add `iops = 3000`"))
    return out


def _api_gateway(ir: IR, r: IRResource) -> list[Diagnostic]:
    out = []
    if r.get("auth") == "jwt":
        for attr, what in (("issuer", "issuer URL"), ("audience", "client id / audience")):
            if not r.get(attr):
                out.append(diag("ADL1401", r.span_of("auth"), name=r.name, attr=attr, what=what))
    if ir.deployment.cloud != "aws":
        return out
    if r.get("waf") and r.get("type") == "http":
        out.append(diag("ADL1403", r.span_of("waf"), kind="api_gateway", name=r.name, attr="waf",
                        why="needs a REST API: AWS WAF cannot protect an HTTP API",
                        hint="add `type = rest`, or remove `waf`"))
    if r.get("auth") == "jwt" and r.get("type") == "rest":
        out.append(diag("ADL1403", r.span_of("auth"), kind="api_gateway", name=r.name, attr="auth = jwt",
                        why="needs an HTTP API: REST APIs have no JWT authorizer",
                        hint="use `type = http`, or `auth = iam`"))
    balanced = _balanced(ir)
    for t in r.get("targets") or []:
        svc = ir.by_name.get(t["ref"])
        if svc is not None and svc.kind == "service" and svc.get("expose") == "internal" and svc.name not in balanced:
            out.append(diag("ADL1403", r.span_of("targets"), kind="api_gateway", name=r.name,
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


def _etl_job(ir: IR, r: IRResource) -> list[Diagnostic]:
    if r.get("script_bucket") is not None:
        return []
    src = r.get("source")
    s = ir.by_name.get(src["ref"]) if isinstance(src, dict) else None
    if s is None or s.kind == "bucket":
        return []
    return [diag("ADL1402", r.span, name=r.name, script=r.get("script"), kind=s.kind)]


def _file_system(ir: IR, r: IRResource) -> list[Diagnostic]:
    provisioned = r.get("throughput_mode") == "provisioned"
    if provisioned and r.get("throughput") is None:
        return [diag("ADL1403", r.span_of("throughput_mode"), kind="file_system", name=r.name,
                     attr="throughput", why="is required by `throughput_mode = provisioned`",
                     hint="add `throughput = 100` (MiB/s)")]
    if not provisioned and r.get("throughput") is not None:
        return [diag("ADL1403", r.span_of("throughput"), kind="file_system", name=r.name, attr="throughput",
                     why="is read only with `throughput_mode = provisioned`",
                     hint="add `throughput_mode = provisioned`, or remove `throughput`")]
    return []


_CHECKS: dict[str, Callable[[IR, IRResource], list[Diagnostic]]] = {
    "volume": _volume, "api_gateway": _api_gateway, "etl_job": _etl_job, "file_system": _file_system,
}


def check_app_services(ir: IR) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for r in ir.resources:
        check = _CHECKS.get(r.kind)
        if check is not None:
            out.extend(check(ir, r))
    return out
