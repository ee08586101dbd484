"""key -> a Cloud KMS key ring (one per deployment) and a symmetric crypto key, rotated every 90 days.
Which Google service agents may use it is decided by the resources that reference it (iam.py)."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx, seconds
from .grants import ResourceGrant
from .registry import GCP_TERRAFORM

ROTATION_DAYS = 90


def key_ring(ctx: GcpCtx) -> Expr:
    if "key_ring" not in ctx.flags:
        ctx.flags.add("key_ring")
        ctx.resource("google_kms_key_ring", "autodeploy", {"name": ctx.name("keys"), "location": Expr("var.region")})
    return ref("google_kms_key_ring", "autodeploy", "id")


@GCP_TERRAFORM.register("key", primary=("google_kms_crypto_key",), grants=(
    ResourceGrant("google_kms_crypto_key_iam_member", "crypto_key_id", "google_kms_crypto_key", "id",
                  "roles/cloudkms.cryptoKeyEncrypterDecrypter"),))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    if r.get("multi_region"):
        ctx.diag("ADL5501", r.span_of("multi_region"), kind="key", name=n, attr="multi_region", value="true",
                 reason="a Cloud KMS key lives in one location (its key ring's)",
                 hint="the key ring is regional; use a multi-region location by hand if needed")
    ctx.resource("google_kms_crypto_key", n, {
        "name": ctx.name(n),
        "key_ring": key_ring(ctx),
        "purpose": "ENCRYPT_DECRYPT",
        "rotation_period": seconds(ROTATION_DAYS * 86400) if r.get("rotation") else None,
        "destroy_scheduled_duration": seconds(float(r.get("deletion_window")) * 86400),
        "labels": ctx.labels(r),
        "lifecycle": Block({"prevent_destroy": True}),
    })
    ctx.output(f"{n}_key_id", ref("google_kms_crypto_key", n, "id"), f"id of key {n}")
