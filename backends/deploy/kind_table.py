"""table -> DynamoDB table + PITR + SSE (KMS when a key is referenced)."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import table as facts

from .cloud import ignore_missing, is_not_found
from .providers import Ctx, Provider, always_data, provider


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    ddb = ctx.c("dynamodb")
    keys = [{"AttributeName": a["partition_key"], "KeyType": "HASH"}]
    defs = [{"AttributeName": a["partition_key"], "AttributeType": "S"}]
    if a.get("sort_key"):
        keys.append({"AttributeName": a["sort_key"], "KeyType": "RANGE"})
        defs.append({"AttributeName": a["sort_key"], "AttributeType": "S"})
    name = ctx.primary(facts.name(ctx.deployment, ctx.name), ctx.pname(limit=255, lower=False))
    kwargs: dict[str, Any] = {"TableName": name, "KeySchema": keys,
                              "AttributeDefinitions": defs, "Tags": ctx.tag_list(),
                              "DeletionProtectionEnabled": a["deletion_protection"]}
    if a["billing"] == "provisioned":
        kwargs["BillingMode"] = "PROVISIONED"
        kwargs["ProvisionedThroughput"] = {"ReadCapacityUnits": a.get("read_capacity") or 5,
                                           "WriteCapacityUnits": a.get("write_capacity") or 5}
    else:
        kwargs["BillingMode"] = "PAY_PER_REQUEST"
    if a["encryption"] is not False:
        sse: dict[str, Any] = {"Enabled": True, "SSEType": "KMS"}
        if ctx.kms_key():
            sse["KMSMasterKeyId"] = ctx.kms_key()
        kwargs["SSESpecification"] = sse
    out = ddb.create_table(**kwargs)["TableDescription"]
    phys["table"], phys["arn"] = out["TableName"], out["TableArn"]
    if out.get("LatestStreamArn"):
        phys["stream_arn"] = out["LatestStreamArn"]
    if a["pitr"]:
        ddb.update_continuous_backups(TableName=phys["table"], PointInTimeRecoverySpecification={
            "PointInTimeRecoveryEnabled": True})


def update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    a = ctx.resource.attrs
    ddb = ctx.c("dynamodb")
    ddb.update_continuous_backups(TableName=phys["table"], PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": a["pitr"]})
    ddb.update_table(TableName=phys["table"], DeletionProtectionEnabled=a["deletion_protection"])


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    if not phys.get("table"):
        return
    ddb = ctx.c("dynamodb")
    try:
        ddb.update_table(TableName=phys["table"], DeletionProtectionEnabled=False)
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return
        raise
    ignore_missing(ddb.delete_table, TableName=phys["table"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    ddb = ctx.c("dynamodb")
    try:
        t = ddb.describe_table(TableName=phys["table"])["Table"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    pitr = ddb.describe_continuous_backups(TableName=phys["table"])["ContinuousBackupsDescription"]
    pitr_on = pitr.get("PointInTimeRecoveryDescription", {}).get("PointInTimeRecoveryStatus") == "ENABLED"
    return {"pitr": pitr_on, "deletion_protection": t.get("DeletionProtectionEnabled", False)}


def expected(r: Any) -> dict[str, Any]:
    return {"pitr": r.attrs["pitr"], "deletion_protection": r.attrs["deletion_protection"]}


def dimensions(phys: dict[str, Any]) -> dict[str, str]:
    """The CloudWatch dimension values of the deployed table (a monitor's alarms on it)."""
    return {"TableName": phys.get("table", "")}


provider(Provider("table", create, delete, read, expected, update,
                  frozenset({"pitr", "deletion_protection", "tags", "size", "load", "data"}),
                  holds_data=always_data("a table"), dimensions=dimensions))
