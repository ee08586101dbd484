"""database -> RDS instance + DB subnet group + parameter group forcing TLS."""

from __future__ import annotations

import secrets
import string
from typing import Any

from autodeploy.backends.aws import database as facts

from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, always_data, provider


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a, engine = ctx.resource.attrs, facts.engine(ctx.resource.variant)
    rds = ctx.c("rds")
    _, subnets = ctx.subnets()
    group = ctx.primary(facts.identifier(ctx.deployment, ctx.name), ctx.pname(lower=True))
    rds.create_db_subnet_group(DBSubnetGroupName=group, DBSubnetGroupDescription=f"autodeploy {ctx.name}",
                               SubnetIds=subnets, Tags=ctx.tag_list())
    phys["subnet_group"] = group
    rds.create_db_parameter_group(DBParameterGroupName=group,
                                  DBParameterGroupFamily=facts.family(engine, str(a["version"])),
                                  Description=f"autodeploy {ctx.name}", Tags=ctx.tag_list())
    phys["parameter_group"] = group
    p, on, off = facts.TLS_PARAMETER[engine]  # written either way, as main.tf does
    rds.modify_db_parameter_group(DBParameterGroupName=group, Parameters=[
        {"ParameterName": p, "ParameterValue": on if a["tls"] else off, "ApplyMethod": "pending-reboot"}])
    key = ctx.kms_key()
    kwargs: dict[str, Any] = dict(
        DBInstanceIdentifier=group, Engine=engine, EngineVersion=a["version"], DBInstanceClass=a["instance"],
        AllocatedStorage=int(a["storage"]), MultiAZ=a["multi_az"], BackupRetentionPeriod=int(a["backup"]),
        DeletionProtection=a["deletion_protection"], StorageEncrypted=a["encryption"] is not False,
        PubliclyAccessible=a["public"], DBSubnetGroupName=group, DBParameterGroupName=group,
        MasterUsername=facts.MASTER_USER, ManageMasterUserPassword=True, Tags=ctx.tag_list(), CopyTagsToSnapshot=True,
        StorageType=facts.storage_type(a), EnableIAMDatabaseAuthentication=True,
        AutoMinorVersionUpgrade=True, EnablePerformanceInsights=True)
    if key:
        kwargs["KmsKeyId"] = key
        kwargs["MasterUserSecretKmsKeyId"] = key
        kwargs["PerformanceInsightsKMSKeyId"] = key
    if a.get("iops"):
        kwargs["Iops"] = int(a["iops"])
    if a["logs"]:
        kwargs["EnableCloudwatchLogsExports"] = list(facts.LOG_EXPORTS[engine])
    try:
        out = rds.create_db_instance(**kwargs)["DBInstance"]
    except Exception as exc:  # noqa: BLE001
        # Older endpoints do not know ManageMasterUserPassword: fall back to a random one never stored.
        if "ManageMasterUserPassword" not in str(exc):
            raise
        kwargs.pop("ManageMasterUserPassword")
        kwargs.pop("MasterUserSecretKmsKeyId", None)
        alphabet = string.ascii_letters + string.digits
        kwargs["MasterUserPassword"] = "".join(secrets.choice(alphabet) for _ in range(32))
        out = rds.create_db_instance(**kwargs)["DBInstance"]
    phys["instance"] = out["DBInstanceIdentifier"]
    phys["arn"] = out["DBInstanceArn"]
    if out.get("DbiResourceId"):  # the IAM database user ARN (`rds-db:connect` grants) names it
        phys["resource_id"] = out["DbiResourceId"]


def update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    a = ctx.resource.attrs
    ctx.c("rds").modify_db_instance(
        DBInstanceIdentifier=phys["instance"], DBInstanceClass=a["instance"], AllocatedStorage=int(a["storage"]),
        MultiAZ=a["multi_az"], BackupRetentionPeriod=int(a["backup"]), DeletionProtection=a["deletion_protection"],
        ApplyImmediately=True)


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    rds = ctx.c("rds")
    if phys.get("instance"):
        # destroy is the explicit intent: lift deletion protection first (as `terraform destroy` cannot)
        try:
            rds.modify_db_instance(DBInstanceIdentifier=phys["instance"], DeletionProtection=False,
                                   ApplyImmediately=True)
            rds.delete_db_instance(DBInstanceIdentifier=phys["instance"], SkipFinalSnapshot=True,
                                   DeleteAutomatedBackups=True)
        except Exception as exc:  # noqa: BLE001
            if not is_not_found(exc):
                raise
    if phys.get("parameter_group"):
        ignore_missing(rds.delete_db_parameter_group, DBParameterGroupName=phys["parameter_group"])
    if phys.get("subnet_group"):
        ignore_missing(rds.delete_db_subnet_group, DBSubnetGroupName=phys["subnet_group"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        d = ctx.c("rds").describe_db_instances(DBInstanceIdentifier=phys["instance"])["DBInstances"][0]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    if d.get("DBInstanceStatus") == "deleting":
        return None
    return {"instance": d["DBInstanceClass"], "multi_az": d["MultiAZ"], "encrypted": d["StorageEncrypted"],
            "public": d["PubliclyAccessible"], "backup": d["BackupRetentionPeriod"],
            "deletion_protection": d.get("DeletionProtection", False)}


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    return {"instance": a["instance"], "multi_az": a["multi_az"], "encrypted": a["encryption"] is not False,
            "public": a["public"], "backup": int(a["backup"]), "deletion_protection": a["deletion_protection"]}


def dimensions(phys: dict[str, Any]) -> dict[str, str]:
    """The CloudWatch dimension values of the deployed instance (a monitor's alarms on it)."""
    return {"DBInstanceIdentifier": phys.get("instance", "")}


provider(Provider("database", create, delete, read, expected, update,
                  frozenset({"instance", "storage", "multi_az", "backup", "deletion_protection", "tags", "data"}),
                  holds_data=always_data("a database"), dimensions=dimensions))
