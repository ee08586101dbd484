"""search -> Azure AI Search service: `instance` is the tier, `nodes` the replicas; public network
access off (a private endpoint into the network when one is named), Entra ID only when `auth`
(API keys off), a system identity for customer-managed keys, logs to the workspace."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref
from .emit_network import member_subnet, subnet_id
from .registry import ARM


@ARM.register("search")
def emit_search(ctx: ArmContext, r: IRResource) -> None:
    ref = Ref("Microsoft.Search/searchServices", (ctx.name_expr("search", r.name),))
    ctx.primary[r.name] = ref
    public = bool(r.get("public"))
    props: dict[str, Any] = {
        "replicaCount": int(r.get("nodes")),
        "partitionCount": 1,
        "hostingMode": "default",
        "publicNetworkAccess": "enabled" if public else "disabled",
        "disableLocalAuth": bool(r.get("auth")),
        "networkRuleSet": {"bypass": "None", "ipRules": []},
    }
    if isinstance(r.get("encryption"), dict):
        # the service then refuses indexes and synonym maps not encrypted with a customer key
        props["encryptionWithCmk"] = {"enforcement": "Enabled"}
    for attr, why in (("masters", "Azure AI Search has no dedicated master nodes"),
                      ("zones", "replicas spread over zones where the region has them"),
                      ("storage", "storage comes with the tier's partitions"),
                      ("version", "Azure AI Search has no engine versions")):
        if attr in r.explicit:
            ctx.diag("ADL5055", r.span_of(attr), name=r.name, attr=attr, what=why)
    if not r.get("tls"):
        ctx.diag("ADL5055", r.span_of("tls"), name=r.name, attr="tls",
                 what="Azure AI Search serves HTTPS only regardless")
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), depends=ctx.deps_of(r), props=props,
                 sku={"name": str(r.get("instance"))}, identity={"type": "SystemAssigned"})
    if r.get("logs"):
        shared.diagnostic_settings(ctx, ref, f"{r.name}-search")
    net = member_subnet(ctx, r)
    if net is not None:
        shared.private_endpoint(ctx, r, ref, "searchService", subnet_id(ctx, *net), ctx.primary[net[0]], [])
