"""EC2 instance options beyond hours and disk size: purchase options, gp3/io1/io2 disk IOPS and
throughput, CPU credits of burstable types, the EBS-optimized flag the backend always sets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .cost import HOURS_PER_MONTH as H
from .cost import Lines
from .prices import EXACT, Prices, Quote, unknown
from .pricing_shared import usage_gb


def instance_quote(p: Prices, inst: str, purchase: str) -> Quote:
    """On-demand from the EC2 table; a commitment price only where a row is cited (t3.medium
    reserved 1-year standard no-upfront, us-east-1), else unknown: never the on-demand price."""
    if purchase == "on_demand":
        return p.ec2(inst)
    q = p.service(f"ec2.{purchase}.{inst}", "hours")
    if q.known:
        return q
    return unknown(f"no cited {purchase} price for {inst}", "hours")


# EBS gp3 includes 3,000 IOPS and 125 MiB/s per volume (AWS EBS volume types); io2 IOPS are tiered
GP3_INCLUDED = (3000, 125)
IO2_TIERS = ((32_000, "provisioned_iops_tier1"), (64_000, "provisioned_iops_tier2"), (None, "provisioned_iops_tier3"))


def disk_performance(res: Any, lines: Lines, p: Prices, dtype: str, n: int) -> None:
    iops, thr = res.get("disk_iops"), res.get("disk_throughput")
    if dtype == "gp3":
        inc_iops, inc_mibs = GP3_INCLUDED
        if iops and iops > inc_iops:
            lines.add(f"Disk IOPS (gp3, above the {inc_iops:,} included x {n})", (iops - inc_iops) * n,
                      "IOPS-months", p.ebs("gp3", "provisioned_iops"))
        if thr and thr > inc_mibs:
            lines.add(f"Disk throughput (gp3, above the {inc_mibs} MiB/s included x {n})",
                      Decimal(thr - inc_mibs) * n / 1024, "GiBps-months", p.ebs("gp3", "provisioned_throughput"),
                      f"{thr - inc_mibs} MiB/s = {Decimal(thr - inc_mibs) / 1024} GiB/s per volume")
    elif dtype == "io1":
        q = p.ebs("io1", "provisioned_iops") if iops else unknown("io1 volumes need `disk_iops`", "IOPS-months")
        lines.add(f"Disk IOPS (io1 x {n})", (iops or 0) * n, "IOPS-months", q)
    elif dtype == "io2":
        if not iops:
            lines.add(f"Disk IOPS (io2 x {n})", 0, "IOPS-months", unknown("io2 volumes need `disk_iops`"))
            return
        low = 0
        for high, dim in IO2_TIERS:
            part = (min(iops, high) if high else iops) - low
            if part > 0:
                lines.add(f"Disk IOPS (io2 {dim.rsplit('_', 1)[1]} x {n})", part * n, "IOPS-months", p.ebs("io2", dim))
            low = high or low


def cpu_credits(res: Any, lines: Lines, p: Prices, inst: str, n: int) -> None:
    """Burstable types in unlimited mode bill surplus CPU credits per vCPU-hour; only T3's rate
    is cited (0.05, EKS node group fixture). AWS's default: t2 standard, t3/t3a/t4g unlimited."""
    family = inst.split(".")[0]
    if not family.startswith("t"):
        return
    mode = res.get("cpu_credits") or ("standard" if family == "t2" else "unlimited")
    if mode != "unlimited":
        return
    hours, note = usage_gb(lines, "cpu_credit_vcpu_hours")
    note = note.replace("0 GB", "0 surplus vCPU-hours")
    q = p.service("ec2.cpu_credits.t3", "vCPU-hours") if family == "t3" else unknown(
        f"no cited CPU credit price for {family}", "vCPU-hours")
    lines.add(f"CPU credits (unlimited mode, {inst} x {n})", hours, "vCPU-hours", q,
              "; ".join(x for x in (note, "total surplus vCPU-hours of all instances") if x))


def ebs_optimized(lines: Lines, p: Prices, inst: str, n: int) -> None:
    """The backend always emits `ebs_optimized = true`. Only previous-generation types charge for it
    (cited: r3.xlarge $0.02/h); current-generation types include it (infracost prints $0.00 for m5 and
    no line for t3.medium in the cited fixtures)."""
    from .shapes import shapes

    name = f"EBS-optimized ({inst} x {n})"
    shape = shapes().get(("ec2", inst))
    q = p.service(f"ec2.ebs_optimized.{inst}", "hours")
    if q.known:
        lines.add(name, n * H, "hours", q, "previous-generation surcharge")
    elif shape is not None and shape.current:
        # `current_generation` comes from the EC2 feed (aws_ec2_prices.csv, via the optimizer specs)
        lines.add(name, n * H, "hours", Quote(Decimal(0), 1, "hours", EXACT,
                  "included in the instance price for current-generation types", "aws_ec2",
                  p.catalog.data_date("aws_ec2")))
    else:
        lines.add(name, n * H, "hours", unknown(f"no cited EBS-optimized surcharge for {inst}", "hours"))
