"""database -> a Cloud SQL instance (PostgreSQL or MySQL) on a private IP in the referenced VPC
(private services access), TLS required, automated backups with point-in-time recovery, CMEK,
query/connection logging flags, deletion protection; an application user with a generated password."""

from __future__ import annotations

from autodeploy.backends.terraform.hcl import Block, Expr, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx
from .grants import ProjectGrant
from .registry import GCP_TERRAFORM

# engine flags that put connections, disconnections and slow statements in Cloud Logging
_LOG_FLAGS = {
    "postgres": (("log_checkpoints", "on"), ("log_connections", "on"), ("log_disconnections", "on"),
                 ("log_lock_waits", "on"), ("log_min_messages", "error"), ("log_min_error_statement", "error"),
                 ("log_hostname", "on"), ("log_duration", "on"), ("log_statement", "ddl"),
                 ("log_min_duration_statement", "-1"), ("log_temp_files", "0"),
                 ("cloudsql.enable_pgaudit", "on")),
    "mysql": (("slow_query_log", "on"), ("log_output", "FILE"), ("skip_show_database", "on"),
              ("local_infile", "off")),
}


def database_version(r: IRResource) -> str:
    v = str(r.get("version") or "")
    if r.variant == "postgres":
        return f"POSTGRES_{v.split('.')[0]}"
    return "MYSQL_" + "_".join(v.split(".")[:2])


@GCP_TERRAFORM.register("database", primary=("google_sql_database_instance",), grants=(
    ProjectGrant("roles/cloudsql.client", "projects/${var.project}/instances/", "google_sql_database_instance"),))
def emit(ctx: GcpCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    backup_days = int(r.get("backup") or 0)
    ip: dict[str, object] = {
        "ipv4_enabled": bool(r.get("public")),
        "ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" if r.get("tls") else "ALLOW_UNENCRYPTED_AND_ENCRYPTED",
    }
    depends = []
    if net is not None:
        ip["private_network"] = ctx.network_id(net)
        ip["enable_private_path_for_google_cloud_services"] = True
        ctx.private_services(net[0])
        depends.append(Expr(f"google_service_networking_connection.{net[0]}"))
    flags = [Block({"name": k, "value": v}) for k, v in _LOG_FLAGS.get(str(r.variant), ())] if r.get("logs") else []
    settings: dict[str, object] = {
        "tier": r.get("instance"),
        "edition": "ENTERPRISE",
        "availability_type": "REGIONAL" if r.get("multi_az") else "ZONAL",
        "disk_type": "PD_SSD",
        "disk_size": int(r.get("storage")),
        "disk_autoresize": True,
        "deletion_protection_enabled": bool(r.get("deletion_protection")),
        "ip_configuration": Block(ip),
        "backup_configuration": Block({
            "enabled": backup_days > 0,
            "point_in_time_recovery_enabled": backup_days > 0 if r.variant == "postgres" else None,
            "binary_log_enabled": backup_days > 0 if r.variant == "mysql" else None,
            "transaction_log_retention_days": min(backup_days, 7) if backup_days else None,
            "backup_retention_settings": Block({"retained_backups": max(backup_days, 1)}),
        }),
        "database_flags": flags or None,
        "user_labels": ctx.labels(r),
    }
    if r.get("storage_type") or r.get("iops") or r.get("throughput"):
        ctx.diag("ADL5501", r.span_of("iops") or r.span_of("storage_type") or r.span, kind="database", name=n,
                 attr="iops", value=r.get("iops") or r.get("storage_type"),
                 reason="Cloud SQL SSD performance follows its disk size", hint="size `storage` for the IOPS needed")
    ctx.resource("google_sql_database_instance", n, {
        "name": r.get("name") or ctx.name(n),
        "database_version": database_version(r),
        "region": Expr("var.region"),
        "encryption_key_name": ctx.key_id(r, "cloudsql"),
        "deletion_protection": bool(r.get("deletion_protection")),
        "settings": Block(settings),
        "depends_on": depends or None,
    })
    ctx.flags.add("random")
    ctx.resource("random_password", f"{n}_db", {"length": 32, "special": False})
    ctx.resource("google_sql_user", n, {
        "name": "app",
        "instance": ref("google_sql_database_instance", n, "name"),
        "password": ref("random_password", f"{n}_db", "result"),
    })
    ctx.output(f"{n}_connection_name", ref("google_sql_database_instance", n, "connection_name"),
               f"connection name of database {n}")
    ctx.output(f"{n}_password", ref("random_password", f"{n}_db", "result"), f"password of user app on {n}",
               sensitive=True)
