"""The IAM pass: least privilege from the graph's edges, after every resource exists.

Each workload (function, service, vm) runs as its own service account, which gets exactly one
predefined role per `uses` edge (and per `secrets` entry), bound on the used resource itself where
GCP allows it (bucket, topic, subscription, secret, crypto key, Cloud Run service), else on the
project with an IAM condition naming the one resource (Cloud SQL instance, Firestore database).
Customer keys are usable only by the Google service agents of the resources that reference them."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.terraform.hcl import Expr, Tmpl, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx, member

# used kind -> (resource type, its name attribute, role) per binding; a queue is read and written
_ROLES: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "bucket": (("google_storage_bucket_iam_member", "bucket", "google_storage_bucket", "roles/storage.objectUser"),),
    "queue": (("google_pubsub_topic_iam_member", "topic", "google_pubsub_topic", "roles/pubsub.publisher"),
              ("google_pubsub_subscription_iam_member", "subscription", "google_pubsub_subscription",
               "roles/pubsub.subscriber")),
    "topic": (("google_pubsub_topic_iam_member", "topic", "google_pubsub_topic", "roles/pubsub.publisher"),),
    "secret": (("google_secret_manager_secret_iam_member", "secret_id", "google_secret_manager_secret",
                "roles/secretmanager.secretAccessor"),),
    "key": (("google_kms_crypto_key_iam_member", "crypto_key_id", "google_kms_crypto_key",
             "roles/cloudkms.cryptoKeyEncrypterDecrypter"),),
    "service": (("google_cloud_run_v2_service_iam_member", "name", "google_cloud_run_v2_service",
                 "roles/run.invoker"),),
    "function": (("google_cloud_run_service_iam_member", "service", "google_cloudfunctions2_function",
                  "roles/run.invoker"),),
}
# used kind -> (project role, the condition's resource name prefix, Terraform type of the target)
_PROJECT_ROLES = {
    "database": ("roles/cloudsql.client", "projects/${var.project}/instances/", "google_sql_database_instance"),
    "table": ("roles/datastore.user", "projects/${var.project}/databases/", "google_firestore_database"),
}
_ID_ATTR = {"google_kms_crypto_key": "id", "google_pubsub_topic": "name", "google_pubsub_subscription": "name",
            "google_storage_bucket": "name", "google_secret_manager_secret": "secret_id",
            "google_cloud_run_v2_service": "name", "google_cloudfunctions2_function": "name"}


def _used(r: IRResource) -> list[str]:
    out = [x["ref"] for x in (r.get("uses") or []) if isinstance(x, dict) and "ref" in x]
    out += [x["ref"] for x in (r.get("secrets") or []) if isinstance(x, dict) and "ref" in x]
    return sorted(set(out))


def _bind(ctx: GcpCtx, who: str, sa: Expr, target: IRResource) -> None:
    principal = Tmpl(f"serviceAccount:${{{sa.text}}}")
    for rtype, attr, ttype, role in _ROLES.get(target.kind, ()):
        body: dict[str, Any] = {attr: ref(ttype, target.name, _ID_ATTR[ttype]), "role": role, "member": principal}
        if rtype in ("google_cloud_run_v2_service_iam_member", "google_cloud_run_service_iam_member"):
            body = {"location": Expr("var.region"), **body}
        ctx.resource(rtype, f"{who}_{target.name}_{role.rsplit('.', 1)[-1].lower()}", body)
    if target.kind in _PROJECT_ROLES:
        role, prefix, ttype = _PROJECT_ROLES[target.kind]
        ctx.resource("google_project_iam_member", f"{who}_{target.name}", {
            "project": Expr("var.project"), "role": role, "member": principal,
            "condition": _condition(target, prefix, ttype),
        })


def _condition(target: IRResource, prefix: str, ttype: str) -> Any:
    from autodeploy.backends.terraform.hcl import Block

    return Block({"title": f"only {target.name}",
                  "expression": Tmpl(f'resource.name.startsWith("{prefix}${{{ttype}.{target.name}.name}}")')})


def wire(ctx: GcpCtx) -> None:
    for r in ctx.ir.resources:
        if r.name not in ctx.accounts:
            continue
        sa = ref("google_service_account", ctx.accounts[r.name], "email")
        for used in _used(r):
            target = ctx.by_name.get(used)
            if target is not None:
                _bind(ctx, r.name, sa, target)
    for key, agent in sorted(ctx.key_users):
        if key not in ctx.by_name:
            continue
        ctx.resource("google_kms_crypto_key_iam_member", f"{key}_{agent}_agent", {
            "crypto_key_id": ref("google_kms_crypto_key", key, "id"),
            "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
            "member": member(ctx.agent(agent)),
        })
