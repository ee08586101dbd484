"""database -> RDS instance, subnet group (private subnets), parameter group forcing TLS."""

from __future__ import annotations

from typing import Any

from autodeploy.backends import naming
from autodeploy.compiler.ir import IRResource

from .access import sid_of
from .context import TfCtx
from .hcl import Block, Expr, Tmpl, ref
from .registry import TERRAFORM

PORTS = {"postgres": 5432, "mysql": 3306, "mariadb": 3306}
_LOGS = {"postgres": ["postgresql", "upgrade"], "mysql": ["audit", "error", "general", "slowquery"],
         "mariadb": ["audit", "error", "general", "slowquery"]}


def family(engine: str, version: str) -> str:
    parts = version.split(".")
    if engine == "postgres":
        return f"postgres{parts[0]}"
    return f"{engine}{'.'.join(parts[:2])}"



def storage_type(r: IRResource) -> str:
    """As written, else io1 when IOPS are given (the language's original meaning), else gp3."""
    return str(r.get("storage_type") or ("io1" if r.get("iops") else "gp3"))

def _gp3_setting(ctx: TfCtx, r: IRResource, attr: str) -> int | None:
    """RDS gp3 takes IOPS and throughput only from 400 GB (below, the baseline is fixed)."""
    value = r.get(attr)
    if value is None or storage_type(r) != "gp3" or float(r.get("storage")) >= 400:
        return None if value is None else int(value)
    ctx.diag("ADL5003", r.span_of(attr), kind="database", name=r.name, attr=attr, value=str(value),
             reason="RDS gp3 storage below 400 GB has a fixed baseline; it is left out",
             hint="set `storage` to at least 400 GB, or `storage_type = io1`")
    return None


def iam(ctx: TfCtx, target: IRResource, attr: str) -> list[dict[str, Any]]:
    """IAM database authentication for a principal that `uses` this database inside a network."""
    if attr == "trigger" or not target.get("network"):
        return []
    n = target.name
    return [{"sid": f"Connect{sid_of(n)}", "actions": ["rds-db:connect"], "resources": [Tmpl(
        "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:"
        f"${{data.aws_caller_identity.current.account_id}}:dbuser:${{aws_db_instance.{n}.resource_id}}/app")]}]


@TERRAFORM.register("database", primary=("aws_db_instance",), iam=iam)
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    engine = r.variant or "postgres"
    ident = r.get("name") or naming.rds_identifier(ctx.deployment, n)
    net = ctx.network(r)
    if net is None:
        return
    sg = ctx.security_group(r, net, PORTS[engine])
    ctx.resource("aws_db_subnet_group", n, {"name": ident, "subnet_ids": ctx.subnets(net), "tags": ctx.tags(r)})
    tls = bool(r.get("tls"))
    param = ({"name": "rds.force_ssl", "value": "1" if tls else "0"} if engine == "postgres"
             else {"name": "require_secure_transport", "value": "ON" if tls else "OFF"})
    ctx.resource("aws_db_parameter_group", n, {
        "name": ident, "family": family(engine, str(r.get("version"))), "parameter": Block(param)})
    ctx.role(f"{n}_monitoring", "monitoring.rds.amazonaws.com", ("service-role/AmazonRDSEnhancedMonitoringRole",))
    key = ctx.key_arn(r)
    enc = ctx.encrypted(r)
    ctx.resource("aws_db_instance", n, {
        "identifier": ident,
        "engine": engine,
        "engine_version": str(r.get("version")),
        "instance_class": r.get("instance"),
        "allocated_storage": int(r.get("storage")),
        "storage_type": storage_type(r),
        "iops": _gp3_setting(ctx, r, "iops"),
        "storage_throughput": _gp3_setting(ctx, r, "throughput") if storage_type(r) == "gp3" else None,
        "storage_encrypted": enc,
        "kms_key_id": key if enc else None,
        "username": "app_admin",
        "manage_master_user_password": True,
        "master_user_secret_kms_key_id": key,
        "iam_database_authentication_enabled": True,
        "multi_az": bool(r.get("multi_az")),
        "db_subnet_group_name": ref("aws_db_subnet_group", n, "name"),
        "parameter_group_name": ref("aws_db_parameter_group", n, "name"),
        "vpc_security_group_ids": [sg],
        "publicly_accessible": bool(r.get("public")),
        "backup_retention_period": int(r.get("backup")),
        "deletion_protection": bool(r.get("deletion_protection")),
        "enabled_cloudwatch_logs_exports": _LOGS[engine] if r.get("logs") else None,
        "monitoring_interval": 60,
        "monitoring_role_arn": ref("aws_iam_role", f"{n}_monitoring", "arn"),
        "performance_insights_enabled": True,
        "performance_insights_kms_key_id": key,
        "auto_minor_version_upgrade": True,
        "copy_tags_to_snapshot": True,
        "skip_final_snapshot": False,
        "final_snapshot_identifier": f"{ident[:50]}-final",
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_endpoint", ref("aws_db_instance", n, "endpoint"), f"endpoint of database {n}")
    _ = Expr
