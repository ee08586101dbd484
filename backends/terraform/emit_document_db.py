"""document_db -> DocumentDB cluster and its instances in the network's private subnets: storage
encrypted (the referenced key or aws/rds), TLS and audit logging forced by the cluster parameter
group, audit/profiler logs exported, master password generated into Secrets Manager, backups and
deletion protection as written, a final snapshot on deletion."""

from __future__ import annotations

from autodeploy.backends.aws import data_services as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .credentials import admin_secret
from .hcl import Block, Tmpl, ref
from .registry import TERRAFORM


@TERRAFORM.register("document_db", primary=("aws_docdb_cluster",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    if net is None:
        return
    ident = facts.cluster_name(ctx.deployment, n)
    version = str(r.get("version"))
    sg = ctx.security_group(r, net, facts.PORTS["document_db"])
    ctx.resource("aws_docdb_subnet_group", n, {"name": ident, "subnet_ids": ctx.subnets(net), "tags": ctx.tags(r)})
    logs = bool(r.get("logs"))
    key = ctx.key_arn(r)
    ctx.resource("aws_docdb_cluster_parameter_group", n, {
        "name": ident, "family": facts.docdb_family(version),
        "description": f"{ctx.deployment}: {n} (TLS and audit logs)",
        "parameter": [Block({"name": "tls", "value": "enabled" if r.get("tls") else "disabled"}),
                      Block({"name": "audit_logs", "value": "enabled" if logs else "disabled"})],
    })
    ctx.resource("aws_docdb_cluster", n, {
        "cluster_identifier": ident,
        "engine": "docdb",
        "engine_version": facts.DOCDB_ENGINE[version],
        "master_username": facts.DOCDB_USER,
        "master_password": admin_secret(ctx, f"{n}_admin", ctx.name(f"{n}-admin"),
                                        f"master user of document_db {n}", facts.DOCDB_USER, key),
        "db_subnet_group_name": ref("aws_docdb_subnet_group", n, "name"),
        "db_cluster_parameter_group_name": ref("aws_docdb_cluster_parameter_group", n, "name"),
        "vpc_security_group_ids": [sg],
        "storage_encrypted": ctx.encrypted(r),
        "kms_key_id": key,
        "backup_retention_period": int(r.get("backup")),
        "deletion_protection": bool(r.get("deletion_protection")),
        "enabled_cloudwatch_logs_exports": list(facts.DOCDB_LOGS) if logs else None,
        "skip_final_snapshot": False,
        "final_snapshot_identifier": f"{ident[:50]}-final",
        "tags": ctx.tags(r),
    })
    ctx.resource("aws_docdb_cluster_instance", n, {
        "count": int(r.get("instances")),
        "identifier": Tmpl(f"{ident[:45]}-${{count.index}}"),
        "cluster_identifier": ref("aws_docdb_cluster", n, "id"),
        "instance_class": r.get("instance"),
        "auto_minor_version_upgrade": True,
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_endpoint", ref("aws_docdb_cluster", n, "endpoint"), f"endpoint of document_db {n}")
