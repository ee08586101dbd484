"""The global external Application Load Balancer front end shared by load_balancer and cdn: an
anycast address, a URL map to a default backend, a Google-managed certificate with a TLS 1.2+ SSL
policy (or plain HTTP when asked), the target proxy and the forwarding rule."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.terraform.hcl import Block, Expr, ref

from .context import GcpCtx


def serverless_backend(ctx: GcpCtx, label: str, target_kind: str, target: str, logs: bool,
                       armor: Expr | None) -> Expr:
    """A serverless NEG for a Cloud Run service (or a 2nd gen function, which is one) and its backend."""
    service = ref("google_cloud_run_v2_service", target, "name") if target_kind == "service" \
        else ref("google_cloudfunctions2_function", target, "name")
    ctx.resource("google_compute_region_network_endpoint_group", label, {
        "name": ctx.name(label),
        "region": Expr("var.region"),
        "network_endpoint_type": "SERVERLESS",
        "cloud_run": Block({"service": service}),
    })
    return backend_service(ctx, label, ref("google_compute_region_network_endpoint_group", label, "id"), logs,
                           armor, serverless=True)


def backend_service(ctx: GcpCtx, label: str, group: Expr, logs: bool, armor: Expr | None,
                    serverless: bool, health: Expr | None = None) -> Expr:
    ctx.resource("google_compute_backend_service", label, {
        "name": ctx.name(label),
        "load_balancing_scheme": "EXTERNAL_MANAGED",
        "protocol": "HTTPS" if serverless else "HTTP",
        "backend": Block({"group": group}),
        "health_checks": [health] if health is not None else None,
        "security_policy": armor,
        "log_config": Block({"enable": True, "sample_rate": 1.0}) if logs else None,
    })
    return ref("google_compute_backend_service", label, "id")


def armor_policy(ctx: GcpCtx, label: str) -> Expr:
    """Cloud Armor with Google's preconfigured OWASP rules (SQLi, XSS, LFI, RCE, Log4j) in front of the app."""
    rules: list[Any] = []
    for i, expr in enumerate(("sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rce-v33-stable",
                              "cve-canary")):
        rules.append(Block({"action": "deny(403)", "priority": 1000 + i, "match": Block({
            "expr": Block({"expression": f"evaluatePreconfiguredWaf('{expr}')"})})}))
    rules.append(Block({"action": "allow", "priority": 2147483647, "match": Block({
        "versioned_expr": "SRC_IPS_V1", "config": Block({"src_ip_ranges": ["*"]})}), "description": "default"}))
    ctx.resource("google_compute_security_policy", label, {"name": ctx.name(label), "rule": rules})
    return ref("google_compute_security_policy", label, "id")


def frontend(ctx: GcpCtx, label: str, default: Expr, https: bool, port: int) -> None:
    ctx.resource("google_compute_global_address", label, {"name": ctx.name(label)})
    ctx.resource("google_compute_url_map", label, {"name": ctx.name(label), "default_service": default})
    if https:
        ctx.flags.add("lb_domains")
        ctx.resource("google_compute_managed_ssl_certificate", label, {
            "name": ctx.name(label), "managed": Block({"domains": Expr("var.lb_domains")})})
        ctx.resource("google_compute_ssl_policy", label, {
            "name": ctx.name(label), "profile": "MODERN", "min_tls_version": "TLS_1_2"})
        ctx.resource("google_compute_target_https_proxy", label, {
            "name": ctx.name(label),
            "url_map": ref("google_compute_url_map", label, "id"),
            "ssl_certificates": [ref("google_compute_managed_ssl_certificate", label, "id")],
            "ssl_policy": ref("google_compute_ssl_policy", label, "id"),
        })
        proxy = ref("google_compute_target_https_proxy", label, "id")
    else:
        ctx.resource("google_compute_target_http_proxy", label, {
            "name": ctx.name(label), "url_map": ref("google_compute_url_map", label, "id")})
        proxy = ref("google_compute_target_http_proxy", label, "id")
    ctx.resource("google_compute_global_forwarding_rule", label, {
        "name": ctx.name(label),
        "load_balancing_scheme": "EXTERNAL_MANAGED",
        "ip_address": ref("google_compute_global_address", label, "address"),
        "port_range": str(port),
        "target": proxy,
    })
    ctx.output(f"{label}_address", ref("google_compute_global_address", label, "address"),
               f"public address of {label}")
