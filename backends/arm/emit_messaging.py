"""queue / topic -> queues and topics in the deployment's Service Bus namespace (TLS 1.2, local auth
off); topic subscribers become subscriptions that forward to the queue or feed the function."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .names import child_name
from .registry import ARM

MAX_LOCK_SECONDS = 300  # Service Bus lock duration ceiling


def namespace(ctx: ArmContext) -> Ref:
    if "servicebus" in ctx.shared:
        return ctx.shared["servicebus"]
    ref = Ref("Microsoft.ServiceBus/namespaces", (ctx.name_expr("servicebus", "bus"),))
    msg = [r for r in ctx.ir.resources if r.kind in ("queue", "topic")]
    keys = sorted({r.get("encryption")["ref"] for r in msg if isinstance(r.get("encryption"), dict)})
    props: dict[str, Any] = {"minimumTlsVersion": "1.2", "disableLocalAuth": True,
                             "publicNetworkAccess": "Enabled", "zoneRedundant": True}
    kw: dict[str, Any] = {"sku": {"name": "Standard", "tier": "Standard"}}
    deps: list[str] = []
    if keys and keys[0] in ctx.primary:
        # Customer-managed keys need the Premium tier.
        key, kv, ident = ctx.primary[keys[0]], shared.vault(ctx), shared.cmk_identity(ctx)
        kw = {"sku": {"name": "Premium", "tier": "Premium", "capacity": 1},
              "identity": {"type": "UserAssigned", "userAssignedIdentities": {x(ident.id): {}}}}
        props["encryption"] = {"keySource": "Microsoft.KeyVault", "requireInfrastructureEncryption": True,
                               "keyVaultProperties": [{
                                   "keyName": key.last_value, "keyVaultUri": x(f"reference({kv.id}).vaultUri"),
                                   "identity": {"userAssignedIdentity": x(ident.id)}}]}
        deps += [key.id, ident.id, shared.cmk_role(ctx)]
        for r in msg:
            if isinstance(r.get("encryption"), dict) and r.get("encryption")["ref"] != keys[0]:
                ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                         what=f"one Service Bus namespace holds every queue and topic; it uses key `{keys[0]}`")
    ctx.resource(ref.type, ref.name, depends=deps, props=props, **kw)
    shared.diagnostic_settings(ctx, ref, "bus")
    ctx.shared["servicebus"] = ref
    return ref


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    days, rem = divmod(s, 86400)
    hours, rem = divmod(rem, 3600)
    mins, secs = divmod(rem, 60)
    out = "P" + (f"{days}D" if days else "")
    t = (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "") + (f"{secs}S" if secs else "")
    return out + ("T" + t if t else ("" if days else "T0S"))


@ARM.register("queue")
def emit_queue(ctx: ArmContext, r: IRResource) -> None:
    ns = namespace(ctx)
    ref = Ref("Microsoft.ServiceBus/namespaces/queues", (ns.segments[0], q(r.get("name") or child_name(r.name, 260))))
    ctx.primary[r.name] = ref
    lock = float(r.get("visibility_timeout") or 30)
    if lock > MAX_LOCK_SECONDS:
        ctx.diag("ADL5055", r.span_of("visibility_timeout"), name=r.name, attr="visibility_timeout",
                 what=f"Service Bus locks last at most 5 minutes; {int(lock)} s -> 300 s (renew the lock "
                      "in the consumer)")
        lock = MAX_LOCK_SECONDS
    props: dict[str, Any] = {
        "lockDuration": _duration(max(lock, 5)),
        "maxDeliveryCount": int(r.get("max_receives") or 10),
        "defaultMessageTimeToLive": _duration(float(r.get("retention") or 4) * 86400),
        "deadLetteringOnMessageExpiration": True,
        "requiresSession": bool(r.get("fifo")),
        "requiresDuplicateDetection": bool(r.get("fifo")),
        "enablePartitioning": False,
    }
    deps = [ns.id, *ctx.deps_of(r)]
    dl = ctx.ref_target(r, "dead_letter")
    if dl and dl[0] in ctx.primary:
        props["forwardDeadLetteredMessagesTo"] = ctx.primary[dl[0]].last_value
    ctx.resource(ref.type, ref.name, location=False, tags=False, depends=deps, props=props)


@ARM.register("topic")
def emit_topic(ctx: ArmContext, r: IRResource) -> None:
    ns = namespace(ctx)
    ref = Ref("Microsoft.ServiceBus/namespaces/topics", (ns.segments[0], q(child_name(r.name, 260))))
    ctx.primary[r.name] = ref
    ctx.resource(ref.type, ref.name, location=False, tags=False, depends=[ns.id, *ctx.deps_of(r)], props={
        "supportOrdering": bool(r.get("fifo")),
        "requiresDuplicateDetection": bool(r.get("fifo")),
        "defaultMessageTimeToLive": "P14D",
        "enablePartitioning": False,
    })
    for sub in r.get("subscribers") or []:
        target = ctx.by_name.get(sub["ref"])
        if target is None or target.name not in ctx.primary:
            continue
        sref = Ref(ref.type + "/subscriptions", ref.segments + (q(child_name(target.name, 50)),))
        sprops: dict[str, Any] = {"maxDeliveryCount": 10, "deadLetteringOnMessageExpiration": True,
                                  "lockDuration": "PT1M"}
        deps = [ref.id]
        if target.kind == "queue":
            sprops["forwardTo"] = ctx.primary[target.name].last_value
            deps.append(ctx.primary[target.name].id)
        ctx.resource(sref.type, sref.name, location=False, tags=False, depends=deps, props=sprops)
