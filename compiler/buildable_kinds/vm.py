"""vm: on AWS a provisioned-IOPS root disk states its IOPS (EC2 refuses an io1/io2 volume without
them: "The parameter [VolumeType] requires the parameter Iops"), as a volume of those types does."""

from __future__ import annotations

from ..catalogue import diag
from ..diagnostics import Diagnostic
from ..ir import IR, IRResource


def check(ir: IR, r: IRResource) -> list[Diagnostic]:
    dtype = r.get("disk_type")
    if ir.deployment.cloud == "aws" and dtype in ("io1", "io2") and r.get("disk_iops") is None:
        return [diag("ADL1403", r.span_of("disk_type"), kind=r.kind, name=r.name, attr="disk_iops",
                     why=f"is required by {dtype} disks", hint="add `disk_iops = 3000`")]
    return []
