"""load_balancer -> ELBv2 (ALB/NLB) + security group + one target group per target + listener (ACM
cert for https/tls), and with `waf` a WAFv2 web ACL associated with the ALB (waf.py, as main.tf).
`build_alb` is shared with `service` when a service is exposed without a load_balancer in front.

The target groups, their names, ports, protocols and health checks and the listener's action are
main.tf's (backends/aws/service.py holds them for both). A service may sit behind several load
balancers: each one adds its target group to the ECS service's list and removes only its own."""

from __future__ import annotations

import threading
from typing import Any

from autodeploy.backends.aws import access_logs as log_facts
from autodeploy.backends.aws import service as lb_facts
from autodeploy.compiler.ir import IRResource

from . import access_logs, waf
from .cloud import ignore_missing, is_not_found
from .diagnostics import DeployError, ddiag
from .providers import Ctx, Provider, provider

# load balancers of one wave attach to the same ECS service in parallel: its list is read, changed
# and written back under this lock so that no attachment overwrites another's
_SERVICE_LBS = threading.Lock()


def build_alb(ctx: Ctx, phys: dict[str, Any], *, label: str, targets: list[IRResource], public: bool,
              protocol: str, port: int, lb_type: str = "application", network_attr: str = "network",
              deletion_protection: bool = False) -> None:
    """The load balancer main.tf labels `label` under main.tf's name, with one target group per
    target (`phys["target_groups"]`: target name -> ARN) named as main.tf names it, and its listener."""
    elb, ec2 = ctx.c("elbv2"), ctx.c("ec2")
    vpc, subnets = ctx.subnets(network_attr, "public" if public else "private")
    sg = ec2.create_security_group(GroupName=ctx.pname("lb"), Description="autodeploy load balancer", VpcId=vpc,
                                   TagSpecifications=ctx.tag_spec("security-group"))["GroupId"]
    phys["lb_security_group"] = sg
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": port, "ToPort": port,
        "IpRanges": [{"CidrIp": "0.0.0.0/0" if public else "10.0.0.0/8"}]}])
    lb_name = ctx.named(lb_facts.lb_name(ctx.deployment, label), ctx.pname(limit=32))
    kwargs: dict[str, Any] = dict(Name=lb_name, Subnets=subnets, Scheme="internet-facing" if public
                                  else "internal", Type=lb_type, Tags=ctx.tag_list())
    if lb_type == "application":
        kwargs["SecurityGroups"] = [sg]
    lb = elb.create_load_balancer(**kwargs)["LoadBalancers"][0]
    phys["lb_arn"], phys["lb_dns"] = lb["LoadBalancerArn"], lb["DNSName"]
    attrs = [{"Key": "deletion_protection.enabled", "Value": str(deletion_protection).lower()}]
    if lb_type == "application":
        attrs.append({"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"})
    elb.modify_load_balancer_attributes(LoadBalancerArn=phys["lb_arn"], Attributes=attrs)
    proto = lb_facts.protocol(lb_type, protocol)
    for i, t in enumerate(targets):
        legacy = ctx.pname("tg" if i == 0 else f"tg{i}", limit=32)  # scheme 1 named one target group
        tg = _target_group(ctx, ctx.named(lb_facts.target_group_name(ctx.deployment, label, t.name), legacy),
                           t, lb_type, proto, port, vpc)
        phys.setdefault("target_groups", {})[t.name] = tg  # as it goes: a failure deletes what exists
    listener: dict[str, Any] = dict(LoadBalancerArn=phys["lb_arn"], Protocol=proto, Port=port,
                                    DefaultActions=[_action([phys["target_groups"][t.name] for t in targets])])
    if protocol in ("https", "tls"):
        acm = ctx.c("acm")
        cert = acm.request_certificate(DomainName=f"{ctx.name}.{ctx.deployment}.example.com".replace("_", "-"),
                                       ValidationMethod="DNS", Tags=ctx.tag_list())["CertificateArn"]
        phys["certificate_arn"] = cert
        listener["Certificates"] = [{"CertificateArn": cert}]
        listener["SslPolicy"] = lb_facts.TLS_POLICY
    phys["listener_arn"] = elb.create_listener(**listener)["Listeners"][0]["ListenerArn"]


def _target_group(ctx: Ctx, name: str, t: IRResource, lb_type: str, proto: str, port: int,
                  vpc: str | None) -> str:
    """main.tf's aws_lb_target_group of target `t`: its type, port, protocol and health check."""
    ttype = lb_facts.TARGET_TYPE[t.kind]
    kwargs: dict[str, Any] = dict(Name=name, TargetType=ttype, Tags=ctx.tag_list())
    if ttype != "lambda":  # a Lambda target group has no port, protocol, VPC nor health check settings
        kwargs.update(Protocol=proto, Port=lb_facts.target_port(t, port), VpcId=vpc, HealthCheckEnabled=True,
                      HealthCheckProtocol=proto if lb_type == "application" else "TCP")
        if lb_type == "application":
            kwargs.update(HealthCheckPath=lb_facts.health_path(t), Matcher={"HttpCode": lb_facts.HEALTH_MATCHER})
    return str(ctx.c("elbv2").create_target_group(**kwargs)["TargetGroups"][0]["TargetGroupArn"])


def _action(arns: list[str]) -> dict[str, Any]:
    """main.tf's listener default action: forward to the one target group, spread evenly over
    several, or answer 404 when there is no target."""
    if not arns:
        return {"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": lb_facts.NOT_FOUND,
                                                                  "ContentType": "text/plain"}}
    if len(arns) == 1:
        return {"Type": "forward", "TargetGroupArn": arns[0]}
    return {"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": a, "Weight": 1}
                                                                  for a in arns]}}


def target_group_arns(phys: dict[str, Any]) -> list[str]:
    """Every target group the record names: one per target, or scheme 1's single one."""
    arns = list((phys.get("target_groups") or {}).values())
    if phys.get("target_group_arn"):
        arns.append(phys["target_group_arn"])
    return arns


def delete_alb(ctx: Ctx, phys: dict[str, Any]) -> None:
    elb = ctx.c("elbv2")
    if phys.get("listener_arn"):
        ignore_missing(elb.delete_listener, ListenerArn=phys["listener_arn"])
    if phys.get("lb_arn"):
        try:
            elb.modify_load_balancer_attributes(LoadBalancerArn=phys["lb_arn"], Attributes=[
                {"Key": "deletion_protection.enabled", "Value": "false"}])
        except Exception as exc:  # noqa: BLE001
            if not is_not_found(exc):
                raise
        ignore_missing(elb.delete_load_balancer, LoadBalancerArn=phys["lb_arn"])
    for arn in target_group_arns(phys):
        ignore_missing(elb.delete_target_group, TargetGroupArn=arn)
    if phys.get("certificate_arn"):
        ignore_missing(ctx.c("acm").delete_certificate, CertificateArn=phys["certificate_arn"])
    if phys.get("lb_security_group"):
        ignore_missing(ctx.c("ec2").delete_security_group, GroupId=phys["lb_security_group"])


def read_alb(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        lbs = ctx.c("elbv2").describe_load_balancers(LoadBalancerArns=[phys["lb_arn"]])["LoadBalancers"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if not lbs:
        return None
    return {"public": lbs[0]["Scheme"] == "internet-facing", "type": lbs[0]["Type"]}


def _targets(ctx: Ctx) -> list[IRResource]:
    """The targets, in file order (main.tf's target groups)."""
    return [t for x in ctx.resource.attrs["targets"] if (t := ctx.targets.get(x["ref"])) is not None]


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    targets = _targets(ctx)
    build_alb(ctx, phys, label=ctx.name, targets=targets, public=a["public"], protocol=a["protocol"],
              port=a["port"], lb_type=a["type"], deletion_protection=a["deletion_protection"])
    if (logs := log_facts.prefix(ctx.resource, ctx.targets.values())) is not None:
        access_logs.log_alb_to(ctx, phys, logs)  # as main.tf's `access_logs` block
    if a["waf"] and a["type"] == "application":
        waf.create(ctx, phys, "REGIONAL", phys["lb_arn"])
    elif a["waf"]:  # main.tf refuses it too (ADL5003)
        ctx.warn_feature("waf", "AWS WAF cannot be attached to a network load balancer",
                         "use `type = application` or put a cdn with `waf = true` in front")
    for t in targets:  # each built first (the load_balancer depends on it)
        tg = phys["target_groups"][t.name]
        if t.kind == "service":  # deploy builds it without an ALB of its own (a load_balancer targets it)
            attach_service(ctx, phys, t.name, tg, int(t.attrs["port"]), phys["lb_security_group"])
        elif t.kind == "vm":  # main.tf: the group's target_group_arns / attachments of its instances
            asg = _recorded(ctx, t.name, t.kind, "asg", "Auto Scaling group")
            ctx.c("autoscaling").attach_load_balancer_target_groups(AutoScalingGroupName=asg,
                                                                    TargetGroupARNs=[tg])
            phys.setdefault("asg_target_groups", {})[asg] = tg
        elif t.kind == "function":  # main.tf: aws_lambda_permission + aws_lb_target_group_attachment
            fn = _recorded(ctx, t.name, t.kind, "function_arn", "Lambda function")
            phys["lambda_statement"] = lb_facts.lambda_statement(ctx.name)  # main.tf's, one per load balancer
            ctx.c("lambda").add_permission(FunctionName=fn, StatementId=phys["lambda_statement"],
                                           Action="lambda:InvokeFunction",
                                           Principal="elasticloadbalancing.amazonaws.com", SourceArn=tg)
            phys.setdefault("lambda_permissions", []).append(fn)
            ctx.c("elbv2").register_targets(TargetGroupArn=tg, Targets=[{"Id": fn}])


def _recorded(ctx: Ctx, target: str, kind: str, key: str, what: str) -> str:
    """The target's physical id from the state. A target deploy has no record of cannot be put behind
    the load balancer, and leaving it out silently would deploy something main.tf does not say:
    fail closed (ADL5962; the run rolls back)."""
    value = ctx.refs.get(target, {}).get(key)
    if not value:
        span = ctx.resource.span_of("targets") if ctx.resource.kind == "load_balancer" else ctx.resource.span
        raise DeployError(ddiag("ADL5962", span, name=ctx.name, target=target, kind=kind, what=what))
    return str(value)


def attach_service(ctx: Ctx, phys: dict[str, Any], name: str, tg: str, port: int, lb_sg: str) -> None:
    """Put service `name` behind target group `tg`, as main.tf's `load_balancer` block of the ECS
    service and its security group rule from the load balancer (`lb_sg`) do, keeping the target
    groups of the other load balancers in front of it (ECS takes several)."""
    cluster, svc, svc_sg = (_recorded(ctx, name, "service", key, what) for key, what in (
        ("cluster", "ECS cluster"), ("service", "ECS service"), ("security_group", "security group")))
    perm = [{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "UserIdGroupPairs": [{"GroupId": lb_sg}]}]
    ctx.c("ec2").authorize_security_group_ingress(GroupId=svc_sg, IpPermissions=perm)
    phys.setdefault("service_ingress", []).append(f"{svc_sg}:{port}")
    set_service_lbs(ctx, cluster, svc, container_of(ctx.refs.get(name, {})), add={tg: port})
    phys.setdefault("attached_services", []).append(f"{cluster}/{svc}")


def container_of(service_phys: dict[str, Any]) -> str:
    """The container a deployed service's task definition names: main.tf's name since deploy took
    it (recorded as `container`), `app` in a service recorded before (kept for life)."""
    return str(service_phys.get("container") or lb_facts.LEGACY_CONTAINER)


def set_service_lbs(ctx: Ctx, cluster: str, service: str, container: str, *,
                    add: dict[str, int] | None = None, remove: list[str] | None = None) -> None:
    """Add target groups (ARN -> port of `container`) to the ECS service's load balancers and
    remove others, keeping the rest: `update_service` replaces the whole list."""
    ecs = ctx.c("ecs")
    with _SERVICE_LBS:
        live = [s for s in ecs.describe_services(cluster=cluster, services=[service])["services"]
                if s.get("status") == "ACTIVE"]
        if not live and not add:
            return  # detaching from a service already gone
        drop = set(remove or ()) | set(add or {})
        kept = [{"targetGroupArn": b["targetGroupArn"], "containerName": b.get("containerName", container),
                 "containerPort": b["containerPort"]} for s in live for b in s.get("loadBalancers", [])
                if b.get("targetGroupArn") not in drop]
        new = kept + [{"targetGroupArn": a, "containerName": container, "containerPort": p}
                      for a, p in (add or {}).items()]
        ecs.update_service(cluster=cluster, service=service,
                           loadBalancers=sorted(new, key=lambda b: b["targetGroupArn"]))


def _detach_services(ctx: Ctx, phys: dict[str, Any]) -> None:
    mine = target_group_arns(phys)
    for attached in phys.get("attached_services", []):
        cluster, svc = attached.split("/", 1)
        try:
            set_service_lbs(ctx, cluster, svc, container_of({}), remove=mine)  # removes only: no name used
        except Exception as exc:  # noqa: BLE001
            if not is_not_found(exc):
                raise
    for rule in phys.get("service_ingress", []):
        sg, port = rule.rsplit(":", 1)
        ignore_missing(ctx.c("ec2").revoke_security_group_ingress, GroupId=sg, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": int(port), "ToPort": int(port),
            "UserIdGroupPairs": [{"GroupId": phys["lb_security_group"]}]}])


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    waf.delete(ctx, phys)  # an ACL still associated cannot be deleted: before the load balancer
    attachments = dict(phys.get("asg_target_groups") or {})
    # scheme 1 recorded the groups attached to its single target group
    attachments.update({asg: phys["target_group_arn"] for asg in phys.get("attached_asgs", [])
                        if phys.get("target_group_arn")})
    for asg, tg in sorted(attachments.items()):
        ignore_missing(ctx.c("autoscaling").detach_load_balancer_target_groups, AutoScalingGroupName=asg,
                       TargetGroupARNs=[tg])
    for fn in phys.get("lambda_permissions", []):
        ignore_missing(ctx.c("lambda").remove_permission, FunctionName=fn,
                       StatementId=phys.get("lambda_statement") or lb_facts.LEGACY_LAMBDA_STATEMENT)
    _detach_services(ctx, phys)
    delete_alb(ctx, phys)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    got = read_alb(ctx, phys)
    if got is None:
        return None
    return {**got, "waf": waf.exists(ctx, phys)}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"public": a["public"], "type": a["type"], "waf": bool(a["waf"]) and a["type"] == "application"}


def dimensions(phys: dict[str, Any]) -> dict[str, str]:
    """The CloudWatch dimension values of the deployed load balancer (a monitor's alarms on it)."""
    return {"LoadBalancer": str(phys.get("lb_arn", "")).split(":loadbalancer/", 1)[-1]}


provider(Provider("load_balancer", create, delete, read, expected, dimensions=dimensions))
