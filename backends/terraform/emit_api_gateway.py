"""api_gateway -> an HTTP API (apigatewayv2: JWT or IAM auth on every route, a $default stage with
throttling and JSON access logs) or a REST API (IAM auth, proxy resources, a stage with access
logs, throttling and an optional WAF), integrated with functions (Lambda proxy) and services
(HTTP proxy to their load balancer)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import app_services as facts
from autodeploy.backends.aws import service as service_facts
from autodeploy.backends.aws import waf as waf_facts
from autodeploy.compiler import load_balancers as lbq
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .emit_load_balancer import waf
from .hcl import Block, Expr, Tmpl, ref
from .registry import TERRAFORM


def _targets(r: IRResource) -> list[str]:
    return [t["ref"] for t in r.get("targets") or []]


def service_url(ctx: TfCtx, svc: IRResource) -> Tmpl:
    """The service behind its load balancer (a targeting load_balancer, else its own ALB), as deploy
    integrates it (backends/aws/service.py's `entry`)."""
    lb, scheme = service_facts.entry(svc, ctx.by_name, lbq.fronts_of_ir(ctx.ir))
    return Tmpl(f"{scheme}://${{aws_lb.{lb or service_facts.alb_label(svc.name)}.dns_name}}")


def _empty_root(ctx: TfCtx, n: str, api: Any, auth: str) -> str:
    """A REST API with no target: its root answers 404 to every method (a MOCK integration), so the
    API has the method a deployment needs (facts.REST_EMPTY_STATUS, as deploy builds it)."""
    label = f"{n}_root"
    root = ref("aws_api_gateway_rest_api", n, "root_resource_id")
    ctx.resource("aws_api_gateway_method", label, {
        "rest_api_id": api, "resource_id": root, "http_method": "ANY", "authorization": auth})
    method = ref("aws_api_gateway_method", label, "http_method")
    ctx.resource("aws_api_gateway_integration", label, {
        "rest_api_id": api, "resource_id": root, "http_method": method, "type": "MOCK",
        "request_templates": {"application/json": facts.REST_EMPTY_TEMPLATE}})
    ctx.resource("aws_api_gateway_method_response", label, {
        "rest_api_id": api, "resource_id": root, "http_method": method, "status_code": facts.REST_EMPTY_STATUS})
    ctx.resource("aws_api_gateway_integration_response", label, {
        "rest_api_id": api, "resource_id": root, "http_method": method,
        "status_code": ref("aws_api_gateway_method_response", label, "status_code"),
        "depends_on": [Expr(f"aws_api_gateway_integration.{label}")]})
    return f"aws_api_gateway_integration.{label}"


def _permission(ctx: TfCtx, r: IRResource, fn: str, source: Tmpl) -> None:
    ctx.resource("aws_lambda_permission", f"{r.name}_{fn}", {
        "statement_id": "AllowApiGateway", "action": "lambda:InvokeFunction",
        "function_name": ref("aws_lambda_function", fn, "function_name"), "principal": "apigateway.amazonaws.com",
        "source_arn": source})


@TERRAFORM.register("api_gateway", primary=("aws_apigatewayv2_api", "aws_api_gateway_rest_api"))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    logs = None
    if r.get("access_logs"):
        logs = ctx.log_group(f"{n}_access", Tmpl(f"/aws/apigateway/${{var.name_prefix}}-{n.replace('_', '-')}"),
                             float(r.get("log_retention") or 365))
    if r.get("type") == "rest":
        _rest(ctx, r, logs)
    else:
        _http(ctx, r, logs)


def _http(ctx: TfCtx, r: IRResource, logs: Expr | None) -> None:
    n = r.name
    ctx.resource("aws_apigatewayv2_api", n, {"name": ctx.name(n), "protocol_type": "HTTP", "tags": ctx.tags(r)})
    api = ref("aws_apigatewayv2_api", n, "id")
    auth = r.get("auth")
    if auth == "jwt":
        ctx.resource("aws_apigatewayv2_authorizer", n, {
            "api_id": api, "name": ctx.name(f"{n}-jwt"), "authorizer_type": "JWT",
            "identity_sources": ["$request.header.Authorization"],
            "jwt_configuration": Block({"issuer": r.get("issuer"), "audience": [r.get("audience")]})})
    for target, key in facts.route_keys(_targets(r)):
        t = ctx.by_name[target]
        label = f"{n}_{target}"
        if t.kind == "function":
            body: dict[str, Any] = {"integration_type": "AWS_PROXY", "payload_format_version": "2.0",
                                    "integration_uri": ref("aws_lambda_function", target, "invoke_arn")}
            _permission(ctx, r, target, Tmpl(f"${{aws_apigatewayv2_api.{n}.execution_arn}}/*/*"))
        else:
            body = {"integration_type": "HTTP_PROXY", "integration_method": "ANY",
                    "integration_uri": service_url(ctx, t)}
        ctx.resource("aws_apigatewayv2_integration", label, {"api_id": api, **body})
        ctx.resource("aws_apigatewayv2_route", label, {
            "api_id": api, "route_key": key,
            "target": Tmpl(f"integrations/${{aws_apigatewayv2_integration.{label}.id}}"),
            "authorization_type": {"jwt": "JWT", "iam": "AWS_IAM"}.get(auth, "NONE"),
            "authorizer_id": ref("aws_apigatewayv2_authorizer", n, "id") if auth == "jwt" else None})
    ctx.resource("aws_apigatewayv2_stage", n, {
        "api_id": api, "name": "$default", "auto_deploy": True,
        "default_route_settings": Block({"throttling_rate_limit": float(r.get("throttle")),
                                         "throttling_burst_limit": int(r.get("burst")),
                                         "detailed_metrics_enabled": True}),
        "access_log_settings": Block({"destination_arn": logs, "format": facts.ACCESS_LOG_FORMAT}) if logs else None,
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_api_endpoint", ref("aws_apigatewayv2_api", n, "api_endpoint"), f"Endpoint of API {n}")


def _rest(ctx: TfCtx, r: IRResource, logs: Expr | None) -> None:
    n = r.name
    ctx.resource("aws_api_gateway_rest_api", n, {
        "name": ctx.name(n), "endpoint_configuration": Block({"types": ["REGIONAL"]}), "tags": ctx.tags(r)})
    api = ref("aws_api_gateway_rest_api", n, "id")
    targets = _targets(r)
    single = len(targets) == 1
    auth = "AWS_IAM" if r.get("auth") == "iam" else "NONE"
    methods = []
    for target in targets:
        t = ctx.by_name[target]
        label = f"{n}_{target}"
        parent = ref("aws_api_gateway_rest_api", n, "root_resource_id")
        if not single:
            ctx.resource("aws_api_gateway_resource", label, {
                "rest_api_id": api, "parent_id": parent, "path_part": target.replace("_", "-")})
            parent = ref("aws_api_gateway_resource", label, "id")
        ctx.resource("aws_api_gateway_resource", f"{label}_proxy", {
            "rest_api_id": api, "parent_id": parent, "path_part": "{proxy+}"})
        ctx.resource("aws_api_gateway_method", label, {
            "rest_api_id": api, "resource_id": ref("aws_api_gateway_resource", f"{label}_proxy", "id"),
            "http_method": "ANY", "authorization": auth,
            "request_parameters": {"method.request.path.proxy": True}})
        body: dict[str, Any] = {
            "rest_api_id": api, "resource_id": ref("aws_api_gateway_resource", f"{label}_proxy", "id"),
            "http_method": ref("aws_api_gateway_method", label, "http_method")}
        if t.kind == "function":
            body.update({"type": "AWS_PROXY", "integration_http_method": "POST",
                         "uri": ref("aws_lambda_function", target, "invoke_arn")})
            _permission(ctx, r, target, Tmpl(f"${{aws_api_gateway_rest_api.{n}.execution_arn}}/*/*"))
        else:
            body.update({"type": "HTTP_PROXY", "integration_http_method": "ANY",
                         "uri": Tmpl(service_url(ctx, t).text + "/{proxy}"),
                         "request_parameters": {"integration.request.path.proxy": "method.request.path.proxy"}})
        ctx.resource("aws_api_gateway_integration", label, body)
        methods.append(f"aws_api_gateway_integration.{label}")
    if not targets:
        methods.append(_empty_root(ctx, n, api, auth))
    ctx.resource("aws_api_gateway_deployment", n, {
        "rest_api_id": api,
        "triggers": {"redeployment": Expr("sha1(jsonencode([" + ", ".join(f"{m}.id" for m in methods) + "]))")},
        "lifecycle": Block({"create_before_destroy": True}),
        "depends_on": [Expr(m) for m in methods]})
    ctx.resource("aws_api_gateway_stage", n, {
        "rest_api_id": api, "deployment_id": ref("aws_api_gateway_deployment", n, "id"), "stage_name": "prod",
        "xray_tracing_enabled": True,
        "access_log_settings": Block({"destination_arn": logs, "format": facts.ACCESS_LOG_FORMAT}) if logs else None,
        "tags": ctx.tags(r)})
    ctx.resource("aws_api_gateway_method_settings", n, {
        "rest_api_id": api, "stage_name": ref("aws_api_gateway_stage", n, "stage_name"), "method_path": "*/*",
        "settings": Block({"metrics_enabled": True, "logging_level": "ERROR",
                           "throttling_rate_limit": float(r.get("throttle")),
                           "throttling_burst_limit": int(r.get("burst"))})})
    if r.get("waf"):
        acl = waf(ctx, r, waf_facts.label(r.kind, n), "REGIONAL")
        ctx.resource("aws_wafv2_web_acl_association", n, {
            "resource_arn": ref("aws_api_gateway_stage", n, "arn"),
            "web_acl_arn": ref("aws_wafv2_web_acl", acl, "arn")})
    ctx.output(f"{n}_api_endpoint", ref("aws_api_gateway_stage", n, "invoke_url"), f"Endpoint of API {n}")
