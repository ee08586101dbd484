"""api_gateway -> an HTTP API (apigatewayv2): a JWT authorizer or IAM auth on every route, a Lambda
proxy integration per function target (with its invoke permission) or an HTTP proxy to a service's
load balancer, and a $default stage with throttling and JSON access logs to its own log group.
`type = rest` -> a REST API as main.tf's `_rest` (backends/terraform/emit_api_gateway.py): per target
an optional `/<target>` resource and a `{proxy+}` resource with an ANY method (IAM or no auth) and a
Lambda proxy or HTTP proxy integration, a deployment, the `prod` stage with X-Ray tracing, access
logs and `*/*` method settings (throttling, metrics, ERROR logging), and with `waf` a WAFv2 web ACL
associated with the stage (waf.py)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import app_services as facts
from autodeploy.backends.aws import service as service_facts
from autodeploy.compiler import load_balancers as lbq

from . import log_groups, waf
from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, provider

REST_STAGE = "prod"
REST_LOGGING_LEVEL = "ERROR"


def _service_url(ctx: Ctx, target: str) -> str | None:
    """The service at its load balancer's address, in the scheme it listens with: the load_balancer
    in front of it, else its own ALB (main.tf's `service_url`; backends/aws/service.py's `entry`).
    The graph has the api_gateway depend on that load_balancer, so its address exists by now."""
    svc = ctx.targets.get(target)
    lb, scheme = (service_facts.entry(svc, ctx.targets, lbq.fronts(ctx.targets.values())) if svc is not None
                  else (None, "https"))
    dns = ctx.refs.get(lb or target, {}).get("lb_dns")
    if not dns:
        ctx.warn_feature("targets", f"`{target}` has no function ARN or load balancer to integrate with",
                         "put the service behind a load balancer")
        return None
    return f"{scheme}://{dns}"


def _permission(ctx: Ctx, phys: dict[str, Any], target: str, api: str) -> None:
    """Let this API (any stage, method and path: main.tf's `execution_arn/*/*`) invoke the function."""
    fn = ctx.refs.get(target, {}).get("function")
    if not fn:
        return
    sid = f"apigw-{ctx.name}"
    ctx.c("lambda").add_permission(
        FunctionName=fn, StatementId=sid, Action="lambda:InvokeFunction", Principal="apigateway.amazonaws.com",
        SourceArn=f"arn:aws:execute-api:{ctx.cloud.region}:{ctx.cloud.account}:{api}/*/*")
    phys["permissions"].append(f"{fn}#{sid}")


def _integration(ctx: Ctx, api: str, target: str) -> str | None:
    t = ctx.refs.get(target, {})
    gw = ctx.c("apigatewayv2")
    if t.get("function_arn"):
        return str(gw.create_integration(ApiId=api, IntegrationType="AWS_PROXY", PayloadFormatVersion="2.0",
                                         IntegrationUri=t["function_arn"])["IntegrationId"])
    url = _service_url(ctx, target)
    if url is None:
        return None
    return str(gw.create_integration(ApiId=api, IntegrationType="HTTP_PROXY", IntegrationMethod="ANY",
                                     IntegrationUri=url)["IntegrationId"])


def _access_log_group(ctx: Ctx, phys: dict[str, Any], name: str) -> str:
    """`/aws/apigateway/<name>` with the file's retention; returns its ARN."""
    return log_groups.create(ctx, phys, "log_group", f"/aws/apigateway/{name}",
                             float(ctx.resource.attrs["log_retention"]))


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    name = ctx.named(facts.name(ctx.deployment, ctx.name), ctx.pname(limit=128, lower=False))
    phys["permissions"] = []
    if ctx.resource.attrs["type"] == "rest":
        _create_rest(ctx, phys, name)
    else:
        _create_http(ctx, phys, name)


def _create_http(ctx: Ctx, phys: dict[str, Any], name: str) -> None:
    a = ctx.resource.attrs
    gw = ctx.c("apigatewayv2")
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
    for target, key in facts.route_keys(targets):
        integ = _integration(ctx, api["ApiId"], target)
        if integ is None:
            continue
        gw.create_route(ApiId=api["ApiId"], RouteKey=key, Target=f"integrations/{integ}", **auth)
        _permission(ctx, phys, target, api["ApiId"])
    stage: dict[str, Any] = {"ApiId": api["ApiId"], "StageName": "$default", "AutoDeploy": True, "Tags": ctx.tags,
                             "DefaultRouteSettings": {"ThrottlingRateLimit": float(a["throttle"]),
                                                      "ThrottlingBurstLimit": int(a["burst"]),
                                                      "DetailedMetricsEnabled": True}}
    if a["access_logs"]:
        stage["AccessLogSettings"] = {"DestinationArn": _access_log_group(ctx, phys, name),
                                      "Format": facts.ACCESS_LOG_FORMAT}
    gw.create_stage(**stage)
    phys["stage"] = "$default"


def _rest_integration(ctx: Ctx, target: str) -> dict[str, Any] | None:
    fn_arn = ctx.refs.get(target, {}).get("function_arn")
    if fn_arn:
        uri = f"arn:aws:apigateway:{ctx.cloud.region}:lambda:path/2015-03-31/functions/{fn_arn}/invocations"
        return {"type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": uri}
    url = _service_url(ctx, target)
    if url is None:
        return None
    return {"type": "HTTP_PROXY", "integrationHttpMethod": "ANY", "uri": url + "/{proxy}",
            "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}}


def stage_arn(region: str, api: str) -> str:
    return f"arn:aws:apigateway:{region}::/restapis/{api}/stages/{REST_STAGE}"


def _create_rest(ctx: Ctx, phys: dict[str, Any], name: str) -> None:
    a = ctx.resource.attrs
    gw = ctx.c("apigateway")
    api = gw.create_rest_api(name=name, endpointConfiguration={"types": ["REGIONAL"]}, tags=ctx.tags)
    api_id = str(api["id"])
    phys["rest_api"] = api_id
    phys["arn"] = f"arn:aws:apigateway:{ctx.cloud.region}::/restapis/{api_id}"
    root = api.get("rootResourceId") or next(
        r["id"] for r in gw.get_resources(restApiId=api_id)["items"] if r["path"] == "/")
    targets = [t["ref"] for t in a.get("targets") or []]
    auth = "AWS_IAM" if a["auth"] == "iam" else "NONE"  # `jwt` with `rest` is refused (ADL1403)
    for target in targets:
        integ = _rest_integration(ctx, target)
        if integ is None:
            continue
        parent = root
        if len(targets) > 1:  # one target takes every path, several get /<target>/...
            parent = gw.create_resource(restApiId=api_id, parentId=root, pathPart=target.replace("_", "-"))["id"]
        proxy = gw.create_resource(restApiId=api_id, parentId=parent, pathPart="{proxy+}")["id"]
        gw.put_method(restApiId=api_id, resourceId=proxy, httpMethod="ANY", authorizationType=auth,
                      requestParameters={"method.request.path.proxy": True})
        gw.put_integration(restApiId=api_id, resourceId=proxy, httpMethod="ANY", **integ)
        _permission(ctx, phys, target, api_id)
    if not targets:  # the root answers 404 (a MOCK integration): a deployment needs a method, as main.tf
        gw.put_method(restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType=auth)
        gw.put_integration(restApiId=api_id, resourceId=root, httpMethod="ANY", type="MOCK",
                           requestTemplates={"application/json": facts.REST_EMPTY_TEMPLATE})
        gw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="ANY",
                               statusCode=facts.REST_EMPTY_STATUS)
        gw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="ANY",
                                    statusCode=facts.REST_EMPTY_STATUS, selectionPattern="")
    deployment = gw.create_deployment(restApiId=api_id)["id"]
    gw.create_stage(restApiId=api_id, stageName=REST_STAGE, deploymentId=deployment, tracingEnabled=True,
                    tags=ctx.tags)
    phys["stage"] = REST_STAGE
    patches = [("/*/*/throttling/rateLimit", str(float(a["throttle"]))),
               ("/*/*/throttling/burstLimit", str(int(a["burst"]))),
               ("/*/*/metrics/enabled", "true"), ("/*/*/logging/loglevel", REST_LOGGING_LEVEL)]
    if a["access_logs"]:
        patches += [("/accessLogSettings/destinationArn", _access_log_group(ctx, phys, name)),
                    ("/accessLogSettings/format", facts.ACCESS_LOG_FORMAT)]
    gw.update_stage(restApiId=api_id, stageName=REST_STAGE,
                    patchOperations=[{"op": "replace", "path": p, "value": v} for p, v in patches])
    if a["waf"]:
        waf.create(ctx, phys, "REGIONAL", stage_arn(ctx.cloud.region, api_id))


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    for perm in phys.get("permissions") or []:
        fn, sid = perm.split("#", 1)
        ignore_missing(ctx.c("lambda").remove_permission, FunctionName=fn, StatementId=sid)
    waf.delete(ctx, phys)  # disassociated before the stage goes
    if phys.get("api"):
        ignore_missing(ctx.c("apigatewayv2").delete_api, ApiId=phys["api"])
    if phys.get("rest_api"):
        ignore_missing(ctx.c("apigateway").delete_rest_api, restApiId=phys["rest_api"])
    log_groups.delete(ctx, phys, "log_group")


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    if phys.get("rest_api"):
        return _read_rest(ctx, phys)
    gw = ctx.c("apigatewayv2")
    try:
        gw.get_api(ApiId=phys["api"])
        stage = gw.get_stage(ApiId=phys["api"], StageName="$default")
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    routes = gw.get_routes(ApiId=phys["api"])["Items"]
    return {"type": "http", "auth": sorted({r.get("AuthorizationType", "NONE") for r in routes}),
            "access_logs": bool(stage.get("AccessLogSettings", {}).get("DestinationArn"))}


def _read_rest(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    gw, api = ctx.c("apigateway"), phys["rest_api"]
    try:
        gw.get_rest_api(restApiId=api)
        stage = gw.get_stage(restApiId=api, stageName=REST_STAGE)
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    auth = set()
    for res in gw.get_resources(restApiId=api)["items"]:
        if res.get("pathPart") == "{proxy+}":
            try:
                auth.add(gw.get_method(restApiId=api, resourceId=res["id"], httpMethod="ANY")["authorizationType"])
            except Exception as exc:  # noqa: BLE001  (a method deleted out of band: no auth to report)
                if not is_not_found(exc):
                    raise
    settings = stage.get("methodSettings", {}).get("*/*", {})
    return {"type": "rest", "auth": sorted(auth),
            "access_logs": bool(stage.get("accessLogSettings", {}).get("destinationArn")),
            "tracing": bool(stage.get("tracingEnabled")), "throttle": settings.get("throttlingRateLimit"),
            "burst": settings.get("throttlingBurstLimit"), "metrics": settings.get("metricsEnabled"),
            "logging_level": settings.get("loggingLevel"), "waf": waf.exists(ctx, phys)}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    if a["type"] == "rest":
        auth = "AWS_IAM" if a["auth"] == "iam" else "NONE"
        return {"type": "rest", "auth": [auth] if a.get("targets") else [], "access_logs": bool(a["access_logs"]),
                "tracing": True, "throttle": float(a["throttle"]), "burst": int(a["burst"]), "metrics": True,
                "logging_level": REST_LOGGING_LEVEL, "waf": bool(a["waf"])}
    auth = {"iam": "AWS_IAM", "jwt": "JWT"}.get(a["auth"], "NONE")
    return {"type": "http", "auth": [auth] if a.get("targets") else [], "access_logs": bool(a["access_logs"])}


provider(Provider("api_gateway", create, delete, read, expected))
