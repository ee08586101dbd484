"""network -> a custom-mode VPC, regional subnets (GCP subnets span the region's zones), Cloud Router +
Cloud NAT for private egress, VPC flow logs on every subnet, and an explicit deny-all ingress baseline."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, Tmpl, ref
from autodeploy.compiler.buildable import aws_subnet_newbits
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .registry import GCP_TERRAFORM


@GCP_TERRAFORM.register("network", primary=("google_compute_network",))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    cidr = str(r.get("cidr"))
    pub, priv = int(r.get("public_subnets") or 0), int(r.get("private_subnets") or 0)
    ctx.resource("google_compute_network", n, {
        "name": ctx.name(n),
        "auto_create_subnetworks": False,
        "routing_mode": "REGIONAL",
        "delete_default_routes_on_create": False,
    })
    # the same address plan as AWS (public numbers low, private high) so a file's CIDRs mean one thing
    newbits = aws_subnet_newbits(int(cidr.split("/")[1]))
    flow = r.get("flow_logs")
    for member, count, offset in (("public", pub, 0), ("private", priv, 2 ** (newbits - 1))):
        if not count:
            continue
        ctx.resource("google_compute_subnetwork", f"{n}_{member}", {
            "count": count,
            "name": Tmpl(f"${{var.name_prefix}}-{n}-{member}-${{count.index}}"),
            "network": ref("google_compute_network", n, "id"),
            "region": Expr("var.region"),
            "ip_cidr_range": Expr(f'cidrsubnet("{cidr}", {newbits}, count.index + {offset})'),
            "private_ip_google_access": True,
            "log_config": Block({"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 0.5,
                                 "metadata": "INCLUDE_ALL_METADATA"}) if flow else None,
        })
    # GCP allows no ingress by default (implied rule); an explicit, logged deny keeps it so
    ctx.resource("google_compute_firewall", f"{n}_deny_ingress", {
        "name": ctx.name(f"{n}-deny-ingress"),
        "network": ref("google_compute_network", n, "id"),
        "direction": "INGRESS",
        "priority": 65534,
        "deny": Block({"protocol": "all"}),
        "source_ranges": ["0.0.0.0/0"],
        "log_config": Block({"metadata": "INCLUDE_ALL_METADATA"}),
    })
    if r.get("nat_gateways"):
        # one Cloud NAT serves every zone of the region: `nat_gateways` > 1 adds nothing on GCP
        ctx.resource("google_compute_router", n, {
            "name": ctx.name(f"{n}-router"),
            "network": ref("google_compute_network", n, "id"),
            "region": Expr("var.region"),
        })
        ctx.resource("google_compute_router_nat", n, {
            "name": ctx.name(f"{n}-nat"),
            "router": ref("google_compute_router", n, "name"),
            "region": Expr("var.region"),
            "nat_ip_allocate_option": "AUTO_ONLY",
            "source_subnetwork_ip_ranges_to_nat": "ALL_SUBNETWORKS_ALL_IP_RANGES",
            "log_config": Block({"enable": True, "filter": "ERRORS_ONLY"}),
        })
    ctx.output(f"{n}_network_id", ref("google_compute_network", n, "id"), f"id of network {n}")
