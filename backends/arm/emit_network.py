"""network -> a VNet with public/private subnets (+ delegated subnets its dependents need), an NSG per
subnet role, a NAT gateway for private egress and VNet flow logs in the region's Network Watcher."""

from __future__ import annotations

import ipaddress
from typing import Any

from autodeploy.compiler.buildable import azure_subnet_prefix
from autodeploy.compiler.ir import IRResource

from . import shared
from .apiversions import API
from .context import ArmContext, Ref, q, x
from .registry import ARM

DELEGATIONS = {
    "postgres": "Microsoft.DBforPostgreSQL/flexibleServers",
    "mysql": "Microsoft.DBforMySQL/flexibleServers",
    "apps": "Microsoft.App/environments",
}


def _dependents(ctx: ArmContext, net: str) -> list[IRResource]:
    return ctx.on_network.get(net, [])


def subnet_id(ctx: ArmContext, net: str, subnet: str) -> str:
    vnet = ctx.primary[net]
    return f"resourceId('Microsoft.Network/virtualNetworks/subnets', {vnet.last}, {q(subnet)})"


def member_subnet(ctx: ArmContext, r: IRResource) -> tuple[str, str] | None:
    """(network name, subnet name) for `network = vnet.private|public` (private when no member)."""
    t = ctx.ref_target(r, "network")
    if t is None or t[0] not in ctx.primary:
        return None
    net, member = t
    plan = ctx.extra.get("subnets", {}).get(net, {})
    want: str | None = "public-1" if member == "public" else "private-1"
    if want not in plan:
        want = next(iter(sorted(plan)), None)
    return (net, want) if want else None


def dedicated_subnet(ctx: ArmContext, r: IRResource, role: str) -> tuple[str, str] | None:
    t = ctx.ref_target(r, "network")
    if t is None or t[0] not in ctx.primary:
        return None
    name = ctx.extra.get("dedicated", {}).get((t[0], role, r.name))
    return (t[0], name) if name else None


@ARM.register("network")
def emit_network(ctx: ArmContext, r: IRResource) -> None:
    vnet = Ref("Microsoft.Network/virtualNetworks", (ctx.name_expr("generic", r.name, "vnet"),))
    ctx.primary[r.name] = vnet
    cidr = ipaddress.ip_network(r.get("cidr"), strict=False)
    new_prefix = azure_subnet_prefix(cidr.prefixlen)  # the compiler checks they fit (ADL1082)
    free = cidr.subnets(new_prefix=new_prefix)

    # Plan every subnet first: (name, role, delegation)
    wanted: list[tuple[str, str, str | None]] = []
    wanted += [(f"public-{i}", "public", None) for i in range(1, int(r.get("public_subnets") or 0) + 1)]
    wanted += [(f"private-{i}", "private", None) for i in range(1, int(r.get("private_subnets") or 0) + 1)]
    dedicated: dict[tuple[str, str, str], str] = ctx.extra.setdefault("dedicated", {})
    needs_apps = False
    for dep in _dependents(ctx, r.name):
        if dep.kind == "database" and dep.variant in ("postgres", "mysql"):
            name = "db-" + _short(dep.name)
            wanted.append((name, "db", DELEGATIONS[dep.variant]))
            dedicated[(r.name, "db", dep.name)] = name
        elif dep.kind == "load_balancer" and dep.get("type") == "application":
            name = "agw-" + _short(dep.name)
            wanted.append((name, "agw", None))
            dedicated[(r.name, "agw", dep.name)] = name
        elif dep.kind == "service":
            needs_apps = True
    if needs_apps:
        wanted.append(("apps", "apps", DELEGATIONS["apps"]))
        for dep in _dependents(ctx, r.name):
            if dep.kind == "service":
                dedicated[(r.name, "apps", dep.name)] = "apps"

    nat: Ref | None = None
    if int(r.get("nat_gateways") or 0) > 0 and int(r.get("private_subnets") or 0) > 0:
        nat = _nat(ctx, r)

    nsgs: dict[str, Ref] = {}
    subnets: list[dict[str, Any]] = []
    plan: dict[str, str] = {}
    for name, role, delegation in wanted:
        block = next(free, None)
        if block is None:
            ctx.diag("ADL5057", r.span_of("cidr"), name=r.name, cidr=str(cidr), subnet=name, prefix=new_prefix)
            continue
        plan[name] = str(block)
        if role not in nsgs:
            nsgs[role] = _nsg(ctx, r, role)
        props: dict[str, Any] = {
            "addressPrefix": str(block),
            "networkSecurityGroup": {"id": x(nsgs[role].id)},
            "privateEndpointNetworkPolicies": "Enabled",
        }
        if role == "private":
            # private subnets egress through the NAT gateway (or not at all), never default outbound
            props["defaultOutboundAccess"] = False
        if nat is not None and role == "private":
            props["natGateway"] = {"id": x(nat.id)}
        if delegation:
            props["delegations"] = [{"name": delegation.replace("/", "."), "properties": {"serviceName": delegation}}]
        subnets.append({"name": name, "properties": props})
    ctx.extra.setdefault("subnets", {})[r.name] = plan

    deps = [n.id for n in nsgs.values()] + ([nat.id] if nat else []) + ctx.deps_of(r)
    ctx.resource(vnet.type, vnet.name, tags=ctx.tags_for(r), depends=deps, props={
        "addressSpace": {"addressPrefixes": [str(cidr)]},
        "subnets": subnets,
    })
    if r.get("flow_logs"):
        _flow_logs(ctx, r, vnet)


def _short(name: str) -> str:
    from .names import child_name

    return child_name(name, 40)


def _nsg(ctx: ArmContext, r: IRResource, role: str) -> Ref:
    ref = Ref("Microsoft.Network/networkSecurityGroups", (ctx.name_expr("generic", r.name, "nsg-" + role),))
    rules: list[dict[str, Any]] = []
    if role == "agw":
        # Application Gateway v2 needs its control-plane ports open from GatewayManager.
        rules.append(_rule("allow-gateway-manager", 100, "GatewayManager", "65200-65535"))
        rules.append(_rule("allow-azure-lb", 110, "AzureLoadBalancer", "*"))
        rules.append(_rule("allow-https", 120, "Internet", "443"))
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), props={"securityRules": rules})
    return ref


def _rule(name: str, priority: int, source: str, ports: str, protocol: str = "Tcp") -> dict[str, Any]:
    return {"name": name, "properties": {
        "priority": priority, "direction": "Inbound", "access": "Allow", "protocol": protocol,
        "sourceAddressPrefix": source, "sourcePortRange": "*",
        "destinationAddressPrefix": "*", "destinationPortRange": ports,
    }}


def _nat(ctx: ArmContext, r: IRResource) -> Ref:
    if int(r.get("nat_gateways") or 0) > 1:
        ctx.diag("ADL5055", r.span_of("nat_gateways"), name=r.name, attr="nat_gateways",
                 what="an Azure subnet takes one NAT gateway (zone-redundant egress via its public IP); "
                      "one NAT gateway is emitted")
    pip = Ref("Microsoft.Network/publicIPAddresses", (ctx.name_expr("generic", r.name, "natip"),))
    ctx.resource(pip.type, pip.name, tags=ctx.tags_for(r), sku={"name": "Standard", "tier": "Regional"},
                 props={"publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4"})
    nat = Ref("Microsoft.Network/natGateways", (ctx.name_expr("generic", r.name, "nat"),))
    ctx.resource(nat.type, nat.name, tags=ctx.tags_for(r), sku={"name": "Standard"}, depends=[pip.id], props={
        "idleTimeoutInMinutes": 4,
        "publicIpAddresses": [{"id": x(pip.id)}],
    })
    return nat


def _flow_logs(ctx: ArmContext, r: IRResource, vnet: Ref) -> None:
    ctx.diag("ADL5056", r.span_of("flow_logs"), name=r.name)
    store = shared.log_storage(ctx)
    ws = shared.workspace(ctx)
    ctx.param("networkWatcherResourceGroup", {
        "type": "string", "defaultValue": "NetworkWatcherRG",
        "metadata": {"description": "Resource group holding the region's Network Watcher (flow logs)."}})
    ctx.param("networkWatcherName", {
        "type": "string", "defaultValue": "[concat('NetworkWatcher_', parameters('location'))]",
        "metadata": {"description": "The region's Network Watcher."}})
    days = int(r.get("flow_log_retention") or 365)
    inner = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {n: {"type": t} for n, t in (("location", "string"), ("watcher", "string"),
                                                   ("vnetId", "string"), ("storageId", "string"),
                                                   ("workspaceId", "string"))},
        "resources": [{
            "type": "Microsoft.Network/networkWatchers/flowLogs",
            "apiVersion": API["Microsoft.Network/networkWatchers/flowLogs"],
            "name": "[format('{0}/{1}', parameters('watcher'), " + q("flowlog-" + _short(r.name)) + ")]",
            "location": "[parameters('location')]",
            "properties": {
                "targetResourceId": "[parameters('vnetId')]",
                "storageId": "[parameters('storageId')]",
                "enabled": True,
                "format": {"type": "JSON", "version": 2},
                "retentionPolicy": {"days": days, "enabled": True},
                "flowAnalyticsConfiguration": {"networkWatcherFlowAnalyticsConfiguration": {
                    "enabled": True, "workspaceResourceId": "[parameters('workspaceId')]",
                    "trafficAnalyticsInterval": 10}},
            },
        }],
    }
    values = {
        "location": "[parameters('location')]",
        "watcher": "[parameters('networkWatcherName')]",
        "vnetId": x(vnet.id),
        "storageId": x(store.id),
        "workspaceId": x(ws.id),
    }
    ctx.resource("Microsoft.Resources/deployments", x(ctx.name_expr("generic", r.name, "flowlogs")),
                 location=False, tags=False, resourceGroup="[parameters('networkWatcherResourceGroup')]",
                 depends=[vnet.id, store.id, ws.id], props={
                     "mode": "Incremental",
                     "expressionEvaluationOptions": {"scope": "inner"},
                     "parameters": {k: {"value": v} for k, v in values.items()},
                     "template": inner,
                 })
