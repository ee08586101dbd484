"""vm -> security group + EC2 launch template (encrypted EBS, IMDSv2) + autoscaling group."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import vm as vm_facts

from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, provider


def _image(ctx: Ctx) -> str:
    img = ctx.resource.attrs["image"]
    if img.startswith("ami-"):
        return img
    # Resolve a friendly name to the newest Amazon-owned image; moto ships a catalogue of them.
    images = ctx.c("ec2").describe_images(Owners=["amazon"], Filters=[
        {"Name": "architecture", "Values": ["x86_64"]}])["Images"]
    if not images:
        raise RuntimeError(f"no Amazon image found for `{img}`")
    return sorted(images, key=lambda i: (i.get("CreationDate", ""), i["ImageId"]))[-1]["ImageId"]


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    ec2 = ctx.c("ec2")
    vpc, subnets = ctx.subnets("network", "public" if a["public"] else "private")
    sg = ec2.create_security_group(GroupName=ctx.pname("vm"), Description="autodeploy vm", VpcId=vpc,
                                   TagSpecifications=ctx.tag_spec("security-group"))["GroupId"]
    phys["security_group"] = sg
    rules = [(22, a.get("ssh_from")), (3389, a.get("rdp_from"))]
    perms = [{"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": c}]} for p, c in rules if c]
    if perms:
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=perms)
    ebs: dict[str, Any] = {"VolumeSize": int(a["disk"]), "VolumeType": a["disk_type"], "DeleteOnTermination": True,
                           "Encrypted": a["encryption"] is not False, **vm_facts.disk_performance(a)}
    if ctx.kms_key():
        ebs["KmsKeyId"] = ctx.kms_key()
    lt = ec2.create_launch_template(
        LaunchTemplateName=ctx.pname(lower=False, limit=128),
        LaunchTemplateData={"ImageId": _image(ctx), "InstanceType": a["instance"], "SecurityGroupIds": [sg],
                            "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": ebs}],
                            "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
                            "Monitoring": {"Enabled": a["monitoring"]},
                            "TagSpecifications": ctx.tag_spec("instance")},
        TagSpecifications=ctx.tag_spec("launch-template"))["LaunchTemplate"]
    phys["launch_template"] = lt["LaunchTemplateId"]
    name = ctx.pname(lower=False, limit=255)
    ctx.c("autoscaling").create_auto_scaling_group(
        AutoScalingGroupName=name, MinSize=a["count"]["min"], MaxSize=a["count"]["max"],
        DesiredCapacity=a["count"]["min"], VPCZoneIdentifier=",".join(subnets),
        LaunchTemplate={"LaunchTemplateId": lt["LaunchTemplateId"], "Version": "$Latest"},
        Tags=[{"Key": k, "Value": v, "PropagateAtLaunch": True} for k, v in sorted(ctx.tags.items())])
    phys["asg"] = name


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if phys.get("asg"):
        ignore_missing(ctx.c("autoscaling").delete_auto_scaling_group, AutoScalingGroupName=phys["asg"],
                       ForceDelete=True)
    ec2 = ctx.c("ec2")
    if phys.get("launch_template"):
        ignore_missing(ec2.delete_launch_template, LaunchTemplateId=phys["launch_template"])
    if phys.get("security_group"):
        ignore_missing(ec2.delete_security_group, GroupId=phys["security_group"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        g = ctx.c("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[phys["asg"]])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if not g["AutoScalingGroups"]:
        return None
    grp = g["AutoScalingGroups"][0]
    return {"min": grp["MinSize"], "max": grp["MaxSize"]}


def expected(r: Any) -> dict[str, Any]:
    return {"min": r.attrs["count"]["min"], "max": r.attrs["count"]["max"]}


def update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    c = ctx.resource.attrs["count"]
    ctx.c("autoscaling").update_auto_scaling_group(AutoScalingGroupName=phys["asg"], MinSize=c["min"],
                                                   MaxSize=c["max"], DesiredCapacity=c["min"])


provider(Provider("vm", create, delete, read, expected, update, frozenset({"count", "load", "tags", "data"})))
