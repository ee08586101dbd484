"""The Azure Resource Manager backend: IR + graph -> azuredeploy.json (see docs/arm.md)."""

from __future__ import annotations

from .emit import emit_arm

__all__ = ["emit_arm"]
