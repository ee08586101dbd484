"""cdn -> an Azure Front Door Standard/Premium profile (Premium when waf, for managed rule sets) with
one endpoint, an origin group with a health probe, the origin (bucket, service or load balancer) and
an HTTPS-only route; WAF policy + security policy when waf; logs to Log Analytics when logging."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .registry import ARM


def _origin_host(ctx: ArmContext, target: IRResource, ref: Ref) -> str | None:
    if target.kind == "bucket":
        return x(f"replace(replace(reference({ref.id}).primaryEndpoints.blob, 'https://', ''), '/', '')")
    if target.kind == "service":
        return x(f"reference({ref.id}).configuration.ingress.fqdn")
    if target.kind == "load_balancer" and ref.type.endswith("applicationGateways"):
        pip = f"resourceId('Microsoft.Network/publicIPAddresses', {ctx.name_expr('generic', target.name, 'agwip')})"
        return x(f"reference({pip}).dnsSettings.fqdn")
    if target.kind == "load_balancer":
        pip = f"resourceId('Microsoft.Network/publicIPAddresses', {ctx.name_expr('generic', target.name, 'lbip')})"
        return x(f"reference({pip}).ipAddress")
    return None


def _reachable(target: IRResource) -> bool:
    if target.kind == "service":
        return target.get("expose") in ("https", "http")
    return bool(target.get("public"))


@ARM.register("cdn")
def emit_cdn(ctx: ArmContext, r: IRResource) -> None:
    waf = bool(r.get("waf"))
    profile = Ref("Microsoft.Cdn/profiles", (ctx.name_expr("frontdoor", r.name),))
    ctx.primary[r.name] = profile
    tier = "Premium_AzureFrontDoor" if waf else "Standard_AzureFrontDoor"
    ctx.resource(profile.type, profile.name, location="global", tags=ctx.tags_for(r), sku={"name": tier},
                 depends=ctx.deps_of(r), props={"originResponseTimeoutSeconds": 60})
    if r.get("price_class") != "PriceClass_All" and "price_class" in r.explicit:
        ctx.diag("ADL5055", r.span_of("price_class"), name=r.name, attr="price_class",
                 what="Front Door has no price classes; every edge location serves the endpoint")
    if r.get("min_tls") != "TLSv1.2_2021" and "min_tls" in r.explicit:
        ctx.diag("ADL5055", r.span_of("min_tls"), name=r.name, attr="min_tls",
                 what="the Front Door default domain always requires TLS 1.2")
    ep = Ref(profile.type + "/afdEndpoints", (profile.segments[0], q("endpoint")))
    ctx.resource(ep.type, ep.name, location="global", tags=ctx.tags_for(r), depends=[profile.id],
                 props={"enabledState": "Enabled"})
    og = Ref(profile.type + "/originGroups", (profile.segments[0], q("origins")))
    ctx.resource(og.type, og.name, location=False, tags=False, depends=[profile.id], props={
        "loadBalancingSettings": {"sampleSize": 4, "successfulSamplesRequired": 3,
                                  "additionalLatencyInMilliseconds": 50},
        "healthProbeSettings": {"probePath": "/", "probeRequestType": "HEAD", "probeProtocol": "Https",
                                "probeIntervalInSeconds": 100},
        "sessionAffinityState": "Disabled",
    })
    origin_ref = ctx.ref_target(r, "origin")
    target = ctx.by_name.get(origin_ref[0]) if origin_ref else None
    tref = ctx.primary.get(target.name) if target else None
    host = _origin_host(ctx, target, tref) if target and tref else None
    if target is not None and not _reachable(target):
        ctx.diag("ADL5060", r.span_of("origin"), name=r.name, attr="origin",
                 why=f"`{target.name}` refuses public traffic, so Front Door cannot reach it as an origin",
                 hint="make the origin public, or approve a Front Door Premium Private Link origin by hand")
    route_deps = [ep.id, og.id]
    if host is not None:
        assert tref is not None  # host is only computed when the origin has a primary resource
        origin = Ref(og.type + "/origins", og.segments + (q("origin"),))
        ctx.resource(origin.type, origin.name, location=False, tags=False, depends=[og.id, tref.id], props={
            "hostName": host, "originHostHeader": host, "httpPort": 80, "httpsPort": 443,
            "priority": 1, "weight": 1000, "enabledState": "Enabled", "enforceCertificateNameCheck": True,
        })
        route_deps.append(origin.id)
    route = Ref(ep.type + "/routes", ep.segments + (q("default"),))
    https_only = bool(r.get("https_only"))
    ctx.resource(route.type, route.name, location=False, tags=False, depends=route_deps, props={
        "originGroup": {"id": x(og.id)},
        "supportedProtocols": ["Http", "Https"] if https_only else ["Https"],
        "patternsToMatch": ["/*"],
        "forwardingProtocol": "HttpsOnly",
        "linkToDefaultDomain": "Enabled",
        "httpsRedirect": "Enabled",
        "enabledState": "Enabled",
    })
    if not https_only:
        ctx.diag("ADL5055", r.span_of("https_only"), name=r.name, attr="https_only",
                 what="the route accepts HTTPS only (plain HTTP is not served)")
    if waf:
        _waf(ctx, r, profile, ep)
    if r.get("logging"):
        shared.diagnostic_settings(ctx, profile, r.name)
    ctx.output(_camel(r.name) + "HostName", "string", x(f"reference({ep.id}).hostName"))


def _waf(ctx: ArmContext, r: IRResource, profile: Ref, ep: Ref) -> None:
    pol = Ref("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies",
              (ctx.name_expr("wafpolicy", r.name),))
    ctx.resource(pol.type, pol.name, location="global", tags=ctx.tags_for(r),
                 sku={"name": "Premium_AzureFrontDoor"}, props={
                     "policySettings": {"enabledState": "Enabled", "mode": "Prevention"},
                     "managedRules": {"managedRuleSets": [
                         {"ruleSetType": "Microsoft_DefaultRuleSet", "ruleSetVersion": "2.1",
                          "ruleSetAction": "Block"},
                         {"ruleSetType": "Microsoft_BotManagerRuleSet", "ruleSetVersion": "1.1"}]},
                 })
    sp = Ref(profile.type + "/securityPolicies", (profile.segments[0], q("waf")))
    ctx.resource(sp.type, sp.name, location=False, tags=False, depends=[profile.id, ep.id, pol.id], props={
        "parameters": {"type": "WebApplicationFirewall", "wafPolicy": {"id": x(pol.id)},
                       "associations": [{"domains": [{"id": x(ep.id)}], "patternsToMatch": ["/*"]}]},
    })



def _camel(name: str) -> str:
    parts = [p for p in name.replace("-", "_").split("_") if p]
    return parts[0] + "".join(p.capitalize() for p in parts[1:])
