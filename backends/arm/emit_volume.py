"""volume -> `count` managed disks (no network access, platform-key encryption at rest), attached
to the vm's data disk list (LUN 0, 1, ...) when the volume names a vm, else standalone."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from .context import ArmContext, Ref, x
from .registry import ARM

# EBS type -> the managed disk SKU closest in kind (SSD vs HDD). Provisioned-IOPS types map to Premium
# SSD too: Premium SSD v2 / Ultra disks are zonal only, and ADL's VMs are regional.
SKUS = {"gp3": "Premium_LRS", "gp2": "Premium_LRS", "io1": "Premium_LRS", "io2": "Premium_LRS",
        "st1": "StandardSSD_LRS", "sc1": "Standard_LRS"}


def _vm_resource(ctx: ArmContext, vm: Ref) -> dict[str, Any] | None:
    for res in ctx.resources:
        if res["type"] == vm.type and res["name"] == vm.name:
            return res
    return None


@ARM.register("volume")
def emit_volume(ctx: ArmContext, r: IRResource) -> None:
    sku = SKUS[r.get("type")]
    props: dict[str, Any] = {
        "creationData": {"createOption": "Empty"},
        "diskSizeGB": int(r.get("size")),
        "encryption": {"type": "EncryptionAtRestWithPlatformKey"},
        "networkAccessPolicy": "DenyAll",
        "publicNetworkAccess": "Disabled",
    }
    if r.get("iops") or r.get("throughput"):
        ctx.diag("ADL5055", r.span_of("iops" if r.get("iops") else "throughput"), name=r.name, attr="iops",
                 what=f"{sku} disks have a fixed performance per size (Premium SSD v2 is zonal only); "
                      "the setting is not emitted")
    if isinstance(r.get("encryption"), dict):
        ctx.diag("ADL5054", r.span_of("encryption"), name=r.name, attr="encryption",
                 value=r.get("encryption")["ref"],
                 why="customer-managed disk keys need a disk encryption set; platform keys are used",
                 hint="add a Microsoft.Compute/diskEncryptionSets by hand")
    vm_name = (r.get("vm") or {}).get("ref")
    vm_ref = ctx.primary.get(vm_name) if vm_name else None
    vm_res = _vm_resource(ctx, vm_ref) if vm_ref is not None else None
    if vm_name:
        ctx.reversed_edges.add((r.name, vm_name))  # the VM waits for its disks, not the other way round
    deps = ctx.deps_of(r)
    disks = []
    for i in range(int(r.get("count"))):
        disk = Ref("Microsoft.Compute/disks", (ctx.name_expr("generic", r.name, f"disk{i}"),))
        ctx.resource(disk.type, disk.name, tags=ctx.tags_for(r), sku={"name": sku}, depends=deps, props=props)
        disks.append(disk)
    ctx.primary[r.name] = disks[0]
    if vm_res is None:
        return
    profile = vm_res["properties"]["storageProfile"]
    data = profile.setdefault("dataDisks", [])
    for disk in disks:
        data.append({"lun": len(data), "createOption": "Attach", "deleteOption": "Detach",
                     "managedDisk": {"id": x(disk.id)}})
    vm_res["dependsOn"] = sorted(set(vm_res.get("dependsOn", [])) | {x(d.id) for d in disks})
