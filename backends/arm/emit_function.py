"""function -> a Linux Consumption plan (Y1) + a Function App (HTTPS only, TLS 1.2, FTPS off,
system-assigned identity) + its own storage account reached with that identity (no account keys)."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, x
from .registry import ARM

RUNTIMES = {
    "python3.13": ("python", "Python|3.13"), "python3.12": ("python", "Python|3.12"),
    "python3.11": ("python", "Python|3.11"), "python3.10": ("python", "Python|3.10"),
    "nodejs22.x": ("node", "Node|22"), "nodejs20.x": ("node", "Node|20"),
    "java21": ("java", "Java|21"), "java17": ("java", "Java|17"),
    "dotnet8": ("dotnet-isolated", "DOTNET-ISOLATED|8.0"),
}


@ARM.register("function")
def emit_function(ctx: ArmContext, r: IRResource) -> None:
    runtime = r.get("runtime")
    if runtime not in RUNTIMES:
        ctx.diag("ADL5058", r.span_of("runtime"), name=r.name, runtime=runtime,
                 options=", ".join(f"`{k}`" for k in RUNTIMES))
        return
    worker, fx = RUNTIMES[runtime]
    store = Ref("Microsoft.Storage/storageAccounts", (ctx.name_expr("storage", r.name, "fn"),))
    ctx.resource(store.type, store.name, tags=ctx.tags_for(r), kind="StorageV2", sku={"name": "Standard_GZRS"},
                 props=shared.storage_properties(False, {"publicNetworkAccess": "Enabled",
                                                         "networkAcls": {"bypass": "AzureServices",
                                                                         "defaultAction": "Allow"}}))
    plan = Ref("Microsoft.Web/serverfarms", (ctx.name_expr("plan", r.name),))
    ctx.resource(plan.type, plan.name, tags=ctx.tags_for(r), kind="functionapp",
                 sku={"name": "Y1", "tier": "Dynamic"}, props={"reserved": True})
    site = Ref("Microsoft.Web/sites", (ctx.name_expr("site", r.name),))
    ctx.primary[r.name] = site
    settings: list[dict[str, Any]] = [
        {"name": "AzureWebJobsStorage__accountName", "value": x(store.segments[0])},
        {"name": "FUNCTIONS_EXTENSION_VERSION", "value": "~4"},
        {"name": "FUNCTIONS_WORKER_RUNTIME", "value": worker},
    ]
    trig = ctx.ref_target(r, "trigger")
    if trig and trig[0] in ctx.primary:
        settings.append({"name": "ADL_TRIGGER", "value": ctx.primary[trig[0]].last_value})
    if r.get("schedule"):
        settings.append({"name": "ADL_SCHEDULE", "value": str(r.get("schedule"))})
    for i, u in enumerate(r.get("uses") or []):
        if u["ref"] in ctx.primary:
            settings.append({"name": f"ADL_USES_{i}", "value": x(ctx.primary[u["ref"]].id)})
    if r.get("tracing"):
        ai = Ref("Microsoft.Insights/components", (ctx.name_expr("generic", r.name, "appi"),))
        ws = shared.workspace(ctx)
        ctx.resource(ai.type, ai.name, tags=ctx.tags_for(r), kind="web", depends=[ws.id], props={
            "Application_Type": "web", "WorkspaceResourceId": x(ws.id), "DisableLocalAuth": True})
        settings.append({"name": "APPLICATIONINSIGHTS_CONNECTION_STRING",
                         "value": x(f"reference({ai.id}).ConnectionString")})
        settings.append({"name": "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "value": "Authorization=AAD"})
        extra_deps = [ai.id]
    else:
        extra_deps = []
    for attr, why in (("arch", "Consumption plans run x86_64 only"),
                      ("network", "Consumption plans have no VNet integration (use a Flex Consumption or "
                                  "Premium plan)"),
                      ("concurrency", "per-function concurrency is a host.json setting, not an ARM one")):
        if attr in r.explicit and not (attr == "arch" and r.get("arch") == "x86_64"):
            ctx.diag("ADL5054", r.span_of(attr), name=r.name, attr=attr, value=_show(r.get(attr)), why=why,
                     hint="remove the setting or deploy to another plan")
    if "memory" in r.explicit:
        ctx.diag("ADL5055", r.span_of("memory"), name=r.name, attr="memory",
                 what="Consumption instances have a fixed 1.5 GB; memory is not configurable")
    if float(r.get("timeout") or 0) > 600:
        ctx.diag("ADL5055", r.span_of("timeout"), name=r.name, attr="timeout",
                 what="Consumption functions time out after at most 10 minutes (host.json functionTimeout)")
    ctx.resource(site.type, site.name, tags=ctx.tags_for(r), kind="functionapp,linux",
                 identity={"type": "SystemAssigned"},
                 depends=[plan.id, store.id, *extra_deps, *ctx.deps_of(r)], props={
                     "serverFarmId": x(plan.id),
                     "httpsOnly": True,
                     "clientCertEnabled": False,
                     "publicNetworkAccess": "Enabled" if _fronted(ctx, r) else "Disabled",
                     "siteConfig": {
                         "linuxFxVersion": fx,
                         "minTlsVersion": "1.2",
                         "scmMinTlsVersion": "1.2",
                         "ftpsState": "Disabled",
                         "http20Enabled": True,
                         "appSettings": settings,
                     },
                 })
    shared.role_assignment(ctx, store, site, "storage_blob_data_owner", [site.id, store.id], system=True)
    ctx.output(_camel(r.name) + "HostName", "string", x(f"reference({site.id}).defaultHostName"))


def _fronted(ctx: ArmContext, r: IRResource) -> bool:
    """Is the function a load balancer target? Only then does it take inbound traffic from outside."""
    return bool(ctx.targeted_by.get(r.name))


def _show(v: Any) -> str:
    return v["ref"] if isinstance(v, dict) and "ref" in v else str(v)


def _camel(name: str) -> str:
    parts = [p for p in name.replace("-", "_").split("_") if p]
    return parts[0] + "".join(p.capitalize() for p in parts[1:])
