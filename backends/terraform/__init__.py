"""The Terraform (AWS) backend: `emit_terraform(ir, graph, fmt="hcl"|"json") -> EmitResult`."""

from __future__ import annotations

from .emitter import emit_terraform

__all__ = ["emit_terraform"]
