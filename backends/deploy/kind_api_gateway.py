"""api_gateway -> an HTTP API (apigatewayv2): a JWT authorizer or IAM auth on every route, a Lambda
proxy integration per function target (with its invoke permission) or an HTTP proxy to a service's
load balancer, and a $default stage with throttling and JSON access logs to its own log group.
REST APIs (`type = rest`) are emitted by Terraform; deploy builds the HTTP API equivalent and says so."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import app_services as facts
from autodeploy.backends.terraform.context import log_retention  # the same rounding as main.tf

from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, provider


def _integration(ctx: Ctx, api: str, target: str) -> str | None:
    t = ctx.refs.get(target, {})
    gw = ctx.c("apigatewayv2")
    if t.get("function_arn"):
        return str(gw.create_integration(ApiId=api, IntegrationType="AWS_PROXY", PayloadFormatVersion="2.0",
                                         IntegrationUri=t["function_arn"])["IntegrationId"])
    if t.get("lb_dns"):
        return str(gw.create_integration(ApiId=api, IntegrationType="HTTP_PROXY", IntegrationMethod="ANY",
                                         IntegrationUri=f"https://{t['lb_dns']}")["IntegrationId"])
    ctx.warn_feature("targets", f"`{target}` has no function ARN or load balancer to integrate with",
                     "put the service behind a load balancer")
    return None


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    gw = ctx.c("apigatewayv2")
    if a["type"] == "rest":
        ctx.warn_feature("type", "deploy builds an HTTP API; the REST API (with its WAF) is in the emitted Terraform",
                         "apply main.tf for a REST API")
    name = ctx.named(facts.name(ctx.deployment, ctx.name), ctx.pname(limit=128, lower=False))
    api = gw.create_api(Name=name, ProtocolType="HTTP", Tags=ctx.tags)
    phys["api"] = api["ApiId"]
    phys["arn"] = f"arn:aws:apigateway:{ctx.cloud.region}::/apis/{api['ApiId']}"
    auth: dict[str, Any] = {"AuthorizationType": {"iam": "AWS_IAM", "jwt": "JWT"}.get(a["auth"], "NONE")}
    if a["auth"] == "jwt":
        authz = gw.create_authorizer(ApiId=api["ApiId"], AuthorizerType="JWT", Name=f"{name}-jwt",
                                     IdentitySource=["$request.header.Authorization"],
                                     JwtConfiguration={"Issuer": a["issuer"], "Audience": [a["audience"]]})
        auth["AuthorizerId"] = authz["AuthorizerId"]
    targets = [t["ref"] for t in a.get("targets") or []]
    phys["permissions"] = []
    for target, key in facts.route_keys(targets):
        integ = _integration(ctx, api["ApiId"], target)
        if integ is None:
            continue
        gw.create_route(ApiId=api["ApiId"], RouteKey=key, Target=f"integrations/{integ}", **auth)
        fn = ctx.refs.get(target, {}).get("function")
        if fn:
            sid = f"apigw-{ctx.name}"
            ctx.c("lambda").add_permission(FunctionName=fn, StatementId=sid, Action="lambda:InvokeFunction",
                                           Principal="apigateway.amazonaws.com")
            phys["permissions"].append(f"{fn}#{sid}")
    stage: dict[str, Any] = {"ApiId": api["ApiId"], "StageName": "$default", "AutoDeploy": True, "Tags": ctx.tags,
                             "DefaultRouteSettings": {"ThrottlingRateLimit": float(a["throttle"]),
                                                      "ThrottlingBurstLimit": int(a["burst"]),
                                                      "DetailedMetricsEnabled": True}}
    if a["access_logs"]:
        group = f"/aws/apigateway/{name}"
        logs = ctx.c("logs")
        logs.create_log_group(logGroupName=group, tags=ctx.tags)
        phys["log_group"] = group
        logs.put_retention_policy(logGroupName=group, retentionInDays=log_retention(float(a["log_retention"])))
        arn = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]["arn"].removesuffix(":*")
        stage["AccessLogSettings"] = {"DestinationArn": arn, "Format": facts.ACCESS_LOG_FORMAT}
    gw.create_stage(**stage)
    phys["stage"] = "$default"


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    for perm in phys.get("permissions") or []:
        fn, sid = perm.split("#", 1)
        ignore_missing(ctx.c("lambda").remove_permission, FunctionName=fn, StatementId=sid)
    if phys.get("api"):
        ignore_missing(ctx.c("apigatewayv2").delete_api, ApiId=phys["api"])
    if phys.get("log_group"):
        ignore_missing(ctx.c("logs").delete_log_group, logGroupName=phys["log_group"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    gw = ctx.c("apigatewayv2")
    try:
        gw.get_api(ApiId=phys["api"])
        stage = gw.get_stage(ApiId=phys["api"], StageName="$default")
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    routes = gw.get_routes(ApiId=phys["api"])["Items"]
    return {"auth": sorted({r.get("AuthorizationType", "NONE") for r in routes}),
            "access_logs": bool(stage.get("AccessLogSettings", {}).get("DestinationArn"))}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    auth = {"iam": "AWS_IAM", "jwt": "JWT"}.get(a["auth"], "NONE")
    return {"auth": [auth] if a.get("targets") else [], "access_logs": bool(a["access_logs"])}


provider(Provider("api_gateway", create, delete, read, expected))
