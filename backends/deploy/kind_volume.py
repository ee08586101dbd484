"""volume -> `count` encrypted EBS volumes per instance of the vm they attach to (the instances of its
autoscaling group, in their zones, on /dev/sdf, /dev/sdg ...), or standalone in the first zone."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import app_services as facts

from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, provider


def _instances(ctx: Ctx) -> list[tuple[str, str]]:
    """(instance id, zone) of the vm's instances, in id order; none for a standalone volume."""
    vm, _ = ctx.ref("vm")
    if not vm or not vm.get("asg"):
        return []
    groups = ctx.c("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[vm["asg"]])
    found = [(i["InstanceId"], i["AvailabilityZone"]) for g in groups["AutoScalingGroups"] for i in g["Instances"]]
    return sorted(found)


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    ec2 = ctx.c("ec2")
    per = int(a["count"])
    targets: list[tuple[str | None, str]] = list(_instances(ctx))
    if not targets:
        if ctx.resource.get("vm"):
            ctx.warn_feature("vm", "the vm has no running instance to attach to", "re-run apply once it has")
        zone = ec2.describe_availability_zones()["AvailabilityZones"][0]["ZoneName"]
        targets = [(None, zone)]
    kwargs: dict[str, Any] = {"Size": int(a["size"]), "VolumeType": a["type"],
                              "Encrypted": a["encryption"] is not False, "TagSpecifications": ctx.tag_spec("volume")}
    for attr, key in (("iops", "Iops"), ("throughput", "Throughput")):
        if a.get(attr) is not None:
            kwargs[key] = int(a[attr])
    if ctx.kms_key():
        kwargs["KmsKeyId"] = ctx.kms_key()
    phys["volumes"], phys["attachments"] = [], []
    for instance, zone in targets:
        for i in range(per):
            vol = ec2.create_volume(AvailabilityZone=zone, **kwargs)["VolumeId"]
            phys["volumes"].append(vol)
            if instance is not None:
                ctx.c("ec2").get_waiter("volume_available").wait(VolumeIds=[vol])
                ec2.attach_volume(VolumeId=vol, InstanceId=instance, Device=facts.device(i))
                phys["attachments"].append(f"{vol}@{instance}")


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    ec2 = ctx.c("ec2")
    for pair in phys.get("attachments") or []:
        vol, instance = pair.split("@", 1)
        ignore_missing(ec2.detach_volume, VolumeId=vol, InstanceId=instance, Force=True)
    for vol in phys.get("volumes") or []:
        ignore_missing(ec2.delete_volume, VolumeId=vol)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    ids = phys.get("volumes") or []
    if not ids:
        return None
    try:
        vols = ctx.c("ec2").describe_volumes(VolumeIds=ids)["Volumes"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if not vols:
        return None
    return {"size": sorted({v["Size"] for v in vols}), "type": sorted({v["VolumeType"] for v in vols}),
            "encrypted": all(v["Encrypted"] for v in vols)}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"size": [int(a["size"])], "type": [a["type"]], "encrypted": a["encryption"] is not False}


def holds_data(ctx: Ctx, phys: dict[str, Any]) -> str | None:
    return "disks" if phys.get("volumes") else None


provider(Provider("volume", create, delete, read, expected, holds_data=holds_data))
