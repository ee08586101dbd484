"""audit -> the subscription's Activity Log exported by a subscription-scope diagnostic setting to
the deployment's Log Analytics workspace and to a storage account (the referenced bucket, else the
log storage account) whose lifecycle rule keeps it for `retention` days."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from . import shared
from .apiversions import API
from .context import ArmContext, Ref, q, x
from .registry import ARM

CATEGORIES = ("Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale",
              "ResourceHealth")


@ARM.register("audit")
def emit_audit(ctx: ArmContext, r: IRResource) -> None:
    ws = shared.workspace(ctx)
    bucket = ctx.ref_target(r, "bucket")
    store = ctx.primary[bucket[0]] if bucket and bucket[0] in ctx.primary else shared.log_storage(ctx)
    days = int(r.get("retention") or 365)
    if not (bucket and bucket[0] in ctx.primary):
        ref = Ref("Microsoft.Storage/storageAccounts/managementPolicies", (store.segments[0], q("default")))
        if "auditpolicy" not in ctx.shared:
            ctx.resource(ref.type, ref.name, location=False, tags=False, depends=[store.id], props={"policy": {
                "rules": [{"enabled": True, "name": "audit-retention", "type": "Lifecycle", "definition": {
                    "filters": {"blobTypes": ["appendBlob", "blockBlob"], "prefixMatch": ["insights-activity-logs/"]},
                    "actions": {"baseBlob": {"delete": {"daysAfterModificationGreaterThan": days}}}}}]}})
            ctx.shared["auditpolicy"] = ref
    if days > 730:
        ctx.diag("ADL5055", r.span_of("retention"), name=r.name, attr="retention",
                 what=f"Log Analytics keeps at most 730 days interactively; the storage archive keeps {days} days")
    for attr, what in (("log_validation", "Azure has no log-file digest; the storage archive is the copy of "
                                          "record (add an immutability policy via a bucket with retention)"),
                       ("data_events", "data-plane events are per-resource diagnostic settings, emitted "
                                       "on each resource that has logs")):
        if r.get(attr):
            ctx.diag("ADL5055", r.span_of(attr), name=r.name, attr=attr, what=what)
    if isinstance(r.get("encryption"), dict) and not bucket:
        ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                 what="the log storage account uses Microsoft-managed keys; reference a bucket encrypted "
                      "with the key as `bucket` to use it")
    name = ctx.name_expr("generic", r.name, "activity")
    inner = {
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"name": {"type": "string"}, "workspaceId": {"type": "string"},
                       "storageId": {"type": "string"}},
        "resources": [{
            "type": "Microsoft.Insights/diagnosticSettings",
            "apiVersion": API["Microsoft.Insights/diagnosticSettings"],
            "name": "[parameters('name')]",
            "properties": {
                "workspaceId": "[parameters('workspaceId')]",
                "storageAccountId": "[parameters('storageId')]",
                "logs": [{"category": c, "enabled": True} for c in CATEGORIES],
            },
        }],
    }
    ctx.primary[r.name] = Ref("Microsoft.Resources/deployments", (name,))
    ctx.resource("Microsoft.Resources/deployments", x(name), location="[parameters('location')]", tags=False,
                 subscriptionId="[subscription().subscriptionId]",
                 depends=[ws.id, store.id, *ctx.deps_of(r)], props={
                     "mode": "Incremental",
                     "expressionEvaluationOptions": {"scope": "inner"},
                     "parameters": {"name": {"value": x(name)}, "workspaceId": {"value": x(ws.id)},
                                    "storageId": {"value": x(store.id)}},
                     "template": inner,
                 })
