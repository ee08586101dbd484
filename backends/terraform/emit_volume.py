"""volume -> encrypted EBS volumes: `count` per instance of the vm they attach to (each with its
aws_volume_attachment on /dev/sdf, /dev/sdg ...), or standalone in the region's first zone."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import app_services as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Expr
from .registry import TERRAFORM


@TERRAFORM.register("volume", primary=("aws_ebs_volume",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    per = int(r.get("count"))
    vm = ctx.get((r.get("vm") or {}).get("ref"))
    instances = int(vm.get("count")["min"]) if vm is not None else 1
    total = per * instances
    enc = ctx.encrypted(r)
    dtype = r.get("type")
    idx = "[count.index]" if total > 1 else ""
    if vm is not None:
        # the vm is a fixed count (compiler/buildable_kinds/volume.py, ADL1400): aws_instance[.count]
        inst = f"aws_instance.{vm.name}" + (f"[floor(count.index / {per})]" if instances > 1 else "")
        zone: Any = Expr(f"{inst}.availability_zone")
    else:
        ctx.data_source("aws_availability_zones", "available", {"state": "available"})
        zone = Expr("data.aws_availability_zones.available.names[0]")
    ctx.resource("aws_ebs_volume", n, {
        "count": total if total > 1 else None,
        "availability_zone": zone,
        "size": int(r.get("size")),
        "type": dtype,
        "iops": r.get("iops"),
        "throughput": r.get("throughput"),
        "encrypted": enc,
        "kms_key_id": ctx.key_arn(r) if enc else None,
        "tags": ctx.tags(r),
    })
    if vm is None:
        ctx.output(f"{n}_volume_ids", Expr(f"aws_ebs_volume.{n}[*].id"), f"IDs of volume {n}")
        return
    devices = [facts.device(i) for i in range(per)]
    ctx.resource("aws_volume_attachment", n, {
        "count": total if total > 1 else None,
        "device_name": devices[0] if total == 1 else Expr(
            "element([" + ", ".join(f'"{d}"' for d in devices) + f"], count.index % {per})"),
        "volume_id": Expr(f"aws_ebs_volume.{n}{idx}.id"),
        "instance_id": Expr(f"{inst}.id"),
    })
    ctx.output(f"{n}_volume_ids", Expr(f"aws_ebs_volume.{n}[*].id"), f"IDs of volume {n}")
