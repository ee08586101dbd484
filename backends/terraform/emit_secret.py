"""secret -> a Secrets Manager secret. Its value is generated (random_password) and never
taken from the file: a plain `value` gets ADL5002 instead of being written out."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, ref
from .registry import TERRAFORM


def rotator(ctx: TfCtx, r: IRResource) -> str | None:
    """The function wired as rotator: one named rotate_<secret> (or *rotat*) that uses the secret."""
    for name in ctx.users_of.get(r.name, []):
        f = ctx.by_name[name]
        if f.kind == "function" and "rotat" in f.name:
            return f.name
    return None


@TERRAFORM.register("secret", primary=("aws_secretsmanager_secret",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    if r.get("value") is not None:
        ctx.diag("ADL5002", r.span_of("value"), name=n)
    ctx.resource("aws_secretsmanager_secret", n, {
        "name": ctx.name(n),
        "description": f"{ctx.deployment}: {n} (value generated at apply; never in source)",
        "kms_key_id": ctx.key_arn(r),
        "recovery_window_in_days": 30,
        "tags": ctx.tags(r),
    })
    ctx.flags.add("random")
    ctx.resource("random_password", n, {"length": int(r.get("length")), "special": True})
    ctx.resource("aws_secretsmanager_secret_version", n, {
        "secret_id": ref("aws_secretsmanager_secret", n, "id"),
        "secret_string": ref("random_password", n, "result"),
    })
    if r.get("rotation"):
        fn = rotator(ctx, r)
        if fn is None:
            ctx.diag("ADL5006", r.span_of("rotation"), name=n)
        else:
            ctx.resource("aws_secretsmanager_secret_rotation", n, {
                "secret_id": ref("aws_secretsmanager_secret", n, "id"),
                "rotation_lambda_arn": ref("aws_lambda_function", fn, "arn"),
                "rotation_rules": Block({"automatically_after_days": int(r.get("rotation_interval"))}),
            })
    ctx.output(f"{n}_secret_arn", ref("aws_secretsmanager_secret", n, "arn"), f"ARN of secret {n}")
