"""The GCP Terraform emitters by kind: each emit_<kind>.py registers its `emit` with
`@GCP_TERRAFORM.register(kind, primary=(...))`, exactly as backends/terraform does for AWS; a kind with
no Google counterpart says so in its KindSpec (`unsupported=(("gcp", "<why>"),)`)."""

from __future__ import annotations

from collections.abc import Callable

from autodeploy.compiler.ir import IRResource
from autodeploy.compiler.registry import KindRegistry

from .context import GcpCtx

EmitFn = Callable[[GcpCtx, IRResource], None]

GCP_TERRAFORM: KindRegistry[EmitFn] = KindRegistry("Terraform emitter", "gcp", __package__ or "", "emit_")
