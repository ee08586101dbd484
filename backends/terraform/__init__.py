"""The Terraform (AWS) backend: `emit_terraform(ir, graph, fmt="hcl"|"json") -> EmitResult`."""

from __future__ import annotations

from typing import Any


def emit_terraform(ir: Any, graph: Any, fmt: str = "hcl") -> Any:
    from .emitter import emit_terraform as _emit

    return _emit(ir, graph, fmt)
