"""file_system -> an encrypted EFS file system with a mount target in each private subnet (NFS
open only to the security groups of the resources that use it), an access point, automatic
backups, a lifecycle to infrequent access and a policy that refuses connections without TLS."""

from __future__ import annotations

from autodeploy.backends.aws import app_services as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Call, Expr, ref
from .registry import TERRAFORM

NFS = 2049


@TERRAFORM.register("file_system", primary=("aws_efs_file_system",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    if net is None:
        return
    enc = ctx.encrypted(r)
    one_zone = bool(r.get("one_zone"))
    subnet = f"aws_subnet.{net[0]}_{net[1]}"
    provisioned = r.get("throughput_mode") == "provisioned"
    ctx.resource("aws_efs_file_system", n, {
        "creation_token": ctx.name(n),
        "encrypted": enc,
        "kms_key_id": ctx.key_arn(r) if enc else None,
        "performance_mode": "maxIO" if r.get("performance") == "max_io" else "generalPurpose",
        "throughput_mode": r.get("throughput_mode"),
        "provisioned_throughput_in_mibps": r.get("throughput") if provisioned else None,
        "availability_zone_name": Expr(f"{subnet}[0].availability_zone") if one_zone else None,
        "lifecycle_policy": Block({"transition_to_ia": facts.efs_ia(float(r.get("ia_after")))}),
        "tags": ctx.tags(r),
    })
    fs = ref("aws_efs_file_system", n, "id")
    ctx.resource("aws_efs_backup_policy", n, {
        "file_system_id": fs,
        "backup_policy": Block({"status": "ENABLED" if r.get("backup") else "DISABLED"})})
    ctx.resource("aws_efs_file_system_policy", n, {
        "file_system_id": fs,
        "policy": Call("jsonencode", ({"Version": "2012-10-17", "Statement": [{
            "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
            "Resource": ref("aws_efs_file_system", n, "arn"),
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]},))})
    sg = ctx.security_group(r, net, NFS)
    ctx.resource("aws_efs_mount_target", n, {
        "count": None if one_zone else Expr(f"length({subnet})"),
        "file_system_id": fs,
        "subnet_id": Expr(f"{subnet}[0].id" if one_zone else f"{subnet}[count.index].id"),
        "security_groups": [sg],
    })
    uid = facts.EFS_POSIX_UID
    ctx.resource("aws_efs_access_point", n, {
        "file_system_id": fs,
        "posix_user": Block({"uid": uid, "gid": uid}),
        "root_directory": Block({"path": r.get("access_point"),
                                 "creation_info": Block({"owner_uid": uid, "owner_gid": uid, "permissions": "750"})}),
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_file_system_id", fs, f"ID of file system {n}")
