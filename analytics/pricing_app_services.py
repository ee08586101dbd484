"""Pricers of the application-service kinds (compiler/kinds_app_services.py), AWS and Azure.

Prices come from service_prices_more.csv (Glue, EFS, API Gateway, API Management) and the EBS /
managed disk catalog. What that file's SOURCE note lists as unpriced is an explicit unknown:
SageMaker instances, EFS Elastic throughput and backups, Azure Files."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .cost import HOURS_PER_MONTH as H
from .cost import Lines
from .pricers import AWS_PRICERS, AZURE_PRICERS
from .prices import Prices, unknown
from .pricing_aws import _schedule_runs, _waf, expected_replicas, monthly_requests
from .pricing_azure import managed_disk, shared_logs
from .pricing_ec2 import disk_performance
from .pricing_shared import always, cloudwatch_logs, shared_logs_key, when
from .pricing_shared import fmt as _fmt

# Glue worker type -> DPUs per worker (AWS Glue documentation: G.025X is a quarter DPU)
GLUE_DPU = {"G.025X": 0.25, "G.1X": 1.0, "G.2X": 2.0, "G.4X": 4.0, "G.8X": 8.0}
# (upper bound of the tier in requests per month or None, catalog key)
_HTTP_TIERS = ((300_000_000, "apigw.http.t1"), (None, "apigw.http.t2"))
_REST_TIERS = ((333_000_000, "apigw.rest.t1"), (1_000_000_000, "apigw.rest.t2"), (20_000_000_000, "apigw.rest.t3"),
               (None, "apigw.rest.t4"))


def _tiered(lines: Lines, p: Prices, what: str, n: float, tiers: tuple[tuple[int | None, str], ...],
            note: str) -> None:
    """Requests billed by monthly volume tiers; one line per tier reached."""
    parts, low = [], 0
    for high, key in tiers:
        parts.append((key, max(0.0, (n if high is None else min(n, high)) - low)))
        if high is None or n <= high:
            break
        low = high
    for i, (key, part) in enumerate(parts):
        q = p.service(key, "1M requests")
        lines.add(what if len(parts) == 1 else f"{what} (tier {i + 1})", lines.per(part, q), "1M requests", q,
                  note if i == 0 else "")


# ---- etl_job ----------------------------------------------------------------------------------
def _runs(res: Any, lines: Lines) -> tuple[float, str]:
    if "runs_per_month" in lines.usage:
        lines.used_override = True
        return float(lines.usage["runs_per_month"]), ""
    sched = _schedule_runs(res.get("schedule"))
    if sched is not None:
        lines.used_adl = True
        return sched
    lines.used_default = True
    return 0.0, "assumed 0 runs (on demand, no schedule): set usage `runs_per_month`"


# continuous logs, or the security configuration's CloudWatch encryption when no customer key is named
@AWS_PRICERS.register(logs_key=lambda r: bool(r.get("logs")) or not isinstance(r.get("encryption"), dict))
def etl_job(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    runs, how = _runs(res, lines)
    if "run_hours" in lines.usage:
        lines.used_override = True
        hours, hnote = float(lines.usage["run_hours"]), ""
    else:
        lines.used_default = True
        hours, hnote = 1.0, "assumed 1 h per run: set usage `run_hours`"
    wtype, workers = str(res.get("worker_type")), int(res.get("workers"))
    dpu = Decimal(repr(GLUE_DPU[wtype])) * workers
    lines.add(f"Job run time ({workers} x {wtype} = {_fmt(float(dpu))} DPU)",
              dpu * Decimal(repr(runs)) * Decimal(repr(hours)), "DPU-hours", p.service("glue.dpu", "DPU-hours"),
              "; ".join(x for x in (how, hnote) if x))
    if res.get("crawler"):
        n = lines.value("crawler_hours", None, 0)
        lines.add("Crawler run time", n, "DPU-hours", p.service("glue.crawler", "DPU-hours"),
                  "" if "crawler_hours" in lines.usage else "assumed 0 DPU-hours: set usage `crawler_hours`")
    if res.get("logs"):
        cloudwatch_logs(lines, p, "Job", 365)
    shared_logs_key(res, lines, p, ir)


# ---- model_endpoint ---------------------------------------------------------------------------
@AWS_PRICERS.register(logs_key=always)
def model_endpoint(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = expected_replicas(res, lines, res.get("count") or {"min": 1, "max": 1}, capacity_key="__none__")
    inst = str(res.get("instance"))
    lines.add(f"Endpoint instances ({inst} x {n})", n * H, "hours",
              unknown("no cited SageMaker price (service_prices_more.SOURCE.md: not in infracost)", "hours"), how)
    cloudwatch_logs(lines, p, "Endpoint", 365)
    shared_logs_key(res, lines, p, ir)


# ---- api_gateway ------------------------------------------------------------------------------
@AWS_PRICERS.register(logs_key=when("access_logs"))
def api_gateway(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = monthly_requests(res, lines)
    rest = res.get("type") == "rest"
    _tiered(lines, p, "REST API requests" if rest else "HTTP API requests", n, _REST_TIERS if rest else _HTTP_TIERS,
            "; ".join(x for x in (how, "free tier not applied") if x))
    if rest and res.get("waf"):
        _waf(res, lines, p, n)
    if res.get("access_logs"):
        cloudwatch_logs(lines, p, "Access", float(res.get("log_retention") or 365))
    shared_logs_key(res, lines, p, ir)


@AZURE_PRICERS.register("api_gateway")
def api_gateway_azure(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = monthly_requests(res, lines)
    q = p.service("apim.consumption.calls", "1M calls")
    # the cited price is "after the first 1M free": the allowance is part of the row, not a free tier
    lines.add("API Management calls (Consumption, beyond the first 1M)", lines.per(max(0.0, n - 1_000_000), q),
              "1M calls", q, "; ".join(x for x in (how, "the first 1M calls per month are free") if x))
    shared_logs(res, lines, p, ir)


# ---- volume -----------------------------------------------------------------------------------
class _AsVmDisk:
    """A volume seen through the vm's disk attribute names (pricing_ec2.disk_performance reads those)."""

    def __init__(self, res: Any) -> None:
        self.res = res

    def get(self, attr: str) -> Any:
        return self.res.get({"disk_iops": "iops", "disk_throughput": "throughput"}.get(attr, attr))


def _disks(res: Any, lines: Lines, ir: Any) -> tuple[int, str]:
    per = int(res.get("count"))
    vm = ir.resource((res.get("vm") or {}).get("ref") or "")
    if vm is None:
        return per, ""
    if "count" in lines.usage:
        lines.used_override = True
        n = int(lines.usage["count"])
    else:
        n = int((vm.get("count") or {"min": 1})["min"])
    return per * n, f"{per} per instance x {n} instance(s) of `{vm.name}`"


@AWS_PRICERS.register()
def volume(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, how = _disks(res, lines, ir)
    size, dtype = float(res.get("size")), str(res.get("type"))
    lines.add(f"Volume storage ({dtype}, {_fmt(size)} GB x {n})", Decimal(repr(size)) * n, "GB-months", p.ebs(dtype),
              how)
    disk_performance(_AsVmDisk(res), lines, p, dtype, n)


@AZURE_PRICERS.register("volume")
def volume_azure(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    n, _ = _disks(res, lines, ir)
    managed_disk(lines, p, float(res.get("size")), str(res.get("type")), n, "Data disk")


# ---- file_system ------------------------------------------------------------------------------
@AWS_PRICERS.register()
def file_system(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    size = lines.value("size_gb", res.get("size"), 0)
    stated = "size_gb" in lines.usage or res.get("size") is not None
    snote = "" if stated else "assumed 0 GB: set `size` or usage `size_gb`"
    if "ia_fraction" in lines.usage:
        lines.used_override = True
        ia = min(1.0, max(0.0, float(lines.usage["ia_fraction"])))
        inote = ""
    else:
        ia, inote = 0.0, "assumed all data in the standard class: set usage `ia_fraction`"
    cls = "one_zone" if res.get("one_zone") else "standard"
    label = "One Zone" if cls == "one_zone" else "Standard"
    hot = Decimal(repr(size)) * (1 - Decimal(repr(ia)))
    lines.add(f"Storage ({label})", hot, "GB-months", p.service(f"efs.{cls}", "GB-months"),
              "; ".join(x for x in (snote, inote) if x))
    if ia:
        lines.add(f"Storage ({label}-Infrequent Access)", Decimal(repr(size)) - hot, "GB-months",
                  p.service(f"efs.{cls}_ia", "GB-months"), "IA read/write requests not modelled")
    mode = res.get("throughput_mode")
    if mode == "provisioned":
        mibs = float(res.get("throughput"))
        baseline = size / 20  # bursting baseline: 50 KiB/s per GiB stored (EFS pricing)
        lines.add(f"Provisioned throughput ({_fmt(mibs)} MiB/s above the {_fmt(baseline)} MiB/s baseline)",
                  max(0.0, mibs - baseline), "MiB/s-months", p.service("efs.provisioned", "MiB/s-months"))
    elif mode == "elastic":
        lines.add("Elastic throughput (data read and written)", 1, "month",
                  unknown("no cited EFS Elastic throughput price (service_prices_more.SOURCE.md)"))
    if res.get("backup"):
        lines.add("Automatic backups (AWS Backup)", Decimal(repr(size)), "GB-months",
                  unknown("no cited AWS Backup price for EFS", "GB-months"))


@AZURE_PRICERS.register("file_system")
def file_system_azure(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    size = lines.value("size_gb", res.get("size"), 0)
    lines.add(f"Azure Files share ({_fmt(size)} GB, transaction optimized)", size, "GB-months",
              unknown("no cited Azure Files price", "GB-months"))
    if res.get("network") is not None:
        lines.add("Private endpoint", H, "hours", unknown("no cited Azure Private Link price", "hours"))
    shared_logs(res, lines, p, ir)
