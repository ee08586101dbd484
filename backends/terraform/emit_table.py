"""table -> DynamoDB table with PITR, SSE (CMK when referenced), deletion protection."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, ref
from .registry import TERRAFORM


@TERRAFORM.register("table", primary=("aws_dynamodb_table",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    pk, sk = r.get("partition_key"), r.get("sort_key")
    provisioned = r.get("billing") == "provisioned"
    streamed = bool(ctx.triggered_by.get(n))
    key = ctx.key_arn(r)
    ctx.resource("aws_dynamodb_table", n, {
        "name": r.get("name") or ctx.name(n),
        "billing_mode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
        "read_capacity": (r.get("read_capacity") or 5) if provisioned else None,
        "write_capacity": (r.get("write_capacity") or 5) if provisioned else None,
        "hash_key": pk,
        "range_key": sk,
        "deletion_protection_enabled": bool(r.get("deletion_protection")),
        "stream_enabled": True if streamed else None,
        "stream_view_type": "NEW_AND_OLD_IMAGES" if streamed else None,
        "attribute": [Block({"name": a, "type": "S"}) for a in (pk, sk) if a],
        "point_in_time_recovery": Block({"enabled": bool(r.get("pitr"))}),
        # DynamoDB always encrypts; enabled = false means the AWS-owned key
        "server_side_encryption": Block({"enabled": ctx.encrypted(r), "kms_key_arn": key}),
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_table_name", ref("aws_dynamodb_table", n, "name"), f"name of table {n}")
