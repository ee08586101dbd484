"""secret -> a Secret Manager secret (regional replica, CMEK when a key is referenced) whose value is
generated at apply time (random_password); a plain `value` gets ADL5502 instead of being written out."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx, member, seconds
from .grants import ResourceGrant
from .registry import GCP_TERRAFORM


@GCP_TERRAFORM.register("secret", primary=("google_secret_manager_secret",), grants=(
    ResourceGrant("google_secret_manager_secret_iam_member", "secret_id", "google_secret_manager_secret",
                  "secret_id", "roles/secretmanager.secretAccessor"),))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    if r.get("value") is not None:
        ctx.diag("ADL5502", r.span_of("value"), name=n)
    key = ctx.key_id(r, "secretmanager")
    replica: dict[str, object] = {"location": Expr("var.region")}
    if key is not None:
        replica["customer_managed_encryption"] = Block({"kms_key_name": key})
    body: dict[str, object] = {
        "secret_id": ctx.name(n),
        "labels": ctx.labels(r),
        "replication": Block({"user_managed": Block({"replicas": Block(replica)})}),
    }
    if r.get("rotation"):
        # Secret Manager rotation publishes a reminder on a Pub/Sub topic; whoever rotates subscribes
        ctx.resource("google_pubsub_topic", f"{n}_rotation", {"name": ctx.name(f"{n}-rotation"),
                                                               "kms_key_name": ctx.key_id(r, "pubsub")})
        ctx.flags.add("secret_rotation")
        body["topics"] = Block({"name": ref("google_pubsub_topic", f"{n}_rotation", "id")})
        body["rotation"] = Block({"rotation_period": seconds(float(r.get("rotation_interval")) * 86400),
                                  "next_rotation_time": Expr("var.rotation_start")})
        ctx.resource("google_pubsub_topic_iam_member", f"{n}_rotation_publisher", {
            "topic": ref("google_pubsub_topic", f"{n}_rotation", "name"),
            "role": "roles/pubsub.publisher",
            "member": member(ctx.agent("secretmanager")),
        })
    ctx.resource("google_secret_manager_secret", n, body)
    ctx.flags.add("random")
    ctx.resource("random_password", n, {"length": int(r.get("length")), "special": True})
    ctx.resource("google_secret_manager_secret_version", n, {
        "secret": ref("google_secret_manager_secret", n, "id"),
        "secret_data": ref("random_password", n, "result"),
    })
    ctx.output(f"{n}_secret_id", ref("google_secret_manager_secret", n, "id"), f"id of secret {n}")

