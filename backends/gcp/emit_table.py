"""table -> a Firestore database in native mode (its own database per ADL table).

Why Firestore and not Bigtable (docs/gcp.md): an ADL table is DynamoDB-shaped — serverless,
billed per operation, point-in-time recovery, delete protection, CMEK — and so is Firestore. Bigtable
is a provisioned cluster (nodes billed by the hour whether used or not) built for wide-column
analytics at scale; choosing it would turn every small key-value table into a standing cost."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.terraform.hcl import Block, Expr, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .grants import ProjectGrant
from .registry import GCP_TERRAFORM


def _written(ctx: GcpCtx, r: IRResource, base: dict[str, Any]) -> Block:
    """The Eventarc trigger of a function triggered by the table: its Firestore document writes."""
    return Block({**base, "event_type": "google.cloud.firestore.document.v1.written",
                  "event_filters": Block({"attribute": "database",
                                          "value": ref("google_firestore_database", r.name, "name")})})


@GCP_TERRAFORM.register("table", primary=("google_firestore_database",), event=_written, grants=(
    ProjectGrant("roles/datastore.user", "projects/${var.project}/databases/", "google_firestore_database"),))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    if r.get("billing") == "provisioned":
        ctx.diag("ADL5501", r.span_of("billing"), kind="table", name=n, attr="billing", value="provisioned",
                 reason="Firestore bills per operation only", hint="remove `billing`, read_capacity and write_capacity")
    key = ctx.key_id(r, "firestore")
    ctx.resource("google_firestore_database", n, {
        "name": r.get("name") or ctx.name(n),
        "location_id": Expr("var.region"),
        "type": "FIRESTORE_NATIVE",
        "concurrency_mode": "OPTIMISTIC",
        "point_in_time_recovery_enablement": "POINT_IN_TIME_RECOVERY_ENABLED" if r.get("pitr")
        else "POINT_IN_TIME_RECOVERY_DISABLED",
        "delete_protection_state": "DELETE_PROTECTION_ENABLED" if r.get("deletion_protection")
        else "DELETE_PROTECTION_DISABLED",
        "deletion_policy": "ABANDON" if r.get("deletion_protection") else "DELETE",
        "cmek_config": Block({"kms_key_name": key}) if key is not None else None,
    })
    ctx.output(f"{n}_database", ref("google_firestore_database", n, "name"), f"Firestore database of table {n}")
