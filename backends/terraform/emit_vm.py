"""vm -> EC2: a fixed count of aws_instance, or a launch template + autoscaling group for a
range; encrypted root volume, IMDSv2 only, its own security group and instance role."""

from __future__ import annotations

import re
from typing import Any

from autodeploy.backends.aws import vm as vm_facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Expr, Tmpl, ref
from .registry import TERRAFORM

_GRAVITON = re.compile(r"^[a-z]+\d+[a-z]*g[a-z]*\.")


def arch(instance: str) -> str:
    return "arm64" if _GRAVITON.match(instance) else "x86_64"


def _ami(ctx: TfCtx, r: IRResource) -> Expr | str:
    image = str(r.get("image"))
    if image.startswith("ami-"):
        return image
    a = arch(str(r.get("instance")))
    if image != "al2023":
        ctx.diag("ADL5003", r.span_of("image"), kind="vm", name=r.name, attr="image", value=image,
                 reason="only `al2023` or an `ami-...` id can be resolved; al2023 is used",
                 hint="write an AMI id such as \"ami-0123456789abcdef0\"")
    label = f"al2023_{a}"
    ctx.data_source("aws_ssm_parameter", label, {
        "name": f"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{a}"})
    return Expr(f"data.aws_ssm_parameter.{label}.value")


def _disk_setting(ctx: TfCtx, r: IRResource, attr: str, types: tuple[str, ...]) -> int | None:
    value = r.get(attr)
    if value is None:
        return None
    if r.get("disk_type") not in types:
        ctx.diag("ADL5003", r.span_of(attr), kind="vm", name=r.name, attr=attr, value=str(value),
                 reason=f"{r.get('disk_type')} volumes take no `{attr}`; it is left out",
                 hint=f"use disk_type {' or '.join(types)}, or remove `{attr}`")
        return None
    return int(value)


@TERRAFORM.register("vm", primary=("aws_instance", "aws_autoscaling_group"))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    if net is None:
        return
    sg = ctx.security_group(r, net, None)
    for attr, port in (("ssh_from", 22), ("rdp_from", 3389)):
        if r.get(attr):
            ctx.sg_rule("in", n, attr.split("_")[0], f"{attr.split('_')[0].upper()} from {r.get(attr)} (as written)",
                        port, cidr=r.get(attr))
    ctx.sg_rule("out", n, "https", "HTTPS to AWS APIs and package mirrors", 443, cidr="0.0.0.0/0")
    role = f"{n}_instance"
    ctx.role(role, "ec2.amazonaws.com", ("AmazonSSMManagedInstanceCore",))
    ctx.roles[n] = role
    ctx.resource("aws_iam_instance_profile", n, {"name": ctx.name(n), "role": ref("aws_iam_role", role, "name")})
    enc = ctx.encrypted(r)
    ebs: dict[str, Any] = {"volume_size": int(r.get("disk")), "volume_type": r.get("disk_type"),
                           "iops": _disk_setting(ctx, r, "disk_iops", vm_facts.IOPS_TYPES),
                           "throughput": _disk_setting(ctx, r, "disk_throughput", vm_facts.THROUGHPUT_TYPES),
                           "encrypted": enc, "kms_key_id": ctx.key_arn(r) if enc else None}
    credits = Block({"cpu_credits": r.get("cpu_credits")}) if r.get("cpu_credits") else None
    metadata = Block({"http_endpoint": "enabled", "http_tokens": "required", "http_put_response_hop_limit": 1})
    count = r.get("count")
    public = bool(r.get("public"))
    ami = _ami(ctx, r)
    if count["min"] == count["max"]:
        ctx.resource("aws_instance", n, {
            "count": count["min"] if count["min"] != 1 else None,
            "ami": ami,
            "instance_type": r.get("instance"),
            "subnet_id": Expr(f"element(aws_subnet.{net[0]}_{net[1]}[*].id, count.index)") if count["min"] != 1
            else Expr(f"aws_subnet.{net[0]}_{net[1]}[0].id"),
            "vpc_security_group_ids": [sg],
            "iam_instance_profile": ref("aws_iam_instance_profile", n, "name"),
            "associate_public_ip_address": public,
            "monitoring": bool(r.get("monitoring")),
            "ebs_optimized": True,
            "credit_specification": credits,
            "metadata_options": metadata,
            "root_block_device": Block(ebs),
            "tags": ctx.tags(r),
        })
        return
    ebs["delete_on_termination"] = True
    ctx.resource("aws_launch_template", n, {
        "name": ctx.name(n),
        "image_id": ami,
        "instance_type": r.get("instance"),
        "ebs_optimized": True,
        "credit_specification": credits,
        "vpc_security_group_ids": None if public else [sg],
        "iam_instance_profile": Block({"arn": ref("aws_iam_instance_profile", n, "arn")}),
        "monitoring": Block({"enabled": bool(r.get("monitoring"))}),
        "metadata_options": metadata,
        "network_interfaces": Block({"associate_public_ip_address": True, "security_groups": [sg]}) if public else None,
        "block_device_mappings": Block({"device_name": "/dev/xvda", "ebs": Block(ebs)}),
        "tag_specifications": Block({"resource_type": "instance", "tags": ctx.tags(r)}),
    })
    tgs = [f"{lb}_{n}" for lb in ctx.lbs_of.get(n, [])]
    ctx.resource("aws_autoscaling_group", n, {
        "name": ctx.name(n),
        "min_size": count["min"],
        "max_size": count["max"],
        "desired_capacity": count["min"],
        "vpc_zone_identifier": ctx.subnets(net),
        "health_check_type": "ELB" if tgs else "EC2",
        "target_group_arns": [ref("aws_lb_target_group", t, "arn") for t in tgs] or None,
        "launch_template": Block({"id": ref("aws_launch_template", n, "id"), "version": "$Latest"}),
        "tag": Block({"key": "Name", "value": n, "propagate_at_launch": True}),
    })
    ctx.resource("aws_autoscaling_policy", n, {
        "name": ctx.name(f"{n}-cpu"),
        "autoscaling_group_name": ref("aws_autoscaling_group", n, "name"),
        "policy_type": "TargetTrackingScaling",
        "target_tracking_configuration": Block({
            "target_value": 60,
            "predefined_metric_specification": Block({"predefined_metric_type": "ASGAverageCPUUtilization"})}),
    })
    _ = Tmpl
