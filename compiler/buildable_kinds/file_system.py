"""file_system: a provisioned throughput is stated exactly when the throughput mode is provisioned."""

from __future__ import annotations

from ..catalogue import diag
from ..diagnostics import Diagnostic
from ..ir import IR, IRResource


def check(ir: IR, r: IRResource) -> list[Diagnostic]:
    provisioned = r.get("throughput_mode") == "provisioned"
    if provisioned and r.get("throughput") is None:
        return [diag("ADL1403", r.span_of("throughput_mode"), kind=r.kind, name=r.name,
                     attr="throughput", why="is required by `throughput_mode = provisioned`",
                     hint="add `throughput = 100` (MiB/s)")]
    if not provisioned and r.get("throughput") is not None:
        return [diag("ADL1403", r.span_of("throughput"), kind=r.kind, name=r.name, attr="throughput",
                     why="is read only with `throughput_mode = provisioned`",
                     hint="add `throughput_mode = provisioned`, or remove `throughput`")]
    return []
