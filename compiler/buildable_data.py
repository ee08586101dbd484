"""What AWS and Azure can build of the data-service kinds (compiler/kinds_data_services.py), checked
at compile time so that a file that compiles clean also emits (buildable.py): node counts that must
spread evenly over zones or subnets, broker modes an engine offers, Azure AI Search tiers."""

from __future__ import annotations

from .catalogue import E, Template, diag, register
from .diagnostics import Diagnostic
from .ir import IR, IRResource
from .kinds_data_services import AZURE_SEARCH_SKUS, BROKER_VERSIONS

register(
    Template("ADL1200", E, "nodes do not spread over zones",
             "`{name}`: {count} {what} cannot spread evenly over {zones} {over}",
             "use a multiple of {zones} {what}, or {fix}"),
    Template("ADL1201", E, "dedicated masters", "`{name}`: {count} dedicated master node(s)",
             "use 0, 3 or 5 dedicated masters (an odd quorum of at least 3)"),
    Template("ADL1202", E, "broker mode not offered", "`{name}`: a {engine} broker offers no `{mode}` mode",
             "use `mode = {offered}`"),
    Template("ADL1204", E, "too few subnets for the broker",
             "`{name}`: a `{mode}` broker spreads over {need} subnets; its network has {have}",
             "give the network at least {need} {member} subnets, or use `mode = single`"),
    Template("ADL1205", E, "not a version of this engine", "`{name}`: {engine} has no version {version}",
             "use `version = \"{offered}\"`"),
    Template("ADL1203", E, "not a search tier", "`{name}`: `{instance}` is not an Azure AI Search tier",
             "use one of {options}"),
)

# modes each broker engine offers, and the private subnets each mode needs (Amazon MQ)
BROKER_MODES = {"rabbitmq": ("single", "cluster"), "activemq": ("single", "active_standby")}
BROKER_SUBNETS = {"single": 1, "active_standby": 2, "cluster": 3}


def check(ir: IR) -> list[Diagnostic]:
    cloud = ir.deployment.cloud
    out: list[Diagnostic] = []
    for r in ir.resources:
        if r.kind == "search":
            out += _search(ir, r, cloud)
        elif r.kind == "kafka" and cloud == "aws" and not r.get("serverless"):
            subnets = _private_subnets(ir, r)
            brokers = int(r.get("brokers"))
            if subnets and brokers % subnets:
                out.append(diag("ADL1200", r.span_of("brokers"), name=r.name, count=brokers, what="brokers",
                                zones=subnets, over="private subnets of its network",
                                fix="change the network's `private_subnets`"))
        elif r.kind == "broker":
            out += _broker(ir, r, cloud)
    return out


def _private_subnets(ir: IR, r: IRResource) -> int:
    v = r.get("network")
    if not (isinstance(v, dict) and "ref" in v):
        return 0
    net = ir.by_name.get(v["ref"])
    member = v.get("member") or "private"
    return int(net.get(f"{member}_subnets") or 0) if net is not None else 0


def _search(ir: IR, r: IRResource, cloud: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    masters = int(r.get("masters"))
    if masters not in (0, 3, 5):
        out.append(diag("ADL1201", r.span_of("masters"), name=r.name, count=masters))
    if cloud == "azure":
        if r.get("instance") not in AZURE_SEARCH_SKUS:
            out.append(diag("ADL1203", r.span_of("instance"), name=r.name, instance=r.get("instance"),
                            options=", ".join(f'`"{s}"`' for s in AZURE_SEARCH_SKUS)))
        return out
    nodes, zones = int(r.get("nodes")), int(r.get("zones"))
    if zones > 1 and nodes % zones:
        out.append(diag("ADL1200", r.span_of("nodes"), name=r.name, count=nodes, what="data nodes", zones=zones,
                        over="zones", fix="set `zones` to divide it"))
    subnets = _private_subnets(ir, r)
    if subnets and zones > subnets:
        out.append(diag("ADL1200", r.span_of("zones"), name=r.name, count=nodes, what="data nodes", zones=zones,
                        over=f"zones: its network has {subnets} subnet(s) to place them in",
                        fix="give the network more `private_subnets`"))
    return out


def _broker(ir: IR, r: IRResource, cloud: str) -> list[Diagnostic]:
    engine, mode = r.variant or "rabbitmq", str(r.get("mode"))
    if r.get("version") not in BROKER_VERSIONS[engine]:
        return [diag("ADL1205", r.span_of("version"), name=r.name, engine=engine, version=r.get("version"),
                     offered=BROKER_VERSIONS[engine][0])]
    offered = BROKER_MODES[engine]
    if mode not in offered:
        return [diag("ADL1202", r.span_of("mode"), name=r.name, engine=engine, mode=mode,
                     offered=" or ".join(f"`{m}`" for m in offered))]
    subnets = _private_subnets(ir, r)
    need = BROKER_SUBNETS[mode]
    if cloud == "aws" and subnets and need > subnets:
        member = (r.get("network") or {}).get("member") or "private"
        return [diag("ADL1204", r.span_of("mode"), name=r.name, mode=mode, need=need, have=subnets, member=member)]
    return []
