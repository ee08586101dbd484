"""key -> a KMS key with rotation and a deletion window, and its alias."""

from __future__ import annotations

from autodeploy.backends.aws import names
from autodeploy.compiler.ir import IRResource

from .context import TfCtx, key_policy
from .hcl import Tmpl, ref
from .registry import TERRAFORM


@TERRAFORM.register("key", primary=("aws_kms_key",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    ctx.resource("aws_kms_key", r.name, {
        "description": f"{ctx.deployment}: {r.name}",
        "enable_key_rotation": bool(r.get("rotation")),
        "deletion_window_in_days": int(r.get("deletion_window")),
        "multi_region": bool(r.get("multi_region")),
        "policy": key_policy(ctx),
        "tags": ctx.tags(r),
    })
    ctx.resource("aws_kms_alias", r.name, {
        "name": Tmpl(f"alias/${{var.name_prefix}}/{names.suffix(r.name)}"),
        "target_key_id": ref("aws_kms_key", r.name, "key_id"),
    })
    ctx.output(f"{r.name}_key_arn", ref("aws_kms_key", r.name, "arn"), f"ARN of KMS key {r.name}")
