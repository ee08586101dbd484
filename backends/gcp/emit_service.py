"""service -> a Cloud Run (v2) service running as its own service account: scaling from `replicas`,
CPU and memory limits, health probes, secrets mounted from Secret Manager, Direct VPC egress into
the referenced network. `expose = internal` keeps ingress internal; `https` opens it to the internet
(unauthenticated invocations), `http` is refused by Cloud Run, which serves HTTPS only."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .grants import ResourceGrant
from .registry import GCP_TERRAFORM

INGRESS = {"internal": "INGRESS_TRAFFIC_INTERNAL_ONLY", "https": "INGRESS_TRAFFIC_ALL",
           "http": "INGRESS_TRAFFIC_ALL"}


def _memory(gb: float) -> str:
    return f"{int(round(gb * 1024))}Mi"


def _cpu(vcpu: float) -> str:
    return f"{int(round(vcpu * 1000))}m"


@GCP_TERRAFORM.register("service", primary=("google_cloud_run_v2_service",), grants=(
    ResourceGrant("google_cloud_run_v2_service_iam_member", "name", "google_cloud_run_v2_service", "name",
                  "roles/run.invoker", regional=True),))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    sa = ctx.account(r)
    expose = str(r.get("expose"))
    if expose == "http":
        ctx.diag("ADL5501", r.span_of("expose"), kind="service", name=n, attr="expose", value="http",
                 reason="Cloud Run serves HTTPS only", hint="write `expose = https`")
    replicas = r.get("replicas") or {"min": 1, "max": 1}
    env = [Block({"name": str(k), "value": str(v)}) for k, v in sorted((r.get("env") or {}).items())]
    for s in r.get("secrets") or []:
        env.append(Block({"name": s["ref"].upper(), "value_source": Block({"secret_key_ref": Block({
            "secret": ref("google_secret_manager_secret", s["ref"], "secret_id"), "version": "latest"})})}))
    probe = Block({"http_get": Block({"path": r.get("health_path"), "port": int(r.get("port"))}),
                   "period_seconds": 10, "failure_threshold": 3})
    net = ctx.network(r)
    template: dict[str, object] = {
        "service_account": sa,
        "scaling": Block({"min_instance_count": int(replicas["min"]), "max_instance_count": int(replicas["max"])}),
        "containers": Block({
            "image": r.get("image"),
            "ports": Block({"container_port": int(r.get("port"))}),
            # CPU always allocated: billed per instance-second, what the estimator prices
            "resources": Block({"limits": {"cpu": _cpu(float(r.get("cpu"))), "memory": _memory(float(r.get("memory")))},
                                "cpu_idle": False}),
            "env": env or None,
            "startup_probe": probe,
            "liveness_probe": probe,
        }),
        "vpc_access": Block({
            "network_interfaces": Block({"network": ctx.network_id(net), "subnetwork": ctx.subnet_id(net)}),
            "egress": "PRIVATE_RANGES_ONLY",
        }) if net else None,
    }
    if r.get("arch") == "arm64":
        ctx.diag("ADL5501", r.span_of("arch"), kind="service", name=n, attr="arch", value="arm64",
                 reason="Cloud Run runs x86_64 containers", hint="build the image for x86_64")
    ctx.resource("google_cloud_run_v2_service", n, {
        "name": ctx.name(n),
        "location": Expr("var.region"),
        "ingress": INGRESS[expose],
        "deletion_protection": True,
        "template": Block(template),
        "labels": ctx.labels(r),
    })
    if expose in ("https", "http"):
        ctx.resource("google_cloud_run_v2_service_iam_member", f"{n}_public", {
            "name": ref("google_cloud_run_v2_service", n, "name"),
            "location": Expr("var.region"),
            "role": "roles/run.invoker",
            "member": "allUsers",
        })
    ctx.output(f"{n}_url", ref("google_cloud_run_v2_service", n, "uri"), f"URL of service {n}")
