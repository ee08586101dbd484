"""load_balancer -> ELBv2 (ALB/NLB) + security group + target group + listener (ACM cert for https/tls),
and with `waf` a WAFv2 web ACL associated with the ALB (waf.py, as main.tf).
`build_alb` is shared with `service` when a service is exposed."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import access_logs as log_facts
from autodeploy.backends.aws import service as lb_facts

from . import access_logs, waf
from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, provider


def build_alb(ctx: Ctx, phys: dict[str, Any], *, label: str, target: str | None, public: bool, protocol: str,
              port: int, target_port: int, target_type: str, lb_type: str = "application",
              network_attr: str = "network", deletion_protection: bool = False) -> None:
    """The load balancer main.tf labels `label` under main.tf's name; its target group is named as
    main.tf names the one of `target` (the first target, or none)."""
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
    tg_proto = {"https": "HTTP", "http": "HTTP", "tls": "TCP", "tcp": "TCP"}[protocol]
    tg_name = ctx.pname("tg", limit=32)
    if target is not None:
        tg_name = ctx.named(lb_facts.target_group_name(ctx.deployment, label, target), tg_name)
    tg = elb.create_target_group(Name=tg_name, Protocol=tg_proto, Port=target_port, VpcId=vpc,
                                 TargetType=target_type, Tags=ctx.tag_list())["TargetGroups"][0]
    phys["target_group_arn"] = tg["TargetGroupArn"]
    listener: dict[str, Any] = dict(LoadBalancerArn=phys["lb_arn"], Protocol=protocol.upper(), Port=port,
                                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    if protocol in ("https", "tls"):
        acm = ctx.c("acm")
        cert = acm.request_certificate(DomainName=f"{ctx.name}.{ctx.deployment}.example.com".replace("_", "-"),
                                       ValidationMethod="DNS", Tags=ctx.tag_list())["CertificateArn"]
        phys["certificate_arn"] = cert
        listener["Certificates"] = [{"CertificateArn": cert}]
        listener["SslPolicy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06"
    phys["listener_arn"] = elb.create_listener(**listener)["Listeners"][0]["ListenerArn"]


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
    if phys.get("target_group_arn"):
        ignore_missing(elb.delete_target_group, TargetGroupArn=phys["target_group_arn"])
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


def _services(ctx: Ctx) -> list[Any]:
    """The services among the targets, in file order."""
    return [t for x in ctx.resource.attrs["targets"] if (t := ctx.targets.get(x["ref"])) is not None
            and t.kind == "service"]


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    services = _services(ctx)
    first = a["targets"][0]["ref"] if a["targets"] else None
    # a service's port, as main.tf's target group of a service target (target_port there)
    port = int(services[0].attrs["port"]) if services else 8080
    build_alb(ctx, phys, label=ctx.name, target=first, public=a["public"], protocol=a["protocol"], port=a["port"],
              target_port=port, target_type="ip", lb_type=a["type"], deletion_protection=a["deletion_protection"])
    if (logs := log_facts.prefix(ctx.resource, ctx.targets.values())) is not None:
        access_logs.log_alb_to(ctx, phys, logs)  # as main.tf's `access_logs` block
    if a["waf"] and a["type"] == "application":
        waf.create(ctx, phys, "REGIONAL", phys["lb_arn"])
    elif a["waf"]:  # main.tf refuses it too (ADL5003)
        ctx.warn_feature("waf", "AWS WAF cannot be attached to a network load balancer",
                         "use `type = application` or put a cdn with `waf = true` in front")
    for t in a["targets"]:
        tphys = ctx.refs.get(t["ref"], {})
        if tphys.get("asg"):
            ctx.c("autoscaling").attach_load_balancer_target_groups(
                AutoScalingGroupName=tphys["asg"], TargetGroupARNs=[phys["target_group_arn"]])
            phys.setdefault("attached_asgs", []).append(tphys["asg"])
    for svc in services:  # built first (the load_balancer depends on it), without an ALB of its own
        _attach_service(ctx, phys, svc.name, int(svc.attrs["port"]))


def _attach_service(ctx: Ctx, phys: dict[str, Any], name: str, port: int) -> None:
    """Put the service behind this load balancer, as main.tf's `load_balancer` block of the ECS service
    and its security group rule from the load balancer do."""
    tphys = ctx.refs.get(name, {})
    if not tphys.get("service"):
        return
    perm = [{"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
             "UserIdGroupPairs": [{"GroupId": phys["lb_security_group"]}]}]
    ctx.c("ec2").authorize_security_group_ingress(GroupId=tphys["security_group"], IpPermissions=perm)
    phys.setdefault("service_ingress", []).append(f"{tphys['security_group']}:{port}")
    ctx.c("ecs").update_service(cluster=tphys["cluster"], service=tphys["service"], loadBalancers=[{
        "targetGroupArn": phys["target_group_arn"], "containerName": "app", "containerPort": port}])
    phys.setdefault("attached_services", []).append(f"{tphys['cluster']}/{tphys['service']}")


def _detach_services(ctx: Ctx, phys: dict[str, Any]) -> None:
    for attached in phys.get("attached_services", []):
        cluster, svc = attached.split("/", 1)
        try:
            ctx.c("ecs").update_service(cluster=cluster, service=svc, loadBalancers=[])
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
    for asg in phys.get("attached_asgs", []):
        ignore_missing(ctx.c("autoscaling").detach_load_balancer_target_groups, AutoScalingGroupName=asg,
                       TargetGroupARNs=[phys["target_group_arn"]])
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
