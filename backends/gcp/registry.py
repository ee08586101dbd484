"""The GCP Terraform emitters by kind: each emit_<kind>.py registers its `emit` with
`@GCP_TERRAFORM.register(kind, primary=(...))`, exactly as backends/terraform does for AWS; a kind with
no Google counterpart says so in its KindSpec (`unsupported=(("gcp", "<why>"),)`).

What else a kind's registration carries (read back with `GCP_TERRAFORM.meta(kind)`), so that the
passes that deal with other kinds never list them:
- `grants`: what a `uses` / `secrets` edge to it grants the workload's service account (grants.py,
  bound by iam.py); none: an edge to it needs no IAM.
- `event`: an `EventFn` building the Eventarc trigger of a function it triggers (emit_function.py);
  a kind a function's `trigger` may name registers one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autodeploy.backends.terraform.hcl import Block
from autodeploy.compiler.ir import IRResource
from autodeploy.compiler.registry import KindRegistry

from .context import GcpCtx

EmitFn = Callable[[GcpCtx, IRResource], None]
# (ctx, the triggering resource, the trigger's common fields) -> the function's `event_trigger` block
EventFn = Callable[[GcpCtx, IRResource, dict[str, Any]], Block]

GCP_TERRAFORM: KindRegistry[EmitFn] = KindRegistry("Terraform emitter", "gcp", __package__ or "", "emit_")
