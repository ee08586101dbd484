"""The ARM emitters by kind: each emit_*.py module registers its emitters with
`@ARM.register(kind)`; emit.py imports every emit_* module and dispatches through ARM."""

from __future__ import annotations

from collections.abc import Callable

from autodeploy.compiler.ir import IRResource
from autodeploy.compiler.registry import KindRegistry

from .context import ArmContext

EmitFn = Callable[[ArmContext, IRResource], None]

ARM: KindRegistry[EmitFn] = KindRegistry("ARM emitter", "azure", __package__ or "", "emit_")
