"""etl_job: the job's script needs a bucket: its own `script_bucket`, or a bucket source."""

from __future__ import annotations

from ..catalogue import diag
from ..diagnostics import Diagnostic
from ..ir import IR, IRResource


def check(ir: IR, r: IRResource) -> list[Diagnostic]:
    if r.get("script_bucket") is not None:
        return []
    src = r.get("source")
    s = ir.by_name.get(src["ref"]) if isinstance(src, dict) else None
    if s is None or s.kind == "bucket":
        return []
    return [diag("ADL1402", r.span, name=r.name, script=r.get("script"), kind=s.kind)]
