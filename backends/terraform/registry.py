"""The Terraform emitters by kind: each emit_<kind>.py registers its `emit` with
`@TERRAFORM.register(kind, primary=(...))`, where `primary` names the Terraform resource types that
stand for the ADL resource (explicit `depends_on` edges attach to the first one present)."""

from __future__ import annotations

from collections.abc import Callable

from autodeploy.compiler.ir import IRResource
from autodeploy.compiler.registry import KindRegistry

from .context import TfCtx

EmitFn = Callable[[TfCtx, IRResource], None]

TERRAFORM: KindRegistry[EmitFn] = KindRegistry("Terraform emitter", "aws", __package__ or "", "emit_")
