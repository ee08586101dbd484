"""audit -> Cloud Audit Logs: Data Access logs turned on for every service (`data_events`), and a
project log sink that copies every audit log entry into a bucket (the referenced one, else the
deployment's log bucket with its retention lock); the sink writes as its own identity."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, Tmpl, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .registry import GCP_TERRAFORM


@GCP_TERRAFORM.register("audit", primary=("google_logging_project_sink",))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    target = (r.get("bucket") or {}).get("ref")
    bucket = ref("google_storage_bucket", target, "name") if target else ctx.log_bucket()
    if r.get("data_events"):
        ctx.resource("google_project_iam_audit_config", n, {
            "project": Expr("var.project"),
            "service": "allServices",
            "audit_log_config": [Block({"log_type": t}) for t in ("ADMIN_READ", "DATA_READ", "DATA_WRITE")],
        })
    ctx.resource("google_logging_project_sink", n, {
        "name": ctx.name(n),
        "destination": Tmpl(f"storage.googleapis.com/${{{bucket.text}}}"),
        "filter": 'logName:"cloudaudit.googleapis.com"',
        "unique_writer_identity": True,
    })
    ctx.resource("google_storage_bucket_iam_member", f"{n}_sink_writer", {
        "bucket": bucket,
        "role": "roles/storage.objectCreator",
        "member": ref("google_logging_project_sink", n, "writer_identity"),
    })
    ctx.output(f"{n}_sink", ref("google_logging_project_sink", n, "id"), f"audit log sink {n}")
