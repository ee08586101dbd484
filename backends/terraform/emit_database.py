"""database -> RDS instance, subnet group (private subnets), parameter group forcing TLS."""

from __future__ import annotations

from autodeploy.backends.aws import database as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Expr, ref
from .registry import TERRAFORM


def _gp3_setting(ctx: TfCtx, r: IRResource, attr: str) -> int | None:
    """RDS gp3 takes IOPS and throughput only from 400 GB (below, the baseline is fixed)."""
    value = r.get(attr)
    if value is None or facts.storage_type(r.attrs) != "gp3" or float(r.get("storage")) >= 400:
        return None if value is None else int(value)
    ctx.diag("ADL5003", r.span_of(attr), kind="database", name=r.name, attr=attr, value=str(value),
             reason="RDS gp3 storage below 400 GB has a fixed baseline; it is left out",
             hint="set `storage` to at least 400 GB, or `storage_type = io1`")
    return None


@TERRAFORM.register("database", primary=("aws_db_instance",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    engine = facts.engine(r.variant)
    ident = r.get("name") or facts.identifier(ctx.deployment, n)
    net = ctx.network(r)
    if net is None:
        return
    sg = ctx.security_group(r, net, facts.PORTS[engine])
    ctx.resource("aws_db_subnet_group", n, {"name": ident, "subnet_ids": ctx.subnets(net), "tags": ctx.tags(r)})
    tls = bool(r.get("tls"))
    pname, on, off = facts.TLS_PARAMETER[engine]
    ctx.resource("aws_db_parameter_group", n, {
        "name": ident, "family": facts.family(engine, str(r.get("version"))),
        "parameter": Block({"name": pname, "value": on if tls else off})})
    ctx.role(f"{n}_monitoring", "monitoring.rds.amazonaws.com", ("service-role/AmazonRDSEnhancedMonitoringRole",))
    key = ctx.key_arn(r)
    enc = ctx.encrypted(r)
    ctx.resource("aws_db_instance", n, {
        "identifier": ident,
        "engine": engine,
        "engine_version": str(r.get("version")),
        "instance_class": r.get("instance"),
        "allocated_storage": int(r.get("storage")),
        "storage_type": facts.storage_type(r.attrs),
        "iops": _gp3_setting(ctx, r, "iops"),
        "storage_throughput": _gp3_setting(ctx, r, "throughput") if facts.storage_type(r.attrs) == "gp3" else None,
        "storage_encrypted": enc,
        "kms_key_id": key if enc else None,
        "username": facts.MASTER_USER,
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
        "enabled_cloudwatch_logs_exports": list(facts.LOG_EXPORTS[engine]) if r.get("logs") else None,
        "monitoring_interval": facts.MONITORING_INTERVAL,
        "monitoring_role_arn": ref("aws_iam_role", f"{n}_monitoring", "arn"),
        "performance_insights_enabled": True,
        "performance_insights_kms_key_id": key,
        "auto_minor_version_upgrade": True,
        "copy_tags_to_snapshot": True,
        "skip_final_snapshot": False,
        "final_snapshot_identifier": f"{ident[:50]}{facts.FINAL_SNAPSHOT_SUFFIX}",
        "tags": ctx.tags(r),
    })
    ctx.output(f"{n}_endpoint", ref("aws_db_instance", n, "endpoint"), f"endpoint of database {n}")
    _ = Expr
