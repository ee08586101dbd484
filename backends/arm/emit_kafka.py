"""kafka -> an Event Hubs namespace whose Kafka endpoint clients use (topics are event hubs, created
by the clients): `brokers` become throughput units, public access off with a private endpoint into
the network, Entra ID (OAuth) auth unless `auth = scram` asks for SAS keys."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext
from .emit_network import member_subnet, subnet_id
from .eventhubs import namespace
from .registry import ARM


@ARM.register("kafka")
def emit_kafka(ctx: ArmContext, r: IRResource) -> None:
    ns = namespace(ctx, r, int(r.get("brokers")), public=False, local_auth=r.get("auth") == "scram")
    for attr, why in (("version", "the Kafka endpoint speaks Kafka 1.0 and later; there is no version to pick"),
                      ("instance", "Event Hubs sizes by throughput units (`brokers`), not broker types"),
                      ("storage", "Event Hubs storage comes with the tier"),
                      ("serverless", "a Standard namespace with auto-inflate is the closest; emitted Standard")):
        if attr in r.explicit:
            ctx.diag("ADL5055", r.span_of(attr), name=r.name, attr=attr, what=why)
    if not r.get("tls"):
        ctx.diag("ADL5055", r.span_of("tls"), name=r.name, attr="tls",
                 what="the Event Hubs Kafka endpoint accepts TLS connections only")
    net = member_subnet(ctx, r)
    if net is not None:
        shared.private_endpoint(ctx, r, ns, "namespace", subnet_id(ctx, *net), ctx.primary[net[0]], [])
