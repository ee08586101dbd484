"""vm -> Compute Engine: an instance template (Shielded VM, OS Login, no serial port, CMEK boot disk,
no external IP unless `public`) run by a regional managed instance group, with an autoscaler when
`count` is a range; SSH/RDP firewall rules only from the CIDRs the file names."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, Tmpl, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .registry import GCP_TERRAFORM

# ADL disk types (EBS names) -> Persistent Disk types
DISK_TYPE = {"gp3": "pd-balanced", "gp2": "pd-balanced", "io1": "pd-ssd", "io2": "pd-ssd", "st1": "pd-standard",
             "sc1": "pd-standard"}
# ADL images -> public image families (al2023 has no GCP build: Debian 12 is the default Linux)
IMAGE = {"al2023": "debian-cloud/debian-12", "ubuntu": "ubuntu-os-cloud/ubuntu-2404-lts-amd64",
         "debian": "debian-cloud/debian-12", "windows": "windows-cloud/windows-2022"}


@GCP_TERRAFORM.register("vm", primary=("google_compute_region_instance_group_manager",))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    sa = ctx.account(r)
    net = ctx.network(r)
    count = r.get("count") or {"min": 1, "max": 1}
    key = ctx.key_id(r, "compute")
    image = IMAGE.get(str(r.get("image")), str(r.get("image")))
    iface: dict[str, object] = {"subnetwork": ctx.subnet_id(net)} if net else {}
    if r.get("public"):
        iface["access_config"] = Block({"network_tier": "PREMIUM"})
    ctx.resource("google_compute_instance_template", n, {
        "name_prefix": Tmpl(f"${{var.name_prefix}}-{n}-".replace("_", "-")),
        "machine_type": r.get("instance"),
        "region": Expr("var.region"),
        "can_ip_forward": False,
        "disk": Block({
            "source_image": image,
            "disk_type": DISK_TYPE.get(str(r.get("disk_type")), "pd-balanced"),
            "disk_size_gb": int(r.get("disk")),
            "auto_delete": True,
            "boot": True,
            "disk_encryption_key": Block({"kms_key_self_link": key}) if key is not None else None,
        }),
        "network_interface": Block(iface),
        "service_account": Block({"email": ctx.account(r), "scopes": ["cloud-platform"]}),
        "shielded_instance_config": Block({"enable_secure_boot": True, "enable_vtpm": True,
                                           "enable_integrity_monitoring": True}),
        "metadata": {"block-project-ssh-keys": "true", "enable-oslogin": "TRUE", "serial-port-enable": "false"},
        "labels": ctx.labels(r),
        "lifecycle": Block({"create_before_destroy": True}),
    })
    ctx.resource("google_compute_region_instance_group_manager", n, {
        "name": ctx.name(n),
        "region": Expr("var.region"),
        "base_instance_name": Tmpl(f"${{var.name_prefix}}-{n}".replace("_", "-")),
        "version": Block({"instance_template": ref("google_compute_instance_template", n, "self_link_unique")}),
        "target_size": int(count["min"]) if count["min"] == count["max"] else None,
    })
    if count["min"] != count["max"]:
        ctx.resource("google_compute_region_autoscaler", n, {
            "name": ctx.name(n),
            "region": Expr("var.region"),
            "target": ref("google_compute_region_instance_group_manager", n, "id"),
            "autoscaling_policy": Block({"min_replicas": int(count["min"]), "max_replicas": int(count["max"]),
                                         "cooldown_period": 60,
                                         "cpu_utilization": Block({"target": 0.6})}),
        })
    for attr, port in (("ssh_from", 22), ("rdp_from", 3389)):
        if r.get(attr) and net:
            ctx.resource("google_compute_firewall", f"{n}_{attr}", {
                "name": ctx.name(f"{n}-{attr.replace('_', '-')}"),
                "network": ref("google_compute_network", net[0], "id"),
                "direction": "INGRESS",
                "allow": Block({"protocol": "tcp", "ports": [str(port)]}),
                "source_ranges": [r.get(attr)],
                "target_service_accounts": [sa],
                "log_config": Block({"metadata": "INCLUDE_ALL_METADATA"}),
            })
    ctx.output(f"{n}_instance_group", ref("google_compute_region_instance_group_manager", n, "instance_group"),
               f"instance group of vm {n}")
