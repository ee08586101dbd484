"""load_balancer -> an Application Gateway v2 (type application; WAF_v2 with a prevention-mode WAF
policy when waf) or a Standard Load Balancer (type network). Service and function targets are FQDN
backends; VM targets join the pool from their own NIC (see prepare), so the balancer is named and
its pool id known before the VMs are emitted."""

from __future__ import annotations

import ipaddress
from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .emit_network import dedicated_subnet, member_subnet, subnet_id
from .registry import ARM

AGW = "Microsoft.Network/applicationGateways"
LB = "Microsoft.Network/loadBalancers"


def _ref(ctx: ArmContext, r: IRResource) -> Ref:
    if r.get("type") == "application":
        return Ref(AGW, (ctx.name_expr("generic", r.name, "agw"),))
    return Ref(LB, (ctx.name_expr("generic", r.name, "lb"),))


def _sub(ref: Ref, kind: str, name: str) -> str:
    return f"resourceId({q(ref.type + '/' + kind)}, {ref.last}, {q(name)})"


def prepare(ctx: ArmContext) -> None:
    """Before emitting: VM targets of every balancer get the pool id, and their edge is turned around."""
    pools = ctx.extra.setdefault("lb_pools", {})
    ids = ctx.extra.setdefault("lb_ids", {})
    for r in ctx.ir.resources:
        if r.kind != "load_balancer":
            continue
        ref = _ref(ctx, r)
        prop = ("applicationGatewayBackendAddressPools" if ref.type == AGW else "loadBalancerBackendAddressPools")
        kind = "backendAddressPools"
        for t in r.get("targets") or []:
            target = ctx.by_name.get(t["ref"])
            if target is not None and target.kind == "vm":
                pools.setdefault(target.name, []).append((prop, _sub(ref, kind, "pool")))
                ids.setdefault(target.name, []).append(ref.id)
                ctx.reversed_edges.add((r.name, target.name))


@ARM.register("load_balancer")
def emit_load_balancer(ctx: ArmContext, r: IRResource) -> None:
    ref = _ref(ctx, r)
    ctx.primary[r.name] = ref
    if ref.type == AGW:
        _gateway(ctx, r, ref)
    else:
        _network(ctx, r, ref)
    if r.get("deletion_protection"):
        shared.lock(ctx, ref, r)
    if r.get("access_logs"):
        shared.diagnostic_settings(ctx, ref, r.name, metrics=False)


def _fqdns(ctx: ArmContext, r: IRResource) -> list[dict[str, str]]:
    out = []
    for t in r.get("targets") or []:
        target = ctx.by_name.get(t["ref"])
        ref = ctx.primary.get(t["ref"])
        if target is None or ref is None:
            continue
        if target.kind == "service":
            out.append({"fqdn": x(f"reference({ref.id}).configuration.ingress.fqdn")})
        elif target.kind == "function":
            out.append({"fqdn": x(f"reference({ref.id}).defaultHostName")})
    return out


def _gateway(ctx: ArmContext, r: IRResource, ref: Ref) -> None:
    net = dedicated_subnet(ctx, r, "agw")
    if net is None:
        ctx.diag("ADL5061", r.span, name=r.name, why="an Application Gateway needs a dedicated subnet",
                 hint="add `network = <network>`")
        return
    if r.get("protocol") in ("tls", "tcp"):
        ctx.diag("ADL5054", r.span_of("protocol"), name=r.name, attr="protocol", value=r.get("protocol"),
                 why="an Application Gateway listens for HTTP(S) only; an HTTPS listener is emitted",
                 hint="use `type = network` for TCP/TLS")
    https = r.get("protocol") != "http"
    if not https:
        ctx.diag("ADL5060", r.span_of("protocol"), name=r.name, attr="protocol",
                 why="the listener is plain HTTP", hint="use `protocol = https`")
    waf = bool(r.get("waf"))
    deps = [ctx.primary[net[0]].id, *ctx.deps_of(r)]
    pip = Ref("Microsoft.Network/publicIPAddresses", (ctx.name_expr("generic", r.name, "agwip"),))
    ctx.resource(pip.type, pip.name, tags=ctx.tags_for(r), sku={"name": "Standard"}, zones=["1", "2", "3"],
                 props={"publicIPAllocationMethod": "Static",
                        # a DNS name, so a CDN in front can check the certificate against a host name
                        "dnsSettings": {"domainNameLabel": x(f"toLower({pip.segments[0]})")}})
    deps.append(pip.id)
    block = ipaddress.ip_network(ctx.extra["subnets"][net[0]][net[1]])
    frontends = [{"name": "public", "properties": {"publicIPAddress": {"id": x(pip.id)}}},
                 {"name": "private", "properties": {"privateIPAllocationMethod": "Static",
                                                    "privateIPAddress": str(block[10]),
                                                    "subnet": {"id": x(subnet_id(ctx, *net))}}}]
    if not r.get("public"):
        ctx.diag("ADL5055", r.span_of("public"), name=r.name, attr="public",
                 what="the listener is bound to the private frontend; Application Gateway v2 still holds a "
                      "public IP for its control plane")
    port = int(r.get("port") or 443)
    listener: dict[str, Any] = {
        "frontendIPConfiguration": {"id": x(_sub(ref, "frontendIPConfigurations",
                                                 "public" if r.get("public") else "private"))},
        "frontendPort": {"id": x(_sub(ref, "frontendPorts", "listener"))},
        "protocol": "Https" if https else "Http",
    }
    props: dict[str, Any] = {
        "sku": {"name": "WAF_v2" if waf else "Standard_v2", "tier": "WAF_v2" if waf else "Standard_v2"},
        "autoscaleConfiguration": {"minCapacity": 1, "maxCapacity": 10},
        "sslPolicy": {"policyType": "Predefined", "policyName": "AppGwSslPolicy20220101S"},
        "gatewayIPConfigurations": [{"name": "gateway", "properties": {"subnet": {"id": x(subnet_id(ctx, *net))}}}],
        "frontendIPConfigurations": frontends,
        "frontendPorts": [{"name": "listener", "properties": {"port": port}}],
        "backendAddressPools": [{"name": "pool", "properties": {"backendAddresses": _fqdns(ctx, r)}}],
        "backendHttpSettingsCollection": [{"name": "https", "properties": {
            "port": 443, "protocol": "Https", "pickHostNameFromBackendAddress": True, "requestTimeout": 30,
            "probe": {"id": x(_sub(ref, "probes", "health"))}}}],
        "probes": [{"name": "health", "properties": {
            "protocol": "Https", "path": "/health", "interval": 30, "timeout": 30, "unhealthyThreshold": 3,
            "pickHostNameFromBackendHttpSettings": True}}],
        "httpListeners": [{"name": "listener", "properties": listener}],
        "requestRoutingRules": [{"name": "default", "properties": {
            "ruleType": "Basic", "priority": 100,
            "httpListener": {"id": x(_sub(ref, "httpListeners", "listener"))},
            "backendAddressPool": {"id": x(_sub(ref, "backendAddressPools", "pool"))},
            "backendHttpSettings": {"id": x(_sub(ref, "backendHttpSettingsCollection", "https"))}}}],
    }
    kw: dict[str, Any] = {"zones": ["1", "2", "3"]}
    if https:
        param = ctx.param(f"{_camel(r.name)}CertificateSecretId", {
            "type": "string", "metadata": {"description": f"Key Vault secret id of the TLS certificate of {r.name}."}})
        ident = Ref("Microsoft.ManagedIdentity/userAssignedIdentities", (ctx.name_expr("generic", r.name, "id"),))
        ctx.resource(ident.type, ident.name, tags=ctx.tags_for(r))
        kv = shared.vault(ctx)
        deps += [ident.id, shared.role_assignment(ctx, kv, ident, "kv_secrets_user", [ident.id, kv.id])]
        deps += shared.vault_endpoint(ctx, r, net[0])
        kw["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {x(ident.id): {}}}
        props["sslCertificates"] = [{"name": "listener", "properties": {"keyVaultSecretId": x(param)}}]
        listener["sslCertificate"] = {"id": x(_sub(ref, "sslCertificates", "listener"))}
    if waf:
        pol = Ref("Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
                  (ctx.name_expr("generic", r.name, "waf"),))
        ctx.resource(pol.type, pol.name, tags=ctx.tags_for(r), props={
            "policySettings": {"state": "Enabled", "mode": "Prevention", "requestBodyCheck": True},
            "managedRules": {"managedRuleSets": [{"ruleSetType": "OWASP", "ruleSetVersion": "3.2"}]},
        })
        props["firewallPolicy"] = {"id": x(pol.id)}
        deps.append(pol.id)
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), depends=deps, props=props, **kw)


def _network(ctx: ArmContext, r: IRResource, ref: Ref) -> None:
    deps = ctx.deps_of(r)
    if r.get("waf"):
        ctx.diag("ADL5054", r.span_of("waf"), name=r.name, attr="waf", value="true",
                 why="a network (layer 4) load balancer has no WAF", hint="use `type = application`")
    for t in r.get("targets") or []:
        target = ctx.by_name.get(t["ref"])
        if target is not None and target.kind != "vm":
            ctx.diag("ADL5054", r.span_of("targets"), name=r.name, attr="targets", value=target.name,
                     why=f"a Standard Load Balancer balances VMs only, not a {target.kind}",
                     hint="use `type = application`")
    if r.get("public"):
        pip = Ref("Microsoft.Network/publicIPAddresses", (ctx.name_expr("generic", r.name, "lbip"),))
        ctx.resource(pip.type, pip.name, tags=ctx.tags_for(r), sku={"name": "Standard"}, zones=["1", "2", "3"],
                     props={"publicIPAllocationMethod": "Static"})
        frontend: dict[str, Any] = {"publicIPAddress": {"id": x(pip.id)}}
        deps.append(pip.id)
    else:
        net = member_subnet(ctx, r)
        if net is None:
            ctx.diag("ADL5061", r.span, name=r.name, why="an internal load balancer needs a subnet",
                     hint="add `network = <network>.private`")
            return
        frontend = {"privateIPAllocationMethod": "Dynamic", "subnet": {"id": x(subnet_id(ctx, *net))}}
    port = int(r.get("port") or 443)
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), sku={"name": "Standard", "tier": "Regional"},
                 depends=deps, props={
                     "frontendIPConfigurations": [{"name": "frontend", "properties": frontend}],
                     "backendAddressPools": [{"name": "pool"}],
                     "probes": [{"name": "tcp", "properties": {"protocol": "Tcp", "port": port,
                                                               "intervalInSeconds": 15, "numberOfProbes": 2}}],
                     "loadBalancingRules": [{"name": "default", "properties": {
                         "frontendIPConfiguration": {"id": x(_sub(ref, "frontendIPConfigurations", "frontend"))},
                         "backendAddressPool": {"id": x(_sub(ref, "backendAddressPools", "pool"))},
                         "probe": {"id": x(_sub(ref, "probes", "tcp"))},
                         "protocol": "Tcp", "frontendPort": port, "backendPort": port,
                         "enableFloatingIP": False, "idleTimeoutInMinutes": 4, "disableOutboundSnat": True}}],
                 })


def _camel(name: str) -> str:
    parts = [p for p in name.replace("-", "_").split("_") if p]
    return parts[0] + "".join(p.capitalize() for p in parts[1:])
