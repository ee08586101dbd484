"""RDS beyond instance hours: storage types (gp3 above its included IOPS/throughput, io1, io2)
and extended support for engine versions past standard support (priced by date band, with a
WARNING)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .cost import HOURS_PER_MONTH as H
from .cost import Lines
from .prices import Prices, Quote, unknown
from .pricing_shared import fmt as _fmt

# engine major versions in RDS extended support, with the band dates of the cited rows
# (service_prices_more.csv: year 1-2 from the first date, year 3 from the second)
EXTENDED_SUPPORT: dict[tuple[str, str], tuple[str, str, str]] = {
    ("postgres", "11"): ("2024-04-01", "2026-04-01", "PostgreSQL"),
    ("postgres", "12"): ("2025-03-01", "2027-03-01", "PostgreSQL"),
    ("mysql", "5.7"): ("2024-03-01", "2026-03-01", "MySQL"),
}
_OLDEST_STANDARD = {"postgres": 13, "mysql": 8}


def _major(engine: str, version: str) -> str:
    parts = version.split(".")
    return ".".join(parts[:2]) if engine == "mysql" else parts[0]


def extended_support(res: Any, lines: Lines, p: Prices, engine: str, inst: str, multi: bool) -> None:
    """Engine versions past standard support are billed per vCPU-hour on top of the instance, at a
    rate that rises in year 3; the band is chosen from the estimate's date (`p.today`)."""
    from .shapes import shapes

    version = str(res.get("version") or "")
    major = _major(engine, version)
    band = EXTENDED_SUPPORT.get((engine, major))
    if band is None:
        try:
            old = float(major.split(".")[0]) < _OLDEST_STANDARD.get(engine, 0)
        except ValueError:
            old = False
        if old:
            lines.add(f"Extended support ({engine} {version})", H, "hours",
                      unknown(f"WARNING: {engine} {version} is past standard support; no cited extended-support "
                              "price or dates for it", "hours"))
        return
    year1, year3, label = band
    shape = shapes().get(("rds", inst))
    vcpu = shape.vcpu * (2 if multi else 1) if shape is not None else None
    today = p.today
    if today < year1:
        return
    if today >= year3:
        q = p.rds_storage(engine, f"{label} Year 3 {major.replace('.', ' ')}")
        what = f"year 3 band (from {year3})"
    else:
        q = p.service(f"rds.extended_support.{engine}.{major}", "vCPU-hours")
        what = f"year 1-2 band ({year1} to {year3})"
    note = f"WARNING: {engine} {version} is in RDS extended support, {what} as of {today}"
    if vcpu is None:
        lines.add(f"Extended support ({engine} {version})", H, "hours",
                  unknown(f"{note}; no vCPU count for {inst}", "hours"))
        return
    lines.add(f"Extended support ({engine} {version}, {_fmt(vcpu)} vCPU)", Decimal(repr(vcpu)) * H, "vCPU-hours",
              q, note + ("; both Multi-AZ instances" if multi else ""))


# RDS gp3 (postgres, mysql, mariadb) from 400 GB includes 12,000 IOPS and 500 MiB/s; below 400 GB the
# baseline is fixed (the backend emits no iops/throughput there). AWS RDS storage documentation.
RDS_GP3_INCLUDED = (12_000, 500)


def rds_storage(res: Any, lines: Lines, az: str, storage: float, rds: Callable[[str, str, str], Quote]) -> None:
    iops = res.get("iops")
    st = res.get("storage_type") or ("io1" if iops else "gp3")  # as the backend emits it
    if st in ("io1", "io2"):
        io2 = "-IO2" if st == "io2" else ""
        lines.add("Storage (provisioned IOPS SSD)" if st == "io1" else "Storage (io2 provisioned IOPS SSD)", storage,
                  "GB-months", rds(f"Database Storage {az} Provisioned IOPS{io2}", "GB-months", "storage"))
        q = rds(f"Provisioned {'IO2 ' if io2 else ''}IOPS {az}", "IOPS-months", "IOPS")
        if iops is None:
            q = unknown(f"{st} storage needs `iops`", "IOPS-months")
        lines.add("Provisioned IOPS", iops or 0, "IOPS-months", q)
        return
    lines.add("Storage (gp3)", storage, "GB-months",
              rds(f"Database Storage {az} General Purpose-GP3", "GB-months", "storage"))
    if storage < 400:
        return
    inc_iops, inc_mibs = RDS_GP3_INCLUDED
    if iops and iops > inc_iops:
        lines.add(f"Provisioned IOPS (gp3, above the {inc_iops:,} included)", iops - inc_iops, "IOPS-months",
                  rds(f"Provisioned GP3 IOPS {az}", "IOPS-months", "gp3 IOPS"))
    thr = res.get("throughput")
    if thr and thr > inc_mibs:
        lines.add(f"Provisioned throughput (gp3, above the {inc_mibs} MiB/s included)", thr - inc_mibs,
                  "MiBps-months", rds(f"Provisioned Throughput {az}", "MiBps-months", "gp3 throughput"))
