"""AWS pricing models, one function per resource kind: what is billed and how much of it.

Quantities come from the ADL (load, size, transfer...), the usage file, or a stated
default; every assumption is written in the component's note, starting with "assumed".
Free tiers are not applied unless the cited price row itself is "beyond free" (SNS).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from autodeploy.compiler import load_balancers

from .cost import HOURS_PER_MONTH as H
from .cost import SECONDS_PER_MONTH, Lines
from .pricers import AWS_PRICERS
from .prices import APPROX, Prices, Quote, unknown
from .pricing_ec2 import cpu_credits, disk_performance, ebs_optimized, instance_quote
from .pricing_rds import extended_support, rds_storage
from .pricing_shared import (
    always,
    cloudwatch_logs,
    free_allowance,
    log_retention,
    per_ir,
    public_ipv4,
    s3_logs,
    shared_logs_key,
    usage_gb,
    when,
)
from .pricing_shared import fmt as _fmt

ENGINES = ("postgres", "mysql")


def _load(res: Any, lines: Lines) -> float | None:
    """Requests per second from the usage file or the ADL `load`, without marking a default."""
    if "load_rps" in lines.usage:
        lines.used_override = True
        return float(lines.usage["load_rps"])
    load = res.get("load")
    if load is not None:
        lines.used_adl = True
        return float(load)
    return None


def monthly_requests(res: Any, lines: Lines, key: str = "monthly_requests") -> tuple[float, str]:
    """Requests per month and a note saying where the figure came from."""
    if key in lines.usage:
        lines.used_override = True
        return float(lines.usage[key]), ""
    rps = _load(res, lines)
    if rps is not None:
        return rps * SECONDS_PER_MONTH, f"{_fmt(rps)} rps x {SECONDS_PER_MONTH:,} s/month"
    lines.used_default = True
    return 0.0, f"assumed 0 requests: set `load` or usage `{key}`"


def approx(q: Quote, note: str) -> Quote:
    if not q.known:
        return q
    return replace(q, source=APPROX, note="; ".join(n for n in (note, q.note) if n))


# ---- kinds ---------------------------------------------------------------------------------
@AWS_PRICERS.register(logs_key=when("flow_logs"))
def network(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n = int(res.get("nat_gateways") or 0)
    if n:
        lines.add("NAT gateway", n * H, "hours", p.service("nat.hour", "hours"), f"{n} gateway(s) x {H} h")
        gb = lines.value("nat_data_gb", None, 0)
        lines.add(
            "NAT data processed",
            gb,
            "GB",
            p.service("nat.data", "GB"),
            "" if "nat_data_gb" in lines.usage else "assumed 0 GB: set usage `nat_data_gb`",
        )
    if res.get("flow_logs"):
        gb = lines.value("flow_logs_gb", None, 0)
        note = "" if "flow_logs_gb" in lines.usage else "assumed 0 GB: set usage `flow_logs_gb`"
        lines.add("Flow logs ingestion (CloudWatch Logs)", gb, "GB", p.service("logs.ingestion", "GB"), note)
        days = log_retention(float(res.get("flow_log_retention") or 0))
        stored = Decimal(repr(gb)) * days / Decimal(30)
        lines.add(
            "Flow logs storage (CloudWatch Logs)",
            stored,
            "GB-months",
            p.service("logs.storage", "GB-months"),
            f"steady state: monthly GB x {days} retention days (as emitted) / 30",
        )
    if n:
        public_ipv4(lines, n, f"{n} NAT gateway Elastic IP(s)")
    shared_logs_key(res, lines, p, ir)


@AWS_PRICERS.register()
def key(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    lines.add("Customer managed key", 1, "key-months", p.service("kms.key", "key-months"))
    if "monthly_requests" in lines.usage:
        q = p.service("kms.requests", "10k requests")
        free, note = free_allowance(res, p, ir, 20_000, "20,000 requests/month")
        n = max(0.0, lines.value("monthly_requests", None, 0) - free)
        lines.add("Requests", lines.per(n, q), "10k requests", q, note)


@AWS_PRICERS.register()
def secret(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    lines.add("Secret", 1, "secret-months", p.service("secrets.secret", "secret-months"))
    if "monthly_requests" in lines.usage:
        q = p.service("secrets.api", "10k calls")
        lines.add("API calls", lines.per(lines.value("monthly_requests", None, 0), q), "10k calls", q)


_S3_CLASS = {
    "standard": "s3.standard.storage",
    "infrequent": "s3.infrequent.storage",
    "archive": "s3.archive.storage",
}


@AWS_PRICERS.register()
def bucket(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    size = lines.value("size_gb", res.get("size"), 0)
    cls = res.get("storage_class") or "standard"
    if cls == "intelligent":
        q = approx(
            p.service("s3.standard.storage", "GB-months"),
            "S3 Standard price used for Intelligent-Tiering (frequent-access tier; monitoring fee not "
            "included)",
        )
    else:
        q = p.service(_S3_CLASS[cls], "GB-months")
    note = (
        ""
        if size or "size_gb" in lines.usage or res.get("size") is not None
        else "assumed 0 GB: set `size` or usage `size_gb`"
    )
    lines.add(f"Storage ({cls})", size, "GB-months", q, note)
    put = lines.usage.get("monthly_put_requests")
    get_n, how = monthly_requests(
        res, lines, "monthly_get_requests" if "monthly_get_requests" in lines.usage else "monthly_requests"
    )
    if put is not None:
        lines.used_override = True
        qp = p.service("s3.put_requests", "1k requests")
        if cls != "standard":
            qp = approx(qp, f"S3 Standard request price used for {cls}")
        lines.add("PUT, COPY, POST, LIST requests", lines.per(put, qp), "1k requests", qp)
    qg = p.service("s3.get_requests", "1k requests")
    if cls != "standard":
        qg = approx(qg, f"S3 Standard request price used for {cls}")
    if put is None and "monthly_get_requests" not in lines.usage and "monthly_requests" not in lines.usage:
        how = "; ".join(n for n in (how, "assumed all requests are GET-class") if n)
    lines.add("GET, SELECT and other requests", lines.per(get_n, qg), "1k requests", qg, how)
    if res.get("access_logs"):
        s3_logs(lines, p, "Server access logs")


@AWS_PRICERS.register()
def database(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    engine = res.variant or "postgres"
    multi = bool(res.get("multi_az"))
    inst = str(res.get("instance"))
    az = "Multi AZ" if multi else "Single AZ"
    if engine in ENGINES:
        q = p.rds(engine, inst, multi)
    else:
        q = unknown(f"no RDS {engine} price in the catalog (postgres and mysql only)", "hours")
    lines.add(f"Instance ({inst}, {'Multi-AZ' if multi else 'Single-AZ'})", H, "hours", q)
    storage = float(res.get("storage") or 0)
    st_engine = engine if engine in ENGINES else ""

    def rds(key: str, unit: str, what: str) -> Quote:
        return p.rds_storage(st_engine, key) if st_engine else unknown(f"no RDS {engine} {what} price", unit)

    rds_storage(res, lines, az, storage, rds)
    extended_support(res, lines, p, engine, inst, multi)
    # log exports and enhanced monitoring (monitoring_interval 60) write to RDS-created log groups
    cloudwatch_logs(lines, p, "DB exports and monitoring", None)
    if float(res.get("backup") or 0) > 0:
        backup = lines.value("backup_storage_gb", None, storage)
        billed = max(0.0, backup - storage)
        note = (
            "backup storage up to the provisioned storage is free"
            if "backup_storage_gb" in lines.usage
            else "assumed backups fit the free allowance (= provisioned storage): set usage "
            "`backup_storage_gb`"
        )
        lines.add(
            "Backup storage beyond free",
            billed,
            "GB-months",
            p.rds_storage(st_engine, "Storage Snapshot")
            if st_engine
            else unknown(f"no RDS {engine} backup price", "GB-months"),
            note,
        )


@AWS_PRICERS.register()
def table(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    if res.get("billing") == "provisioned":
        lines.add(
            "Provisioned capacity (RCU/WCU)", 1, "table", unknown("no cited DynamoDB provisioned price")
        )
    else:
        reads = lines.usage.get("monthly_read_requests")
        writes = lines.usage.get("monthly_write_requests")
        if reads is not None or writes is not None:
            lines.used_override = True
            reads, writes, note = float(reads or 0), float(writes or 0), ""
        else:
            total, how = monthly_requests(res, lines)
            reads, writes = total * 0.8, total * 0.2
            note = "; ".join(n for n in (how, "assumed 80% reads / 20% writes, 1 request unit each") if n)
        qw = p.service("dynamodb.wru", "1M WRU")
        qr = p.service("dynamodb.rru", "1M RRU")
        lines.add("Write request units (on-demand)", lines.per(writes, qw), "1M WRU", qw, note)
        lines.add("Read request units (on-demand)", lines.per(reads, qr), "1M RRU", qr, note)
    size = lines.value("size_gb", res.get("size"), 0)
    note = (
        ""
        if res.get("size") is not None or "size_gb" in lines.usage
        else "assumed 0 GB: set `size` or usage `size_gb`"
    )
    lines.add("Data storage", size, "GB-months", p.service("dynamodb.storage", "GB-months"), note)
    if res.get("pitr"):
        lines.add(
            "Point-in-time recovery storage",
            size,
            "GB-months",
            p.service("dynamodb.pitr", "GB-months"),
            "PITR is billed on the table size",
        )


@AWS_PRICERS.register()
def cache(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    nodes = int(lines.value("nodes", res.get("nodes"), 1))
    inst = str(res.get("instance"))
    lines.add(
        f"Cache nodes ({inst} x {nodes})",
        nodes * H,
        "node-hours",
        p.elasticache(res.variant or "redis", inst),
        f"{nodes} node(s) x {H} h",
    )
    if res.get("auth") and res.get("tls") and (res.variant or "redis") != "memcached":
        lines.add("Secret (AUTH token, Secrets Manager)", 1, "secret-months",
                  p.service("secrets.secret", "secret-months"))
    if float(res.get("backup") or 0) > 0 and (res.variant or "redis") != "memcached":
        lines.add(f"Snapshots ({_fmt(float(res.get('backup')))} day(s) retained)", 1, "snapshot set",
                  unknown("no cited ElastiCache backup storage price"))


def _chunks(lines: Lines) -> tuple[int, str]:
    """SQS and SNS bill each 64 KB chunk of a message as one request."""
    if "request_size_kb" not in lines.usage:
        return 1, ""
    lines.used_override = True
    kb = float(lines.usage["request_size_kb"])
    k = max(1, math.ceil(kb / 64))
    return k, f"{_fmt(kb)} KB messages = {k} billed 64 KB chunk(s) each"


@AWS_PRICERS.register()
def queue(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = monthly_requests(res, lines)
    k, chunk = _chunks(lines)
    q = p.service("sqs.fifo.requests" if res.get("fifo") else "sqs.standard.requests", "1M requests")
    free, fnote = free_allowance(res, p, ir, 1_000_000, "1M requests/month")
    lines.add(
        "Requests" + (" (FIFO)" if res.get("fifo") else ""),
        lines.per(max(0.0, n * k - free), q),
        "1M requests",
        q,
        "; ".join(x for x in (how, chunk, fnote) if x),
    )


@AWS_PRICERS.register()
def topic(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = monthly_requests(res, lines)
    k, chunk = _chunks(lines)
    if res.get("fifo"):
        _fifo_topic(res, lines, p, n, how)
        return
    q = p.service("sns.requests", "1M requests")
    free, fnote = free_allowance(res, p, ir, 1_000_000, "1M publishes/month")
    billed = max(0.0, n * k - free)
    lines.add("Publish requests", lines.per(billed, q), "1M requests", q,
              "; ".join(x for x in (how, chunk, fnote) if x))


def _fifo_topic(res: Any, lines: Lines, p: Prices, n: float, how: str) -> None:
    """SNS FIFO: publishes, published payload, and per subscription a delivery and its payload
    (no free tier; cited rows of service_prices_more.csv)."""
    kb = float(lines.usage.get("request_size_kb", 1))
    size = "" if "request_size_kb" in lines.usage else "assumed 1 KB per message: set usage `request_size_kb`"
    gb = Decimal(repr(n)) * Decimal(repr(kb)) / Decimal(1_000_000)
    subs = len(res.get("subscribers") or [])
    q = p.service("sns.fifo.requests", "1M requests")
    lines.add("Publish requests (FIFO)", lines.per(n, q), "1M requests", q, how)
    lines.add("Publish payload (FIFO)", gb, "GB", p.service("sns.fifo.payload", "GB"), size)
    qn = p.service("sns.fifo.notifications", "1M notifications")
    lines.add(f"Deliveries to {subs} subscription(s) (FIFO)", lines.per(n * subs, qn), "1M notifications", qn,
              f"{subs} subscription(s) x publishes")
    lines.add(f"Delivered payload to {subs} subscription(s) (FIFO)", gb * subs, "GB",
              p.service("sns.fifo.notification_payload", "GB"), size)


_RATE = re.compile(r"rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)")


def _schedule_runs(expr: str | None) -> tuple[float, str] | None:
    if not expr:
        return None
    m = _RATE.fullmatch(expr.strip())
    if m:
        n = int(m.group(1))
        per_unit = {"minute": 60, "hour": 3600, "day": 86400}[m.group(2).rstrip("s")]
        runs = SECONDS_PER_MONTH / (n * per_unit)
        return runs, f"{expr}: {runs:g} runs/month"
    fields = expr.strip().removeprefix("cron(").removesuffix(")").split()
    if len(fields) == 6 and fields[0].isdigit() and fields[1].isdigit():
        runs = H / 24
        return runs, f"assumed {expr} runs once a day: {runs:g} runs/month"
    return None


@AWS_PRICERS.register(logs_key=always)
def function(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    arch = res.get("arch") or "x86_64"
    sched = _schedule_runs(res.get("schedule"))
    if (
        sched
        and "monthly_requests" not in lines.usage
        and "load_rps" not in lines.usage
        and res.get("load") is None
    ):
        lines.used_adl = True
        n, how = sched
    else:
        n, how = monthly_requests(res, lines)
    memory = float(res.get("memory") or 0.5)
    timeout = float(res.get("timeout") or 30)
    if "duration_ms" in lines.usage:
        lines.used_override = True
        dur = float(lines.usage["duration_ms"]) / 1000
        dnote = f"{dur:g} s mean duration (usage file)"
    else:
        dur = timeout / 10
        dnote = f"assumed mean duration = timeout/10 = {dur:g} s: set usage `duration_ms`"
    qr = p.service(f"lambda.{arch}.requests", "1M requests")
    lines.add(
        "Requests",
        lines.per(n, qr),
        "1M requests",
        qr,
        "; ".join(x for x in (how, "free tier not applied") if x),
    )
    gbs = Decimal(repr(n)) * Decimal(repr(dur)) * Decimal(repr(memory))
    _duration_tiers(lines, p, arch, memory, gbs, dnote)
    if res.get("tracing") and n > 0:
        lines.add("X-Ray traces (tracing = Active)", lines.per(n, qr), "1M traces",
                  unknown("no cited AWS X-Ray price", "1M traces"), "up to one trace per invocation")
    cloudwatch_logs(lines, p, "Function", 365)
    shared_logs_key(res, lines, p, ir)


# Lambda duration tiers per function and month (GB-seconds where each next tier starts)
_LAMBDA_TIERS = {"x86_64": (6_000_000_000, 15_000_000_000), "arm64": (7_500_000_000, 18_750_000_000)}


def _duration_tiers(lines: Lines, p: Prices, arch: str, memory: float, gbs: Decimal, dnote: str) -> None:
    b1, b2 = (Decimal(b) for b in _LAMBDA_TIERS[arch])
    lines.add(
        f"Duration ({_fmt(memory)} GB, {arch})",
        min(gbs, b1),
        "GB-seconds",
        p.service(f"lambda.{arch}.duration", "GB-seconds"),
        dnote if gbs <= b1 else f"first {b1:,} GB-s tier; {dnote}",
    )
    if gbs > b1:
        lines.add(f"Duration ({arch}, {b1:,}-{b2:,} GB-s tier)", min(gbs, b2) - b1, "GB-seconds",
                  p.service(f"lambda.{arch}.duration.tier2", "GB-seconds"), dnote)
    if gbs > b2:
        lines.add(f"Duration ({arch}, over {b2:,} GB-s tier)", gbs - b2, "GB-seconds",
                  p.service(f"lambda.{arch}.duration.tier3", "GB-seconds"), dnote)


def expected_replicas(
    res: Any, lines: Lines, lo_hi: dict[str, int], capacity_key: str = "capacity"
) -> tuple[int, str]:
    lo, hi = int(lo_hi.get("min", 1)), int(lo_hi.get("max", 1))
    if "replicas" in lines.usage:
        lines.used_override = True
        return int(math.ceil(lines.usage["replicas"])), "replicas from usage"
    if "count" in lines.usage:
        lines.used_override = True
        return int(math.ceil(lines.usage["count"])), "count from usage"
    cap = lines.usage.get("capacity_rps", res.get(capacity_key))
    # load sizes replicas only through a per-replica capacity: without one, it is not read (and a
    # usage `load_rps` is reported as having no effect)
    load = _load(res, lines) if cap else None
    if load is not None and cap:
        need = math.ceil(load / float(cap))
        n = min(hi, max(lo, need))
        return (
            n,
            f"expected {n} = ceil({_fmt(load)} rps / {_fmt(float(cap))} rps per replica) within {lo}..{hi}",
        )
    if lo != hi:
        lines.used_default = True
        return lo, f"assumed the minimum {lo} of {lo}..{hi} (no load and capacity to size from)"
    lines.used_adl = True
    return lo, ""


@AWS_PRICERS.register(logs_key=always)
def service(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = expected_replicas(res, lines, res.get("replicas") or {"min": 1, "max": 1})
    arch = res.get("arch") or "x86_64"
    cpu, mem = float(res.get("cpu") or 0.5), float(res.get("memory") or 1)
    lines.add(
        f"Fargate vCPU ({_fmt(cpu)} vCPU x {n})",
        Decimal(repr(cpu)) * n * H,
        "vCPU-hours",
        p.service(f"fargate.{arch}.vcpu", "vCPU-hours"),
        how,
    )
    lines.add(
        f"Fargate memory ({_fmt(mem)} GB x {n})",
        Decimal(repr(mem)) * n * H,
        "GB-hours",
        p.service(f"fargate.{arch}.gb", "GB-hours"),
        how,
    )
    lines.add("Container Insights metrics (cluster setting enabled)", 1, "service",
              unknown("no cited price for Container Insights metrics"))
    cloudwatch_logs(lines, p, "Container", 365)
    shared_logs_key(res, lines, p, ir)
    if load_balancers.own_load_balancer(res, load_balancers.fronts_of_ir(ir)):
        # an exposed service no load balancer targets gets an ALB of its own (with access logs), as
        # main.tf and deploy build it: the compiler's one answer (compiler/load_balancers.py)
        _lb_lines(lines, p, True, _load(res, lines), "load", " (the service's own)")
        s3_logs(lines, p, "Access logs")


@AWS_PRICERS.register()
def vm(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = expected_replicas(res, lines, res.get("count") or {"min": 1, "max": 1}, capacity_key="__none__")
    inst = str(res.get("instance"))
    purchase = res.get("purchase") or "on_demand"
    lines.add(f"Instance ({inst} x {n})" + ("" if purchase == "on_demand" else f", {purchase}"), n * H, "hours",
              instance_quote(p, inst, purchase), how)
    disk, dtype = float(res.get("disk") or 0), res.get("disk_type") or "gp3"
    lines.add(f"Disk ({dtype}, {_fmt(disk)} GB x {n})", Decimal(repr(disk)) * n, "GB-months", p.ebs(dtype))
    disk_performance(res, lines, p, dtype, n)
    cpu_credits(res, lines, p, inst, n)
    if res.get("monitoring"):
        # the backend emits `monitoring = true`: 7 CloudWatch metrics per instance at the first tier
        lines.add(f"Detailed monitoring (7 metrics x {n})", 7 * n, "metric-months",
                  p.service("ec2.detailed_monitoring", "metric-months"), "7 metrics per instance-month")
    ebs_optimized(lines, p, inst, n)
    if res.get("public"):
        public_ipv4(lines, n, f"{n} instance(s)")


def _target_load(res: Any, ir: Any) -> float | None:
    total, seen = 0.0, False
    for t in res.get("targets") or []:
        r = ir.resource(t["ref"]) if isinstance(t, dict) else None
        if r is not None and r.get("load") is not None:
            total += float(r.get("load"))
            seen = True
    return total if seen else None


WAF_RULE_GROUPS = 3  # common, known-bad-inputs, IP reputation (backends/terraform/emit_load_balancer.py)


def _waf(res: Any, lines: Lines, p: Prices, requests: float, regional: bool = True) -> None:
    get = p.service if regional else p.service_global
    lines.add("WAF web ACL", 1, "ACL-months", get("waf.acl", "ACL-months"))
    rules = lines.value("waf_rules", None, WAF_RULE_GROUPS)
    lines.add(
        "WAF rules",
        rules,
        "rule-months",
        get("waf.rule", "rule-months"),
        "" if "waf_rules" in lines.usage else f"the {WAF_RULE_GROUPS} AWS managed rule groups the backend emits",
    )
    q = get("waf.requests", "1M requests")
    lines.add("WAF requests", lines.per(requests, q), "1M requests", q)
    cloudwatch_logs(lines, p, "WAF", 365, key="waf_log_gb")


@AWS_PRICERS.register(logs_key=when("waf"))
def load_balancer(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    alb = (res.get("type") or "application") == "application"
    rps = _load(res, lines)
    src = "load"
    if rps is None:
        rps, src = _target_load(res, ir), "targets' load"
        if rps is not None:
            lines.used_adl = True
    _lb_lines(lines, p, alb, rps, src)
    if res.get("waf"):
        _waf(res, lines, p, (rps or 0) * SECONDS_PER_MONTH)
    if res.get("access_logs"):
        s3_logs(lines, p, "Access logs")
    shared_logs_key(res, lines, p, ir)


def _lb_lines(lines: Lines, p: Prices, alb: bool, rps: float | None, src: str, what: str = "") -> None:
    """Load balancer hours and capacity units (LCU for an ALB, NLCU for an NLB)."""
    prefix = "alb" if alb else "nlb"
    lines.add(
        ("Application Load Balancer" if alb else "Network Load Balancer") + what,
        H,
        "hours",
        p.service(f"{prefix}.hour", "hours"),
    )
    per_cu = 25 if alb else 800
    if "lcu" in lines.usage:
        lines.used_override = True
        lcu, note = float(lines.usage["lcu"]), "LCU from usage"
    elif rps is not None:
        lcu = max(1.0, rps / per_cu)
        note = (
            f"assumed LCU = {src} {_fmt(rps)} rps / {per_cu} new connections per second per LCU "
            "(one connection per request), at least 1"
        )
    else:
        lines.used_default = True
        lcu, note = 1.0, "assumed 1 capacity unit (no load): set `load` or usage `lcu`"
    lines.add(
        "Capacity units" + what,
        Decimal(repr(lcu)) * H,
        "LCU-hours" if alb else "NLCU-hours",
        p.service(f"{prefix}.lcu", "LCU-hours"),
        note,
    )


@AWS_PRICERS.register()
def cdn(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    gb = lines.value("transfer_gb", res.get("transfer"), 0)
    q = p.service_global("cloudfront.transfer", "GB")
    pc = res.get("price_class") or "PriceClass_100"
    if pc != "PriceClass_100":
        q = approx(q, f"US/Mexico/Canada edge price used for every edge of {pc}")
    note = (
        ""
        if res.get("transfer") is not None or "transfer_gb" in lines.usage
        else "assumed 0 GB: set `transfer` or usage `transfer_gb`"
    )
    lines.add("Data transfer out (first 10 TB tier)", gb, "GB", q, note)
    n, how = monthly_requests(res, lines)
    qr = p.service_global("cloudfront.https_requests", "10k requests")
    if pc != "PriceClass_100":
        qr = approx(qr, f"US/Mexico/Canada edge price used for every edge of {pc}")
    lines.add("HTTPS requests", lines.per(n, qr), "10k requests", qr, how)
    if res.get("waf"):
        _waf(res, lines, p, n, regional=False)
    if res.get("logging"):
        s3_logs(lines, p, "Standard logs")


@AWS_PRICERS.register(logs_key=always)
def audit(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    first = per_ir(ir, "first:audit", lambda: next(r.name for r in ir.resources if r.kind == "audit"))
    if first == res.name:
        lines.add(
            "Management events (first copy)",
            1,
            "trail",
            p.service_global("cloudtrail.management_first", "trail"),
            "the first copy of management events is free",
        )
    else:
        # a second trail delivers another copy of the same management events: billed per event
        n, note = usage_gb(lines, "monthly_management_events")
        q = p.service("cloudtrail.management_extra", "100k events")
        lines.add("Management events (additional copy)", lines.per(n, q), "100k events", q,
                  "; ".join(x for x in (note.replace("0 GB", "0 events"), f"`{first}` has the free first copy") if x))
    days = float(res.get("retention") or 365)
    cloudwatch_logs(lines, p, "Trail", days)
    shared_logs_key(res, lines, p, ir)
    if not res.get("bucket"):
        gb, note = usage_gb(lines, "log_gb")
        lines.add("Trail log files (S3 Standard, own bucket)", Decimal(repr(gb)) * Decimal(repr(days)) / 30,
                  "GB-months", p.service("s3.standard.storage", "GB-months"),
                  "; ".join(n for n in (note, f"steady state: monthly GB x {_fmt(days)} days / 30") if n))
    if not res.get("data_events"):
        return
    if "monthly_data_events" in lines.usage:
        lines.used_override = True
        n, note = float(lines.usage["monthly_data_events"]), ""
    else:
        n = 0.0
        for r in ir.resources:
            if r.kind in ("bucket", "function") and r.get("load") is not None:
                n += float(r.get("load")) * SECONDS_PER_MONTH
        lines.used_default = True
        note = (
            "assumed data events = S3 and Lambda requests from their `load`: set usage `monthly_data_events`"
        )
    q = p.service("cloudtrail.data_events", "100k events")
    lines.add("Data events", lines.per(n, q), "100k events", q, note)
