"""cdn -> Cloud CDN: on the backend of a bucket (a backend bucket behind its own HTTPS front end), of a
Cloud Run service (a serverless NEG behind its own front end), or on the backends of a load balancer
(cache turned on there; no second front end)."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .frontend import armor_policy, frontend, serverless_backend
from .registry import GCP_TERRAFORM

_POLICY = {"cache_mode": "CACHE_ALL_STATIC", "default_ttl": 3600, "max_ttl": 86400, "client_ttl": 3600}


@GCP_TERRAFORM.register("cdn", primary=("google_compute_global_forwarding_rule", "google_compute_url_map"))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    origin = ctx.by_name.get((r.get("origin") or {}).get("ref") or "")
    if origin is None:
        return
    if origin.kind == "load_balancer":
        for (rtype, label), body in sorted(ctx.bodies.items()):
            if rtype == "google_compute_backend_service" and label.startswith(f"{origin.name}_"):
                body["enable_cdn"] = True
                body["cdn_policy"] = Block(dict(_POLICY))
        return
    armor = armor_policy(ctx, f"{n}_armor") if r.get("waf") else None
    if origin.kind == "bucket":
        ctx.resource("google_compute_backend_bucket", n, {
            "name": ctx.name(n),
            "bucket_name": ref("google_storage_bucket", origin.name, "name"),
            "enable_cdn": True,
            "cdn_policy": Block(dict(_POLICY)),
        })
        default = ref("google_compute_backend_bucket", n, "id")
        if armor is not None:
            ctx.diag("ADL5501", r.span_of("waf"), kind="cdn", name=n, attr="waf", value="true",
                     reason="Cloud Armor backend policies do not attach to backend buckets",
                     hint="put the bucket behind a service, or accept edge policies set by hand")
    else:
        default = serverless_backend(ctx, n, origin.kind, origin.name, bool(r.get("logging")), armor)
        ctx.bodies[("google_compute_backend_service", n)]["enable_cdn"] = True
        ctx.bodies[("google_compute_backend_service", n)]["cdn_policy"] = Block(dict(_POLICY))
    frontend(ctx, n, default, True, 443)  # Cloud CDN front ends serve HTTPS only
