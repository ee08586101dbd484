"""An Event Hubs namespace of its own for one ADL resource (stream, kafka): Standard tier, TLS 1.2,
Entra ID only unless SAS keys are asked for, logs to the workspace. The Standard tier encrypts with
platform keys; a referenced key needs a Premium/Dedicated cluster, which ADL does not describe."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref

# Standard-tier ceilings
MAX_THROUGHPUT_UNITS = 40
MAX_PARTITIONS = 32
MAX_RETENTION_DAYS = 7


def namespace(ctx: ArmContext, r: IRResource, units: int | None, public: bool, local_auth: bool) -> Ref:
    """`units` throughput units, or auto-inflate from 1 up to 20 when None (on-demand)."""
    ref = Ref("Microsoft.EventHub/namespaces", (ctx.name_expr("eventhubs", r.name),))
    ctx.primary[r.name] = ref
    if units is not None and units > MAX_THROUGHPUT_UNITS:
        ctx.diag("ADL5054", r.span, name=r.name, attr="throughput units", value=str(units),
                 why=f"a Standard namespace has at most {MAX_THROUGHPUT_UNITS} throughput units; emitted with "
                     f"{MAX_THROUGHPUT_UNITS}", hint="use fewer shards/brokers, or a Dedicated cluster")
        units = MAX_THROUGHPUT_UNITS
    if isinstance(r.get("encryption"), dict):
        ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                 what="a Standard Event Hubs namespace encrypts with platform keys; the key is not used")
    props: dict[str, Any] = {
        "minimumTlsVersion": "1.2",
        "disableLocalAuth": not local_auth,
        "publicNetworkAccess": "Enabled" if public else "Disabled",
        "zoneRedundant": True,
        "isAutoInflateEnabled": units is None,
        "maximumThroughputUnits": 20 if units is None else 0,
        "kafkaEnabled": True,
    }
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), depends=ctx.deps_of(r), props=props,
                 sku={"name": "Standard", "tier": "Standard", "capacity": units or 1},
                 identity={"type": "SystemAssigned"})
    shared.diagnostic_settings(ctx, ref, f"{r.name}-eventhubs")
    return ref
