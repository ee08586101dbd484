"""load_balancer -> ALB/NLB, security group, listeners, target groups, access logs, WAF.
`alb()` is shared with the service emitter (a service exposed without a load_balancer)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import names
from autodeploy.backends.aws import service as service_facts
from autodeploy.backends.aws import waf as waf_facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .emit_bucket import access_log_bucket
from .hcl import Block, Tmpl, ref
from .registry import TERRAFORM


def waf(ctx: TfCtx, r: IRResource, label: str, scope: str) -> str:
    """A WAFv2 web ACL with AWS managed rule groups, logging to CloudWatch (the facts deploy shares:
    backends/aws/waf.py)."""
    rules = []
    for prio, group in enumerate(waf_facts.MANAGED_RULE_GROUPS):
        rules.append(Block({
            "name": group, "priority": prio + 1,
            "override_action": Block({"none": Block({})}),
            "statement": Block({"managed_rule_group_statement": Block({"name": group,
                                                                       "vendor_name": waf_facts.VENDOR})}),
            "visibility_config": Block({"cloudwatch_metrics_enabled": True, "metric_name": group,
                                        "sampled_requests_enabled": True}),
        }))
    provider = "aws.us_east_1" if scope == "CLOUDFRONT" else None
    if provider:
        ctx.flags.add("us_east_1")
    ctx.resource("aws_wafv2_web_acl", label, {
        "provider": None if provider is None else ref(provider),
        "name": ctx.name(label), "scope": scope,
        "default_action": Block({"allow": Block({})}),
        "rule": rules,
        "visibility_config": Block({"cloudwatch_metrics_enabled": True, "metric_name": label,
                                    "sampled_requests_enabled": True}),
        "tags": ctx.tags(r),
    })
    ctx.resource("aws_cloudwatch_log_group", f"{label}_waf", {
        "provider": None if provider is None else ref(provider),
        "name": Tmpl(waf_facts.LOG_GROUP_PREFIX + "${var.name_prefix}-" + names.suffix(label)),
        "retention_in_days": waf_facts.LOG_RETENTION_DAYS,
        "kms_key_id": None if provider else ctx.logs_key(),
        "tags": ctx.tags(r),
    })
    ctx.resource("aws_wafv2_web_acl_logging_configuration", label, {
        "provider": None if provider is None else ref(provider),
        "resource_arn": ref("aws_wafv2_web_acl", label, "arn"),
        "log_destination_configs": [ref("aws_cloudwatch_log_group", f"{label}_waf", "arn")]})
    return label


def alb(ctx: TfCtx, r: IRResource, label: str, net: tuple[str, str], public: bool, lb_type: str,
        protocol: str, port: int, targets: list[IRResource], with_waf: bool, deletion_protection: bool,
        access_logs: bool) -> None:
    sg_id = ctx.security_group(r, net, port, label=f"{label}_lb", what="load balancer")
    sg = f"{label}_lb"
    if public:
        ctx.sg_rule("in", sg, f"{port}", f"{protocol.upper()} from the internet (public load balancer)",
                    port, cidr="0.0.0.0/0")
    else:
        ctx.sg_rule("in", sg, f"{port}", "clients inside the VPC", port, cidr=ctx.vpc_cidr(net))
    is_alb = lb_type == "application"
    ctx.resource("aws_lb", label, {
        "name": service_facts.lb_name(ctx.deployment, label),
        "internal": not public,
        "load_balancer_type": lb_type,
        "subnets": ctx.subnets(net),
        "security_groups": [sg_id],
        "drop_invalid_header_fields": True if is_alb else None,
        "enable_deletion_protection": deletion_protection,
        "access_logs": Block({"bucket": access_log_bucket(ctx), "prefix": f"lb/{label}", "enabled": True})
        if access_logs else None,
        "tags": ctx.tags(r, label),
    })
    tg_labels = []
    tls = protocol in ("https", "tls")
    proto = service_facts.protocol(lb_type, protocol)  # the listener's and the target groups' (deploy's too)
    for t in targets:
        tg = service_facts.target_group_label(label, t.name)
        tport = service_facts.target_port(t, port)
        ttype = service_facts.TARGET_TYPE[t.kind]
        body: dict[str, Any] = {
            "name": service_facts.target_group_name(ctx.deployment, label, t.name),
            "target_type": ttype,
            "port": tport if ttype != "lambda" else None,
            "protocol": proto if ttype != "lambda" else None,
            "vpc_id": ctx.vpc_id(net) if ttype != "lambda" else None,
        }
        if ttype != "lambda":
            hc = {"enabled": True, "protocol": proto if is_alb else "TCP"}
            if is_alb:
                hc["path"] = service_facts.health_path(t)
                hc["matcher"] = service_facts.HEALTH_MATCHER
            body["health_check"] = Block(hc)
        ctx.resource("aws_lb_target_group", tg, body)
        ctx.target_groups[(r.name, t.name)] = tg
        tg_labels.append(tg)
        if t.name in ctx.sgs:
            ctx.sg_rule("in", ctx.sgs[t.name].label, f"from_{sg}", f"from load balancer {label}", tport,
                        peer_sg=sg)
            ctx.sg_rule("out", sg, f"to_{t.name}", f"to target {t.name}", tport, peer_sg=ctx.sgs[t.name].label)
        if t.kind == "function":
            ctx.resource("aws_lambda_permission", tg, {
                "statement_id": service_facts.lambda_statement(label), "action": "lambda:InvokeFunction",
                "function_name": ref("aws_lambda_function", t.name, "function_name"),
                "principal": "elasticloadbalancing.amazonaws.com",
                "source_arn": ref("aws_lb_target_group", tg, "arn")})
            ctx.resource("aws_lb_target_group_attachment", tg, {
                "target_group_arn": ref("aws_lb_target_group", tg, "arn"),
                "target_id": ref("aws_lambda_function", t.name, "arn")})
        elif t.kind == "vm" and t.get("count")["min"] == t.get("count")["max"]:
            ctx.resource("aws_lb_target_group_attachment", tg, {
                "count": t.get("count")["min"],
                "target_group_arn": ref("aws_lb_target_group", tg, "arn"),
                "target_id": ref(f"aws_instance.{t.name}[count.index]", "id")})
    if not tg_labels:
        action: dict[str, Any] = {"type": "fixed-response", "fixed_response": Block({
            "content_type": "text/plain", "status_code": service_facts.NOT_FOUND})}
    elif len(tg_labels) == 1:
        action = {"type": "forward", "target_group_arn": ref("aws_lb_target_group", tg_labels[0], "arn")}
    else:
        action = {"type": "forward", "forward": Block({"target_group": [
            Block({"arn": ref("aws_lb_target_group", t, "arn"), "weight": 1}) for t in tg_labels]})}
    ctx.flags.add("certificate")
    ctx.resource("aws_lb_listener", label, {
        "load_balancer_arn": ref("aws_lb", label, "arn"),
        "port": port,
        "protocol": proto,
        "ssl_policy": service_facts.TLS_POLICY if tls else None,
        "certificate_arn": ref("var", "certificate_arn") if tls else None,
        "default_action": Block(action),
    })
    if with_waf:
        if is_alb:
            waf(ctx, r, waf_facts.label(r.kind, label), "REGIONAL")
            ctx.resource("aws_wafv2_web_acl_association", label, {
                "resource_arn": ref("aws_lb", label, "arn"),
                "web_acl_arn": ref("aws_wafv2_web_acl", label, "arn")})
        else:
            ctx.diag("ADL5003", r.span_of("waf"), kind=r.kind, name=r.name, attr="waf", value="true",
                     reason="AWS WAF cannot be attached to a network load balancer",
                     hint="use `type = application` or put a cdn with `waf = true` in front")
    ctx.output(f"{label}_dns_name", ref("aws_lb", label, "dns_name"), f"DNS name of load balancer {label}")


@TERRAFORM.register("load_balancer", primary=("aws_lb",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    net = ctx.network(r)
    if net is None:
        return
    targets = [t for t in (ctx.get(x["ref"]) for x in r.get("targets") or []) if t is not None]
    alb(ctx, r, r.name, net, bool(r.get("public")), r.get("type"), r.get("protocol"), int(r.get("port")),
        targets, bool(r.get("waf")), bool(r.get("deletion_protection")), bool(r.get("access_logs")))
