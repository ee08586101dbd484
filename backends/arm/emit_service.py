"""service -> a Container Apps managed environment (one per network, logs to Log Analytics) and a
container app: cpu/memory, min/max replicas from the range, external ingress only for expose = https,
insecure (HTTP) connections never allowed, secrets read from Key Vault with the app's identity."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, lit, x
from .emit_network import dedicated_subnet, subnet_id
from .names import child_name
from .registry import ARM


def _environment(ctx: ArmContext, r: IRResource) -> Ref:
    net = dedicated_subnet(ctx, r, "apps")
    key = "cae:" + (net[0] if net else "")
    if key in ctx.shared:
        return ctx.shared[key]
    ws = shared.workspace(ctx)
    ref = Ref("Microsoft.App/managedEnvironments", (ctx.name_expr("managedenv", net[0] if net else "apps"),))
    props: dict[str, Any] = {
        "appLogsConfiguration": {"destination": "log-analytics", "logAnalyticsConfiguration": {
            "customerId": x(f"reference({ws.id}).customerId"),
            "sharedKey": x(f"listKeys({ws.id}, '2023-09-01').primarySharedKey")}},
        "workloadProfiles": [{"name": "Consumption", "workloadProfileType": "Consumption"}],
        "zoneRedundant": False,
    }
    deps = [ws.id]
    if net:
        props["vnetConfiguration"] = {"infrastructureSubnetId": x(subnet_id(ctx, *net)), "internal": False}
        deps.append(ctx.primary[net[0]].id)
    ctx.resource(ref.type, ref.name, depends=deps, props=props)
    ctx.shared[key] = ref
    return ref


def _cpu_mem(ctx: ArmContext, r: IRResource) -> tuple[float, float]:
    cpu, mem = float(r.get("cpu") or 0.5), float(r.get("memory") or 1)
    if cpu > 4:
        ctx.diag("ADL5055", r.span_of("cpu"), name=r.name, attr="cpu",
                 what=f"the Consumption profile allows at most 4 vCPU per replica; {cpu:g} -> 4")
        cpu = 4.0
    snapped = max(0.25, round(cpu * 4) / 4)
    if mem != snapped * 2:
        ctx.diag("ADL5055", r.span_of("memory"), name=r.name, attr="memory",
                 what=f"the Consumption profile pairs {snapped:g} vCPU with {snapped * 2:g} GiB; "
                      f"{mem:g} GB -> {snapped * 2:g} GiB")
    return snapped, snapped * 2


@ARM.register("service")
def emit_service(ctx: ArmContext, r: IRResource) -> None:
    env = _environment(ctx, r)
    app = Ref("Microsoft.App/containerApps", (ctx.name_expr("containerapp", r.name),))
    ctx.primary[r.name] = app
    cpu, mem = _cpu_mem(ctx, r)
    replicas = r.get("replicas") or {"min": 1, "max": 1}
    lo, hi = int(replicas["min"]), int(replicas["max"])
    if hi > 300:
        ctx.diag("ADL5055", r.span_of("replicas"), name=r.name, attr="replicas",
                 what=f"a container app scales to at most 300 replicas; {hi} -> 300")
        hi = 300
    expose = r.get("expose")
    if expose == "http":
        ctx.diag("ADL5055", r.span_of("expose"), name=r.name, attr="expose",
                 what="plain HTTP is redirected: ingress is external but allowInsecure is false")
    ingress = {
        "external": expose in ("https", "http"),
        "targetPort": int(r.get("port") or 8080),
        "transport": "auto",
        "allowInsecure": False,
    }
    secrets: list[dict[str, Any]] = []
    env_vars = [{"name": lit(str(k)), "value": lit(str(v))} for k, v in sorted((r.get("env") or {}).items())]
    deps = [env.id, *ctx.deps_of(r)]
    for s in r.get("secrets") or []:
        sref = ctx.primary.get(s["ref"])
        if sref is None:
            continue
        sname = child_name(s["ref"], 20)
        secrets.append({"name": sname, "keyVaultUrl": x(f"reference({sref.id}).secretUri"), "identity": "system"})
        env_vars.append({"name": s["ref"].upper(), "secretRef": sname})
    for u in r.get("uses") or []:
        if u["ref"] in ctx.primary:
            env_vars.append({"name": f"ADL_USES_{child_name(u['ref']).upper().replace('-', '_')}",
                             "value": x(ctx.primary[u["ref"]].id)})
    probe_path = lit(r.get("health_path") or "/health")
    container = {
        "name": child_name(r.name, 32),
        "image": lit(str(r.get("image"))),
        "resources": {"cpu": x(f"json('{cpu:g}')"), "memory": f"{mem:g}Gi"},
        "env": env_vars,
        "probes": [{"type": "Liveness", "httpGet": {"path": probe_path, "port": ingress["targetPort"]}},
                   {"type": "Readiness", "httpGet": {"path": probe_path, "port": ingress["targetPort"]}}],
    }
    if r.get("arch") == "arm64":
        ctx.diag("ADL5054", r.span_of("arch"), name=r.name, attr="arch", value="arm64",
                 why="Container Apps runs linux/amd64 images only", hint="build an amd64 image")
    if not r.get("logs"):
        ctx.diag("ADL5055", r.span_of("logs"), name=r.name, attr="logs",
                 what="the environment sends every app's console logs to Log Analytics")
    if secrets:
        # Secrets are resolved at deploy through the system identity, which needs Key Vault Secrets User
        # before the app exists: that is a chicken-and-egg for a system identity, so the app gets a
        # user-assigned one.
        ident = Ref("Microsoft.ManagedIdentity/userAssignedIdentities", (ctx.name_expr("generic", r.name, "id"),))
        ctx.resource(ident.type, ident.name, tags=ctx.tags_for(r))
        kv = shared.vault(ctx)
        deps += [ident.id, shared.role_assignment(ctx, kv, ident, "kv_secrets_user", [ident.id, kv.id])]
        net = dedicated_subnet(ctx, r, "apps")
        if net is not None:
            deps += shared.vault_endpoint(ctx, r, net[0])
        else:
            ctx.diag("ADL5060", r.span_of("secrets"), name=r.name, attr="secrets",
                     why="the Key Vault refuses public traffic and the service has no network to reach it from",
                     hint="add `network = <network>.private`")
        for s in secrets:
            s["identity"] = x(ident.id)
        identity: dict[str, Any] = {"type": "SystemAssigned,UserAssigned",
                                    "userAssignedIdentities": {x(ident.id): {}}}
    else:
        identity = {"type": "SystemAssigned"}
    ctx.resource(app.type, app.name, tags=ctx.tags_for(r), identity=identity, depends=deps, props={
        "environmentId": x(env.id),
        "workloadProfileName": "Consumption",
        "configuration": {"activeRevisionsMode": "Single", "ingress": ingress, "secrets": secrets},
        "template": {"containers": [container], "scale": {"minReplicas": lo, "maxReplicas": max(hi, 1)}},
    })
    if ingress["external"]:
        ctx.output(_camel(r.name) + "Fqdn", "string", x(f"reference({app.id}).configuration.ingress.fqdn"))



def _camel(name: str) -> str:
    parts = [p for p in name.replace("-", "_").split("_") if p]
    return parts[0] + "".join(p.capitalize() for p in parts[1:])
