"""volume: a disk attaches to one fixed instance, and its performance settings fit its type."""

from __future__ import annotations

from ..catalogue import diag
from ..diagnostics import Diagnostic
from ..ir import IR, IRResource

_IOPS_TYPES = ("gp3", "io1", "io2")


def check(ir: IR, r: IRResource) -> list[Diagnostic]:
    out = []
    ref = r.get("vm")
    vm = ir.by_name.get(ref["ref"]) if isinstance(ref, dict) else None
    if vm is not None:
        count = vm.get("count") or {"min": 1, "max": 1}
        why = hint = ""
        if count["min"] != count["max"]:
            why = f"a scaling group ({count['min']}..{count['max']}): its instances come and go"
            hint = "give the vm a fixed `count`, or size its own `disk`"
        elif ir.deployment.cloud == "azure" and count["min"] != 1:
            why = f"which is a scale set on Azure (count {count['min']}): data disks attach to one VM"
            hint = "use `count = 1` on the vm, or one volume per single vm"
        if why:
            out.append(diag("ADL1400", r.span_of("vm"), name=r.name, vm=vm.name, why=why, hint=hint))
    dtype = r.get("type")
    for attr, types in (("iops", _IOPS_TYPES), ("throughput", ("gp3",))):
        if r.get(attr) is not None and dtype not in types:
            out.append(diag("ADL1403", r.span_of(attr), kind=r.kind, name=r.name, attr=attr,
                            why=f"is not a setting of {dtype} volumes",
                            hint=f"use `type = {types[0]}`, or remove `{attr}`"))
    if dtype in ("io1", "io2") and r.get("iops") is None:
        out.append(diag("ADL1403", r.span_of("type"), kind=r.kind, name=r.name, attr="iops",
                        why=f"is required by {dtype} volumes", hint="add `iops = 3000`"))
    return out
