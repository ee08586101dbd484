"""file_system -> an encrypted EFS file system (automatic backups, lifecycle to IA, a policy refusing
non-TLS clients), an NFS security group, a mount target per private subnet and an access point."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends.aws import app_services as facts

from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, provider

NFS = 2049


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    efs, ec2 = ctx.c("efs"), ctx.c("ec2")
    vpc, subnets = ctx.subnets()
    if a["one_zone"]:
        subnets = subnets[:1]
    kwargs: dict[str, Any] = {
        "CreationToken": ctx.named(facts.name(ctx.deployment, ctx.name), ctx.pname(limit=64)),
        "PerformanceMode": "maxIO" if a["performance"] == "max_io" else "generalPurpose",
        "ThroughputMode": a["throughput_mode"], "Encrypted": a["encryption"] is not False,
        "Backup": bool(a["backup"]), "Tags": ctx.tag_list()}
    if a["throughput_mode"] == "provisioned":
        kwargs["ProvisionedThroughputInMibps"] = float(a["throughput"])
    if ctx.kms_key():
        kwargs["KmsKeyId"] = ctx.kms_key()
    if a["one_zone"] and subnets:
        kwargs["AvailabilityZoneName"] = ec2.describe_subnets(SubnetIds=subnets)["Subnets"][0]["AvailabilityZone"]
    fs = efs.create_file_system(**kwargs)
    phys["file_system"], phys["arn"] = fs["FileSystemId"], fs["FileSystemArn"]
    efs.put_lifecycle_configuration(FileSystemId=fs["FileSystemId"], LifecyclePolicies=[
        {"TransitionToIA": facts.efs_ia(float(a["ia_after"]))}])
    efs.put_file_system_policy(FileSystemId=fs["FileSystemId"], Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
            "Resource": fs["FileSystemArn"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    sg = ec2.create_security_group(GroupName=ctx.pname("nfs"), Description="autodeploy file system", VpcId=vpc,
                                   TagSpecifications=ctx.tag_spec("security-group"))["GroupId"]
    phys["security_group"] = sg
    cidr = ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]["CidrBlock"]
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": NFS, "ToPort": NFS, "IpRanges": [{"CidrIp": cidr, "Description": "NFS"}]}])
    phys["mount_targets"] = []
    for subnet in subnets:
        mt = efs.create_mount_target(FileSystemId=fs["FileSystemId"], SubnetId=subnet, SecurityGroups=[sg])
        phys["mount_targets"].append(mt["MountTargetId"])
    uid = facts.EFS_POSIX_UID
    ap = efs.create_access_point(FileSystemId=fs["FileSystemId"], Tags=ctx.tag_list(),
                                 PosixUser={"Uid": uid, "Gid": uid},
                                 RootDirectory={"Path": a["access_point"], "CreationInfo": {
                                     "OwnerUid": uid, "OwnerGid": uid, "Permissions": "750"}})
    phys["access_point"] = ap["AccessPointId"]


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    efs = ctx.c("efs")
    if phys.get("access_point"):
        ignore_missing(efs.delete_access_point, AccessPointId=phys["access_point"])
    for mt in phys.get("mount_targets") or []:
        ignore_missing(efs.delete_mount_target, MountTargetId=mt)
    if phys.get("file_system"):
        ignore_missing(efs.delete_file_system, FileSystemId=phys["file_system"])
    if phys.get("security_group"):
        ignore_missing(ctx.c("ec2").delete_security_group, GroupId=phys["security_group"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        got = ctx.c("efs").describe_file_systems(FileSystemId=phys["file_system"])["FileSystems"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if not got:
        return None
    return {"encrypted": bool(got[0].get("Encrypted")), "throughput_mode": got[0].get("ThroughputMode")}


def expected(r: Any) -> dict[str, Any]:
    return {"encrypted": r.attrs["encryption"] is not False, "throughput_mode": r.attrs["throughput_mode"]}


def holds_data(ctx: Ctx, phys: dict[str, Any]) -> str | None:
    return "a file system" if phys.get("file_system") else None


provider(Provider("file_system", create, delete, read, expected, holds_data=holds_data))
