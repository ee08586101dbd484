"""bucket -> a Cloud Storage bucket: uniform bucket-level access, public access prevention unless
`public`, versioning, CMEK, access logs to the deployment's log bucket, lifecycle and retention."""

from __future__ import annotations

from typing import Any

from autodeploy.backends import naming
from autodeploy.backends.terraform.hcl import Block, Expr, Tmpl, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx, member
from .grants import ResourceGrant
from .registry import GCP_TERRAFORM

# ADL storage class -> GCS storage class (autoclass stands for S3 Intelligent-Tiering)
STORAGE_CLASS = {"standard": "STANDARD", "infrequent": "NEARLINE", "archive": "ARCHIVE", "intelligent": "STANDARD"}


def _finalized(ctx: GcpCtx, r: IRResource, base: dict[str, Any]) -> Block:
    """The Eventarc trigger of a function triggered by the bucket: its objects' finalized events."""
    # Cloud Storage publishes through Pub/Sub: its agent needs the publisher role (Eventarc's rule)
    ctx.resource("google_project_iam_member", f"{r.name}_gcs_events", {
        "project": Expr("var.project"), "role": "roles/pubsub.publisher",
        "member": member(ctx.agent("storage"))})
    return Block({**base, "event_type": "google.cloud.storage.object.v1.finalized",
                  "event_filters": Block({"attribute": "bucket",
                                          "value": ref("google_storage_bucket", r.name, "name")})})


@GCP_TERRAFORM.register("bucket", primary=("google_storage_bucket",), event=_finalized, grants=(
    ResourceGrant("google_storage_bucket_iam_member", "bucket", "google_storage_bucket", "name",
                  "roles/storage.objectUser"),))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    public = bool(r.get("public") or r.get("website"))
    key = ctx.key_id(r, "storage")
    lifecycle = []
    if r.get("archive_after"):
        lifecycle.append(Block({"action": Block({"type": "SetStorageClass", "storage_class": "ARCHIVE"}),
                                "condition": Block({"age": int(r.get("archive_after"))})}))
    if r.get("expire_after"):
        lifecycle.append(Block({"action": Block({"type": "Delete"}),
                                "condition": Block({"age": int(r.get("expire_after"))})}))
    if r.get("versioning"):
        # noncurrent versions are kept 90 days, then deleted (bounded cost, recoverable deletes)
        lifecycle.append(Block({"action": Block({"type": "Delete"}),
                                "condition": Block({"days_since_noncurrent_time": 90, "with_state": "ARCHIVED"})}))
    physical = r.get("name")
    ctx.resource("google_storage_bucket", n, {
        "name": physical or Tmpl("${var.project}-" + naming.s3_bucket_name(ctx.deployment, n)[:40].rstrip("-")),
        "location": Expr("upper(var.region)"),
        "storage_class": STORAGE_CLASS[str(r.get("storage_class") or "standard")],
        "force_destroy": False,
        "uniform_bucket_level_access": True,
        "public_access_prevention": "inherited" if public else "enforced",
        "versioning": Block({"enabled": bool(r.get("versioning"))}),
        "encryption": Block({"default_kms_key_name": key}) if key is not None else None,
        "logging": Block({"log_bucket": ctx.log_bucket()}) if r.get("access_logs") else None,
        "autoclass": Block({"enabled": True}) if r.get("storage_class") == "intelligent" else None,
        "retention_policy": Block({"retention_period": int(r.get("retention")) * 86400, "is_locked": False})
        if r.get("retention") else None,
        "website": Block({"main_page_suffix": "index.html", "not_found_page": "404.html"})
        if r.get("website") else None,
        "lifecycle_rule": lifecycle or None,
        "labels": ctx.labels(r),
    })
    if public:
        ctx.resource("google_storage_bucket_iam_member", f"{n}_public_read", {
            "bucket": ref("google_storage_bucket", n, "name"),
            "role": "roles/storage.objectViewer",
            "member": "allUsers",
        })
    ctx.output(f"{n}_bucket_name", ref("google_storage_bucket", n, "name"), f"name of bucket {n}")
