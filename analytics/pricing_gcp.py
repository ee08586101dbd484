"""Google Cloud pricing models, priced only from gcp_prices.csv (analytics/data/gcp_prices.SOURCE.md).

Those are list prices, mostly for us-central1 (Cloud Run for europe-west3): in any other region a
component is unknown, never carried over (analytics/prices.py, REGION_STRICT). Sustained-use
discounts are not applied (the figures are list prices; docs/gcp.md). Firestore, regional Cloud
Storage, Cloud Scheduler, Eventarc and Serverless VPC Access have no cited price: explicit unknowns.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from autodeploy.compiler.sizes import redis_band

from .cost import HOURS_PER_MONTH as H
from .cost import SECONDS_PER_MONTH, Lines
from .pricers import GCP_PRICERS
from .prices import Prices, Quote, unknown
from .pricing_aws import _fmt, _schedule_runs, expected_replicas, monthly_requests

_CUSTOM = re.compile(r"^(?:(n1|n2|n2d)-)?custom-([0-9]+)-([0-9]+)$")
_DB_CUSTOM = re.compile(r"^db-custom-([0-9]+)-([0-9]+)$")
GIB = 1024


def _d(x: float) -> Decimal:
    return Decimal(repr(float(x)))


def _usage(lines: Lines, key: str, what: str) -> tuple[float, str]:
    if key in lines.usage:
        lines.used_override = True
        return float(lines.usage[key]), ""
    lines.used_default = True
    return 0.0, f"assumed 0 {what}: set usage `{key}`"


def _logging(lines: Lines, p: Prices, what: str, key: str = "log_gb") -> None:
    gb, how = _usage(lines, key, "GB")
    lines.add(f"Cloud Logging ingestion ({what})", gb, "GB", p.service("gcp.logging.ingestion", "GB"),
              "; ".join(x for x in (how, "50 GB/month free per project not applied") if x))


@GCP_PRICERS.register()
def network(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    if res.get("nat_gateways"):
        vms = sum(int((r.get("count") or {"min": 1})["min"]) for r in ir.resources
                  if r.kind == "vm" and (r.get("network") or {}).get("ref") == res.name)
        lines.add(f"Cloud NAT uptime ({vms} VM(s) in the network)", min(vms, 32) * H, "VM-hours",
                  p.service("gcp.nat.vm_hour", "VM-hours"), "per assigned VM, first 32 VMs")
        gb, how = _usage(lines, "nat_data_gb", "GB")
        lines.add("Cloud NAT data processed", gb, "GB", p.service("gcp.nat.data", "GB"), how)
    if res.get("flow_logs"):
        _logging(lines, p, "VPC flow logs", "flow_logs_gb")


@GCP_PRICERS.register()
def key(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    lines.add("Cloud KMS key version (software, symmetric)", 1, "key versions", p.service("gcp.kms.key_version",
              "key versions"), "one active version; each 90-day rotation adds one" if res.get("rotation") else "")
    n, how = _usage(lines, "monthly_requests", "operations")
    q = p.service("gcp.kms.operations", "10k operations")
    lines.add("Cloud KMS cryptographic operations", lines.per(n, q), "10k operations", q, how)


@GCP_PRICERS.register()
def secret(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    lines.add("Secret Manager active version (1 replica)", 1, "versions", p.service("gcp.secret.version", "versions"),
              "6 free versions per project not applied")
    n, how = _usage(lines, "monthly_requests", "operations")
    q = p.service("gcp.secret.access", "10k operations")
    lines.add("Secret Manager access operations", lines.per(n, q), "10k operations", q, how)


@GCP_PRICERS.register()
def bucket(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    gb = lines.value("size_gb", res.get("size"), 0)
    lines.add(f"Cloud Storage ({res.get('storage_class') or 'standard'}, regional)", gb, "GB-months",
              unknown("no cited regional Cloud Storage price (only Standard multi-region and asia Coldline)",
                      "GB-months"))
    puts, how_p = _usage(lines, "monthly_put_requests", "class A operations")
    gets, how_g = monthly_requests(res, lines, "monthly_get_requests")
    qa, qb = p.service("gcp.gcs.class_a", "10k operations"), p.service("gcp.gcs.class_b", "10k operations")
    lines.add("Class A operations (writes, lists)", lines.per(puts, qa), "10k operations", qa, how_p)
    lines.add("Class B operations (reads)", lines.per(gets, qb), "10k operations", qb, how_g)


def _sql_engine(res: Any) -> str:
    return "postgres" if res.variant == "postgres" else "mysql"


@GCP_PRICERS.register()
def database(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    tier = str(res.get("instance"))
    where = "regional" if res.get("multi_az") else "zonal"
    engine = _sql_engine(res)
    m = _DB_CUSTOM.fullmatch(tier)
    if m:
        vcpu, gb = int(m.group(1)), int(m.group(2)) / GIB
        lines.add(f"Cloud SQL vCPU ({tier}, {where})", vcpu * H, "vCPU-hours",
                  p.service(f"gcp.sql.{engine}.vcpu.{where}", "vCPU-hours"))
        lines.add(f"Cloud SQL memory ({_fmt(gb)} GB, {where})", _d(gb) * H, "GB-hours",
                  p.service(f"gcp.sql.{engine}.gb.{where}", "GB-hours"))
    else:
        lines.add(f"Cloud SQL instance ({tier}, {where})", H, "hours",
                  unknown(f"no cited per-instance price keyed for Cloud SQL tier {tier}", "hours"))
    storage = float(res.get("storage") or 10)
    lines.add(f"Cloud SQL SSD storage ({_fmt(storage)} GB, {where})", storage, "GB-months",
              p.service(f"gcp.sql.{engine}.ssd.{where}", "GB-months"))
    gb_b, how = _usage(lines, "backup_storage_gb", "GB of backups")
    lines.add("Cloud SQL backups", gb_b, "GB-months", p.service("gcp.sql.backup", "GB-months"), how)


@GCP_PRICERS.register()
def table(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = monthly_requests(res, lines)
    lines.add("Firestore document operations", n, "operations",
              unknown("no cited Firestore price", "operations"), how)
    gb = lines.value("size_gb", res.get("size"), 0)
    lines.add("Firestore storage", gb, "GB-months", unknown("no cited Firestore price", "GB-months"))


@GCP_PRICERS.register()
def cache(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    gb = int(str(res.get("instance")).removesuffix("gb"))
    tier = "standard" if res.get("multi_az") else "basic"
    band = redis_band(gb)
    lines.add(f"Memorystore for Redis ({gb} GB, {tier.upper() if tier == 'basic' else 'STANDARD_HA'}, "
              f"band {band.upper()})", gb * H, "GB-hours", p.service(f"gcp.redis.{tier}.{band}", "GB-hours"))


def _pubsub(lines: Lines, p: Prices, n: float, how: str, deliveries: int) -> None:
    kb = float(lines.usage["request_size_kb"]) if "request_size_kb" in lines.usage else 1.0
    # Pub/Sub bills at least 1 KB per message (and per delivery)
    gb = _d(n) * _d(max(kb, 1.0)) / Decimal(1024 * 1024)
    note = "; ".join(x for x in (how, f"{_fmt(max(kb, 1.0))} KB per message (1 KB minimum)") if x)
    q = p.service("gcp.pubsub.ingestion", "GB")
    lines.add("Pub/Sub message ingestion", lines.per(gb, q), "TiB", q, note)
    if deliveries:
        qd = p.service("gcp.pubsub.delivery", "GB")
        lines.add(f"Pub/Sub message delivery ({deliveries} subscription(s))", lines.per(gb * deliveries, qd), "TiB",
                  qd, note)


@GCP_PRICERS.register()
def queue(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = monthly_requests(res, lines)
    _pubsub(lines, p, n, how, 1)


@GCP_PRICERS.register()
def topic(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = monthly_requests(res, lines)
    subs = len(res.get("subscribers") or []) + sum(
        1 for r in ir.resources if r.kind == "function" and (r.get("trigger") or {}).get("ref") == res.name)
    _pubsub(lines, p, n, how, subs)


def _run_request(lines: Lines, p: Prices, n: float, how: str, vcpu_s: Decimal, gib_s: Decimal, dnote: str,
                 what: str) -> None:
    qr = p.service("gcp.run.requests", "1M requests")
    lines.add(f"{what} requests", lines.per(n, qr), "1M requests", qr,
              "; ".join(x for x in (how, "2M free requests not applied") if x))
    lines.add(f"{what} CPU (request-based billing)", vcpu_s, "vCPU-seconds",
              p.service("gcp.run.request_vcpu_second", "vCPU-seconds"), dnote)
    lines.add(f"{what} memory (request-based billing)", gib_s, "GiB-seconds",
              p.service("gcp.run.request_gib_second", "GiB-seconds"), dnote)


@GCP_PRICERS.register()
def function(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    """Cloud Functions 2nd gen run on Cloud Run and are billed at its request-based rates."""
    sched = _schedule_runs(res.get("schedule"))
    if sched and "monthly_requests" not in lines.usage and "load_rps" not in lines.usage and res.get("load") is None:
        lines.used_adl = True
        n, how = sched
    else:
        n, how = monthly_requests(res, lines)
    memory = float(res.get("memory") or 0.5)
    if "duration_ms" in lines.usage:
        lines.used_override = True
        dur = float(lines.usage["duration_ms"]) / 1000
        dnote = f"{dur:g} s mean duration (usage file)"
    else:
        dur = float(res.get("timeout") or 30) / 10
        dnote = f"assumed mean duration = timeout/10 = {dur:g} s: set usage `duration_ms`"
    # a 2nd gen function's CPU follows its memory: 1 vCPU up to 2 GB
    # (cloud.google.com/functions/docs/configuring/memory)
    cpu = 1 if memory <= 2 else 2 if memory <= 8 else 4
    seconds = _d(n) * _d(dur)
    _run_request(lines, p, n, how, seconds * cpu, seconds * _d(memory), dnote + f"; {cpu} vCPU, {_fmt(memory)} GB",
                 "Function")
    if res.get("schedule"):
        lines.add("Cloud Scheduler job", 1, "jobs", unknown("no cited Cloud Scheduler price", "jobs"))
    if res.get("network"):
        lines.add("Serverless VPC Access connector (2 e2-micro instances)", 2 * H, "instance-hours",
                  unknown("no cited Serverless VPC Access price", "instance-hours"))
    _logging(lines, p, "function logs")


@GCP_PRICERS.register()
def service(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    """Cloud Run with CPU always allocated (the emitter sets `cpu_idle = false`): instance-based billing."""
    n, how = expected_replicas(res, lines, res.get("replicas") or {"min": 1, "max": 1})
    cpu, mem = float(res.get("cpu") or 0.5), float(res.get("memory") or 1)
    secs = n * SECONDS_PER_MONTH
    lines.add(f"Cloud Run vCPU ({_fmt(cpu)} vCPU x {n}, instance-based)", _d(cpu) * secs, "vCPU-seconds",
              p.service("gcp.run.vcpu_second", "vCPU-seconds"), how)
    lines.add(f"Cloud Run memory ({_fmt(mem)} GB x {n}, instance-based)", _d(mem) * secs, "GiB-seconds",
              p.service("gcp.run.gib_second", "GiB-seconds"), how)
    _logging(lines, p, "container logs")


def machine_quote(p: Prices, machine: str) -> tuple[list[tuple[str, Decimal, str, Quote]], str]:
    """The hourly components of one Compute Engine machine: a predefined type's price, or a custom
    type's vCPU and memory at the custom rates."""
    m = _CUSTOM.fullmatch(machine)
    if m:
        family = m.group(1) or "n1"
        vcpu, gb = int(m.group(2)), int(m.group(3)) / GIB
        if family == "n2d":
            return [(f"{machine} vCPU+memory", Decimal(1), "hours",
                     unknown("no cited on-demand N2D custom price", "hours"))], ""
        return [(f"vCPU ({vcpu})", Decimal(vcpu), "vCPU-hours", p.service(f"gcp.{family}_custom.vcpu", "vCPU-hours")),
                (f"memory ({_fmt(gb)} GB)", _d(gb), "GB-hours", p.service(f"gcp.{family}_custom.gb", "GB-hours"))], ""
    return [(machine, Decimal(1), "hours", p.service(f"gcp.machine.{machine}", "hours"))], ""


@GCP_PRICERS.register()
def vm(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = expected_replicas(res, lines, res.get("count") or {"min": 1, "max": 1}, capacity_key="__none__")
    inst = str(res.get("instance"))
    purchase = res.get("purchase") or "on_demand"
    parts, _ = machine_quote(p, inst)
    for name, per_hour, unit, q in parts:
        if purchase != "on_demand":
            q = unknown(f"no cited GCP {purchase} price for {inst}", unit)
        lines.add(f"Compute Engine {name} x {n}", per_hour * n * H, unit, q,
                  "; ".join(x for x in (how, "list price, sustained-use discount not applied") if x))
    disk = float(res.get("disk") or 0)
    pd = {"gp3": "balanced", "gp2": "balanced", "io1": "ssd", "io2": "ssd"}.get(str(res.get("disk_type")), "standard")
    lines.add(f"Persistent Disk pd-{pd} ({_fmt(disk)} GB x {n})", _d(disk) * n, "GB-months",
              p.service(f"gcp.pd.{pd}", "GB-months"))
    if res.get("public"):
        lines.add(f"External IPv4 address x {n}", n * H, "hours", p.service("gcp.ip.in_use", "hours"))


@GCP_PRICERS.register()
def audit(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    _logging(lines, p, "Data Access audit logs" if res.get("data_events") else "audit logs")
    lines.add("Audit log archive (Cloud Storage)", 1, "bucket",
              unknown("no cited regional Cloud Storage price"))


def _frontend(lines: Lines, p: Prices, what: str, gb: float, how: str) -> None:
    lines.add(f"Forwarding rule ({what})", H, "hours",
              unknown("no cited price for the first five forwarding rules (only the additional-rule SKU)", "hours"))
    lines.add(f"Target proxy ({what})", H, "hours", p.service("gcp.lb.proxy", "hours"))
    lines.add(f"Data processed by the proxy ({what})", gb, "GB", p.service("gcp.lb.proxy_data", "GB"), how)


@GCP_PRICERS.register()
def load_balancer(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    gb, how = _usage(lines, "processed_gb", "GB processed")
    _frontend(lines, p, "HTTPS load balancer", gb, how)
    if res.get("waf"):
        lines.add("Cloud Armor policy and rules", 1, "policy", unknown("no cited Cloud Armor price"))


@GCP_PRICERS.register()
def cdn(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    gb = lines.value("transfer_gb", res.get("transfer"), 0)
    lines.add("Cloud CDN cache egress", gb, "GB", unknown("no cited Cloud CDN price", "GB"))
    origin = ir.resource((res.get("origin") or {}).get("ref") or "")
    if origin is not None and origin.kind != "load_balancer":
        _frontend(lines, p, "CDN front end", gb, "" if gb else "assumed 0 GB: set `transfer` or usage `transfer_gb`")
    if res.get("waf"):
        lines.add("Cloud Armor policy and rules", 1, "policy", unknown("no cited Cloud Armor price"))

