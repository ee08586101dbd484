"""cdn -> CloudFront distribution: OAC to a bucket origin (or HTTPS-only to a load balancer),
HTTPS viewer policy, TLS floor, logging, price class, WAF."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import waf as waf_facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .emit_bucket import access_log_bucket
from .emit_load_balancer import waf
from .hcl import Block, Expr, Tmpl, ref
from .registry import TERRAFORM


@TERRAFORM.register("cdn", primary=("aws_cloudfront_distribution",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    origin = ctx.get((r.get("origin") or {}).get("ref"))
    if origin is None:
        return
    oid = f"{origin.kind}-{origin.name}"
    origin_block: dict[str, Any] = {"origin_id": oid}
    if origin.kind == "bucket":
        ctx.resource("aws_cloudfront_origin_access_control", n, {
            "name": ctx.name(n), "description": f"{n} -> bucket {origin.name}",
            "origin_access_control_origin_type": "s3", "signing_behavior": "always", "signing_protocol": "sigv4"})
        origin_block["domain_name"] = ref("aws_s3_bucket", origin.name, "bucket_regional_domain_name")
        origin_block["origin_access_control_id"] = ref("aws_cloudfront_origin_access_control", n, "id")
    else:
        lb = origin.name if origin.kind == "load_balancer" else f"{origin.name}_alb"
        if origin.kind == "service" and origin.get("expose") not in ("http", "https"):
            ctx.diag("ADL5003", r.span_of("origin"), kind="cdn", name=n, attr="origin", value=origin.name,
                     reason="an internal service has no endpoint CloudFront can reach",
                     hint="set `expose = https` on the service or put a load_balancer in front")
            return
        origin_block["domain_name"] = ref("aws_lb", lb, "dns_name")
        origin_block["custom_origin_config"] = Block({
            "http_port": 80, "https_port": 443, "origin_protocol_policy": "https-only",
            "origin_ssl_protocols": ["TLSv1.2"]})
    ctx.data_source("aws_cloudfront_cache_policy", "caching_optimized", {"name": "Managed-CachingOptimized"})
    ctx.data_source("aws_cloudfront_response_headers_policy", "security_headers",
                    {"name": "Managed-SecurityHeadersPolicy"})
    if r.get("waf"):
        waf(ctx, r, waf_facts.label(r.kind, n), "CLOUDFRONT")
    ctx.flags.add("cdn_certificate")
    ctx.resource("aws_cloudfront_distribution", n, {
        "enabled": True,
        "is_ipv6_enabled": True,
        "comment": f"{ctx.deployment}: {n}",
        "default_root_object": "index.html" if origin.kind == "bucket" else None,
        "price_class": r.get("price_class"),
        "aliases": Expr("var.cdn_aliases"),
        "web_acl_id": ref("aws_wafv2_web_acl", waf_facts.label(r.kind, n), "arn") if r.get("waf") else None,
        "origin": Block(origin_block),
        "default_cache_behavior": Block({
            "target_origin_id": oid,
            "allowed_methods": ["GET", "HEAD", "OPTIONS"],
            "cached_methods": ["GET", "HEAD"],
            "viewer_protocol_policy": "redirect-to-https" if r.get("https_only") else "allow-all",
            "compress": True,
            "cache_policy_id": Expr("data.aws_cloudfront_cache_policy.caching_optimized.id"),
            "response_headers_policy_id": Expr("data.aws_cloudfront_response_headers_policy.security_headers.id"),
        }),
        "logging_config": Block({
            "bucket": Tmpl("${aws_s3_bucket.autodeploy_access_logs.bucket_domain_name}"),
            "prefix": f"cloudfront/{n}/", "include_cookies": False}) if r.get("logging") else None,
        "restrictions": Block({"geo_restriction": Block({"restriction_type": "none"})}),
        "viewer_certificate": Block({
            "acm_certificate_arn": Expr("var.cdn_certificate_arn"),
            "ssl_support_method": "sni-only",
            "minimum_protocol_version": r.get("min_tls")}),
        "tags": ctx.tags(r),
    })
    if r.get("logging"):
        access_log_bucket(ctx)
    if origin.kind == "bucket":
        barn = ref("aws_s3_bucket", origin.name, "arn").text
        doc = ctx.policy_document(f"{origin.name}_cdn", [
            {"sid": "CloudFrontRead", "actions": ["s3:GetObject"], "resources": [Tmpl(f"${{{barn}}}/*")],
             "principals": [("Service", ["cloudfront.amazonaws.com"])],
             "conditions": [("StringEquals", "AWS:SourceArn", [ref("aws_cloudfront_distribution", n, "arn")])]},
            {"sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:*"],
             "resources": [Expr(barn), Tmpl(f"${{{barn}}}/*")], "principals": [("*", ["*"])],
             "conditions": [("Bool", "aws:SecureTransport", ["false"])]},
        ])
        ctx.resource("aws_s3_bucket_policy", f"{origin.name}_cdn", {
            "bucket": ref("aws_s3_bucket", origin.name, "id"), "policy": doc})
    ctx.output(f"{n}_domain_name", ref("aws_cloudfront_distribution", n, "domain_name"), f"domain of cdn {n}")
