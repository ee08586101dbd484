"""Azure pricing models. VMs are priced from Microsoft's retail VM table (all regions); other
services only from the cited rows (mostly East US / West Europe / West US) or reported as
unknown: Container Apps, Azure Cache for Redis, MySQL flexible server, Cosmos DB, CDN,
NAT gateway and Activity Log export have no cited price.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from autodeploy.compiler.kinds import kinds_with

from .cost import HOURS_PER_MONTH as H
from .cost import Lines, PricingFn
from .pricers import AZURE_PRICERS
from .prices import Prices, unknown
from .pricing_aws import _fmt, expected_replicas, monthly_requests


def _ops(res: Any, lines: Lines, p: Prices, what: str) -> None:
    n = lines.value("monthly_requests", None, 0)
    q = p.service("keyvault.operations", "10k operations")
    lines.add(
        f"Key Vault operations ({what})",
        lines.per(n, q),
        "10k operations",
        q,
        "" if "monthly_requests" in lines.usage else "assumed 0 operations: set usage `monthly_requests`",
    )


@AZURE_PRICERS.register()
def key(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    _ops(res, lines, p, "keys")
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register()
def secret(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    _ops(res, lines, p, "secrets")
    shared_logs(res, lines, p, ir)


def _public_ip(lines: Lines, n: float, what: str) -> None:
    lines.add(f"Public IP address ({what})", Decimal(repr(n)) * H, "hours",
              unknown("no cited Azure public IP address price", "hours"))


def shared_logs(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    """The deployment's Log Analytics workspace (every diagnostic setting sends to it) and the GRS
    log storage account (flow logs, activity-log archive), billed on the first resource."""
    if ir.resources[0] is not res:
        return
    q = p.service("azlog.ingestion", "GB")
    price = f"${q.unit_price}/GB ({'; '.join(n for n in (q.note,) if n) or p.region})" if q.known else "no price"
    lines.add("Log Analytics ingestion (workspace shared by every diagnostic setting)", 1, "workspace",
              unknown(f"diagnostic log volume is not modelled; ingestion is {price}"))
    # data stores placed in a network (database, cache, the data services) get a private endpoint too
    private = [r.name for r in ir.resources if r.get("network") is not None and (r.kind in (
        "service", "load_balancer") or r.kind in kinds_with("stores_data", "network_placed"))]
    if private:
        # caches get a private endpoint, flexible servers a private DNS zone, Key Vault consumers
        # reach the vault through one private endpoint per network
        lines.add("Private endpoints and private DNS zones", 1, "set",
                  unknown("no cited Azure Private Link or private DNS zone price; for: " + ", ".join(private)))
    if any((r.kind == "network" and r.get("flow_logs")) or (r.kind == "audit" and not r.get("bucket"))
           for r in ir.resources):
        lines.add("Log storage account (Standard_GRS)", 1, "account",
                  unknown("no cited Azure Blob GRS price"))


@AZURE_PRICERS.register()
def vm(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = expected_replicas(res, lines, res.get("count") or {"min": 1, "max": 1}, capacity_key="__none__")
    inst = str(res.get("instance"))
    purchase = res.get("purchase") or "on_demand"
    q = p.azure_vm(inst) if purchase == "on_demand" else unknown(f"no cited Azure {purchase} price for {inst}")
    lines.add(f"Instance ({inst} x {n}, Linux)" + ("" if purchase == "on_demand" else f", {purchase}"), n * H,
              "hours", q, how)
    if res.get("public"):
        _public_ip(lines, n, f"{n} instance(s)")
    disk = float(res.get("disk") or 0)
    premium = (res.get("disk_type") or "gp3") in ("gp3", "gp2")  # the backend's Premium_LRS mapping
    if premium and 64 < disk <= 128:
        lines.add(
            f"Managed disk (Premium SSD P10 x {n})",
            n,
            "disk-months",
            p.service("azdisk.p10", "disk-months"),
            f"{_fmt(disk)} GB fits the P10 (128 GiB) tier",
        )
    else:
        lines.add(
            f"Managed disk ({_fmt(disk)} GB x {n})",
            n,
            "disk-months",
            unknown(f"no cited Azure managed disk price for a {_fmt(disk)} GB {res.get('disk_type') or 'gp3'} disk "
                    "(only Premium SSD P10, 128 GiB)"),
        )
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register()
def database(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    inst = str(res.get("instance"))
    if res.variant == "postgres":
        q = p.service(f"azpg.{inst}", "hours")
        if not q.known:
            q = unknown(f"no cited PostgreSQL flexible server price for {inst}", "hours")
    else:
        q = unknown(f"no cited Azure Database for {res.variant} price", "hours")
    lines.add(f"Compute ({inst})", H, "hours", q)
    lines.add(
        "Storage",
        float(res.get("storage") or 0),
        "GB-months",
        unknown("no cited Azure Database storage price"),
    )
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register()
def cache(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    nodes = int(lines.value("nodes", res.get("nodes"), 1))
    lines.add(
        f"Cache ({res.get('instance')} x {nodes})",
        nodes * H,
        "hours",
        unknown("no cited Azure Cache for Redis price"),
    )
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register()
def service(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = expected_replicas(res, lines, res.get("replicas") or {"min": 1, "max": 1})
    cpu, mem = float(res.get("cpu") or 0.5), float(res.get("memory") or 1)
    lines.add(
        f"Container Apps vCPU ({_fmt(cpu)} vCPU x {n})",
        Decimal(repr(cpu)) * n * H,
        "vCPU-hours",
        unknown("no cited Azure Container Apps price"),
        how,
    )
    lines.add(
        f"Container Apps memory ({_fmt(mem)} GB x {n})",
        Decimal(repr(mem)) * n * H,
        "GB-hours",
        unknown("no cited Azure Container Apps price"),
        how,
    )
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register()
def function(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    from .pricing_aws import _schedule_runs

    sched = _schedule_runs(res.get("schedule"))
    if sched and "monthly_requests" not in lines.usage and res.get("load") is None:
        n, how = sched
    else:
        n, how = monthly_requests(res, lines)
    memory = float(res.get("memory") or 0.5)
    if "duration_ms" in lines.usage:
        lines.used_override = True
        dur, dnote = float(lines.usage["duration_ms"]) / 1000, "mean duration from usage"
    else:
        dur = float(res.get("timeout") or 30) / 10
        dnote = f"assumed mean duration = timeout/10 = {dur:g} s: set usage `duration_ms`"
    q = p.service("azfunc.executions", "1M executions")
    lines.add("Executions", lines.per(n, q), "1M executions", q, how)
    gbs = Decimal(repr(n)) * Decimal(repr(dur)) * Decimal(repr(memory))
    lines.add(
        f"Execution time ({_fmt(memory)} GB)",
        gbs,
        "GB-seconds",
        p.service("azfunc.gb_seconds", "GB-seconds"),
        dnote,
    )
    lines.add("Application Insights (function telemetry)", 1, "component",
              unknown("no cited Azure Application Insights price"))
    lines.add("Function storage account (Standard_GZRS)", 1, "account", unknown("no cited Azure Blob GZRS price"))
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register()
def bucket(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    size = lines.value("size_gb", res.get("size"), 0)
    cls = res.get("storage_class") or "standard"
    # the backend emits Standard_GZRS accounts; the only cited Blob price is Hot LRS (cheaper)
    q = unknown(f"no cited Azure Blob {cls} GZRS price (only Hot LRS is cited)", "GB-months")
    lines.add(f"Blob storage ({cls}, GZRS)", size, "GB-months", q)
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register("queue", "topic")
def _servicebus(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    first = next(r.name for r in ir.resources if r.kind in ("queue", "topic"))
    if res.name == first:
        lines.add(
            "Service Bus Standard namespace",
            1,
            "namespace-months",
            p.service("servicebus.base", "months"),
            "one Standard namespace shared by every queue and topic",
        )
    n, how = monthly_requests(res, lines)
    q = p.service("servicebus.operations", "1M operations")
    lines.add(
        "Operations beyond the 13M included", lines.per(max(0.0, n - 13_000_000), q), "1M operations", q, how
    )
    shared_logs(res, lines, p, ir)


@AZURE_PRICERS.register()
def load_balancer(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    if (res.get("type") or "application") == "application":
        tier = "waf" if res.get("waf") else "standard"
        lines.add(
            f"Application Gateway {tier.upper() if tier == 'waf' else 'Standard'}_v2",
            H,
            "hours",
            p.service(f"appgw.{tier}.fixed", "hours"),
        )
        cu = lines.value("lcu", None, 1)
        lines.add(
            "Capacity units",
            Decimal(repr(cu)) * H,
            "CU-hours",
            p.service(f"appgw.{tier}.cu", "CU-hours"),
            "" if "lcu" in lines.usage else "assumed 1 capacity unit: set usage `lcu`",
        )
    else:
        lines.add(
            "Load-balancing rule",
            H,
            "rule-hours",
            p.service("azlb.rule", "rule-hours"),
            "assumed one rule (one port)",
        )
    if res.get("public"):
        _public_ip(lines, 1, "load balancer frontend")
    shared_logs(res, lines, p, ir)


def _unknown_kind(what: str) -> PricingFn:
    def fn(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
        lines.add(what, 1, "resource", unknown(f"no cited Azure price for {what}"))
        shared_logs(res, lines, p, ir)

    return fn


@AZURE_PRICERS.register()
def network(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n = int(res.get("nat_gateways") or 0)
    if n:
        lines.add("NAT gateway", n * H, "hours", unknown("no cited Azure NAT gateway price"))
    if res.get("flow_logs"):
        lines.add("Flow logs", 1, "resource", unknown("no cited Azure flow log price"))
    if n:
        _public_ip(lines, n, f"{n} NAT gateway(s)")
    shared_logs(res, lines, p, ir)


AZURE_PRICERS.register("table")(_unknown_kind("Cosmos DB Table API"))
AZURE_PRICERS.register("cdn")(_unknown_kind("Azure CDN / Front Door"))
AZURE_PRICERS.register("audit")(_unknown_kind("Activity Log export"))
