"""api_gateway -> API Management, Consumption tier: one API per target (HTTPS only, TLS 1.2+),
a backend per target (function app or container app, over HTTPS), an inbound policy that throttles
and checks the caller (subscription key for `auth = iam`, validate-jwt for `auth = jwt`), and its
gateway logs sent to the deployment's Log Analytics workspace."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .names import child_name
from .registry import ARM

# TLS 1.0/1.1 and 3DES off on both sides of the gateway (documented customProperties)
_TLS = {f"Microsoft.WindowsAzure.ApiManagement.Gateway.Security.{side}.{proto}": "false"
        for side in ("Protocols", "Backend.Protocols") for proto in ("Tls10", "Tls11", "Ssl30")}
_TLS["Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TripleDes168"] = "false"


def _backend_url(ctx: ArmContext, t: IRResource) -> str:
    target = ctx.primary[t.name]
    if t.kind == "function":
        return x(f"concat('https://', reference({target.id}).defaultHostName, '/api')")
    return x(f"concat('https://', reference({target.id}).configuration.ingress.fqdn)")


def _policy(r: IRResource, backend: str) -> str:
    rate = max(1, int(round(float(r.get("throttle")) * 60)))
    parts = ["<policies><inbound><base />", f'<rate-limit calls="{rate}" renewal-period="60" />']
    if r.get("auth") == "jwt":
        issuer = str(r.get("issuer")).rstrip("/")
        parts.append('<validate-jwt header-name="Authorization" failed-validation-httpcode="401" '
                     'require-scheme="Bearer">'
                     f"<openid-config url={quoteattr(issuer + '/.well-known/openid-configuration')} />"
                     f"<audiences><audience>{_text(str(r.get('audience')))}</audience></audiences>"
                     f"<issuers><issuer>{_text(str(r.get('issuer')))}</issuer></issuers></validate-jwt>")
    parts.append(f'<set-backend-service backend-id="{backend}" />')
    parts.append("</inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>"
                 "</policies>")
    return "".join(parts)


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@ARM.register("api_gateway")
def emit_api_gateway(ctx: ArmContext, r: IRResource) -> None:
    svc = Ref("Microsoft.ApiManagement/service", (ctx.name_expr("apim", r.name),))
    ctx.primary[r.name] = svc
    email = ctx.param("apiPublisherEmail", {"type": "string", "metadata": {
        "description": "Publisher e-mail of the API Management services (Azure requires one)."}})
    for attr, what in (("waf", "API Management Consumption has no WAF; put Front Door with a WAF policy "
                              "in front"),
                       ("type", "API Management serves REST and HTTP APIs alike")):
        if attr in r.explicit and (attr != "waf" or r.get("waf")):
            ctx.diag("ADL5055", r.span_of(attr), name=r.name, attr=attr, what=what)
    if r.get("auth") == "iam":
        ctx.diag("ADL5055", r.span_of("auth"), name=r.name, attr="auth",
                 what="IAM (SigV4) has no Azure counterpart: callers need an API Management subscription key")
    ctx.resource(svc.type, svc.name, tags=ctx.tags_for(r), sku={"name": "Consumption", "capacity": 0},
                 identity={"type": "SystemAssigned"}, depends=ctx.deps_of(r), props={
                     "publisherEmail": x(email), "publisherName": ctx.deployment,
                     "customProperties": dict(sorted(_TLS.items())),
                     "publicNetworkAccess": "Enabled"})
    targets = [ctx.by_name[t["ref"]] for t in r.get("targets") or []]
    for t in targets:
        if t.name not in ctx.primary:
            continue
        api_name = child_name(t.name)
        backend = Ref("Microsoft.ApiManagement/service/backends", (svc.segments[0], q(api_name)))
        ctx.resource(backend.type, backend.name, location=False, tags=False,
                     depends=[svc.id, ctx.primary[t.name].id], props={
                         "protocol": "http", "url": _backend_url(ctx, t),
                         "tls": {"validateCertificateChain": True, "validateCertificateName": True}})
        api = Ref("Microsoft.ApiManagement/service/apis", (svc.segments[0], q(api_name)))
        ctx.resource(api.type, api.name, location=False, tags=False, depends=[svc.id], props={
            "displayName": f"{r.name} {t.name}", "path": "" if len(targets) == 1 else api_name,
            "protocols": ["https"], "subscriptionRequired": r.get("auth") == "iam",
            "apiType": "http"})
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            op = Ref("Microsoft.ApiManagement/service/apis/operations",
                     (svc.segments[0], q(api_name), q(method.lower() + "-all")))
            ctx.resource(op.type, op.name, location=False, tags=False, depends=[api.id], props={
                "displayName": f"{method} /*", "method": method, "urlTemplate": "/*"})
        pol = Ref("Microsoft.ApiManagement/service/apis/policies", (svc.segments[0], q(api_name), q("policy")))
        ctx.resource(pol.type, pol.name, location=False, tags=False, depends=[api.id, backend.id], props={
            "format": "rawxml", "value": _policy(r, api_name)})
    if r.get("access_logs"):
        shared.diagnostic_settings(ctx, svc, r.name)
    ctx.output(_out(r.name), "string", x(f"reference({svc.id}).gatewayUrl"))


def _out(name: str) -> str:
    return "".join(p.capitalize() if i else p for i, p in enumerate(child_name(name).split("-"))) + "GatewayUrl"
