"""stream -> an Event Hubs namespace and one event hub: shards become throughput units and
partitions, retention up to the Standard tier's 7 days, and `delivery` becomes Capture into the
bucket's storage account (Avro, through the namespace's identity)."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .emit_storage import _container as container_of
from .eventhubs import MAX_PARTITIONS, MAX_RETENTION_DAYS, namespace
from .names import child_name
from .registry import ARM

DEFAULT_PARTITIONS = 4  # on-demand streams


@ARM.register("stream")
def emit_stream(ctx: ArmContext, r: IRResource) -> None:
    shards = r.get("shards")
    ns = namespace(ctx, r, int(shards) if shards is not None else None, public=True, local_auth=False)
    days = float(r.get("retention"))
    if days > MAX_RETENTION_DAYS:
        ctx.diag("ADL5054", r.span_of("retention"), name=r.name, attr="retention", value=f"{days:g} days",
                 why=f"a Standard event hub keeps events at most {MAX_RETENTION_DAYS} days; emitted with "
                     f"{MAX_RETENTION_DAYS}", hint="deliver the stream to a bucket for longer retention")
    props: dict[str, Any] = {
        "partitionCount": min(MAX_PARTITIONS, max(int(shards), 2)) if shards is not None else DEFAULT_PARTITIONS,
        "messageRetentionInDays": max(1, min(MAX_RETENTION_DAYS, round(days))),
    }
    deps = [ns.id]
    target = ctx.ref_target(r, "delivery")
    if target is not None and target[0] in ctx.primary:
        acct = ctx.primary[target[0]]
        deps.append(shared.role_assignment(ctx, acct, ns, "storage_blob_data_contributor", [acct.id, ns.id],
                                           system=True))
        props["captureDescription"] = {
            "enabled": True, "encoding": "Avro", "intervalInSeconds": 300, "sizeLimitInBytes": 314572800,
            "skipEmptyArchives": True,
            "destination": {
                "name": "EventHubArchive.AzureBlockBlob",
                "identity": {"type": "SystemAssigned"},
                "properties": {
                    "storageAccountResourceId": x(acct.id),
                    "blobContainer": container_of(target[0]),
                    "archiveNameFormat": "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/"
                                         "{Minute}/{Second}",
                },
            },
        }
    hub = Ref("Microsoft.EventHub/namespaces/eventhubs", (ns.segments[0], q(child_name(r.name, 256))))
    ctx.resource(hub.type, hub.name, location=False, tags=False, depends=deps, props=props)
