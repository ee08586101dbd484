"""load_balancer -> a global external Application Load Balancer (frontend.py): one backend per target
(serverless NEGs for Cloud Run services and functions, the regional instance group for VMs), access
logs, and Cloud Armor when `waf`. Internal and network load balancers are refused at compile time on
GCP (ADL1081)."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, Tmpl, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .frontend import armor_policy, backend_service, frontend, serverless_backend
from .registry import GCP_TERRAFORM


@GCP_TERRAFORM.register("load_balancer", primary=("google_compute_global_forwarding_rule",))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    armor = armor_policy(ctx, f"{n}_armor") if r.get("waf") else None
    logs = bool(r.get("access_logs"))
    backends = []
    for t in r.get("targets") or []:
        target = ctx.by_name.get(t.get("ref"))
        if target is None:
            continue
        label = f"{n}_{target.name}"
        if target.kind in ("service", "function"):
            backends.append(serverless_backend(ctx, label, target.kind, target.name, logs, armor))
        else:
            ctx.resource("google_compute_health_check", label, {
                "name": ctx.name(label),
                "http_health_check": Block({"port": 80, "request_path": "/"}),
                "log_config": Block({"enable": True}),
            })
            group = ref("google_compute_region_instance_group_manager", target.name, "instance_group")
            backends.append(backend_service(ctx, label, group, logs, armor, serverless=False,
                                            health=ref("google_compute_health_check", label, "id")))
    if not backends:
        # a load balancer with nothing behind it still needs a default backend: a private, empty bucket
        ctx.resource("google_storage_bucket", f"{n}_default", {
            "name": Tmpl(f"${{var.project}}-${{var.name_prefix}}-{n.replace('_', '-')}-default"),
            "location": Expr("upper(var.region)"), "uniform_bucket_level_access": True,
            "public_access_prevention": "enforced", "versioning": Block({"enabled": True}),
            "logging": Block({"log_bucket": ctx.log_bucket()}),
        })
        ctx.resource("google_compute_backend_bucket", f"{n}_default", {
            "name": ctx.name(f"{n}-default"), "bucket_name": ref("google_storage_bucket", f"{n}_default", "name")})
        backends.append(ref("google_compute_backend_bucket", f"{n}_default", "id"))
    frontend(ctx, n, backends[0], str(r.get("protocol")) in ("https", "tls"), int(r.get("port")))
