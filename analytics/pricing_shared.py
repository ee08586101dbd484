"""Pricing pieces several AWS kinds share: log groups and log buckets as the backend emits them,
the deployment's one logs KMS key, public IPv4 addresses, free allowances (`--free-tier`), and
facts computed once per IR."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .cost import HOURS_PER_MONTH as H
from .cost import Lines
from .pricers import AWS_PRICERS
from .prices import Prices, unknown


def fmt(x: float) -> str:
    return f"{x:g}"


# the retention values a CloudWatch log group accepts; the Terraform backend rounds a written
# retention up to the next one, so storage is priced on what is emitted
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
                      2557, 2922, 3288, 3653)
ACCESS_LOG_DAYS = 400  # the deployment's access-log bucket expires objects after 400 days


def log_retention(days: float) -> int:
    return next((d for d in LOG_RETENTION_DAYS if d >= days), LOG_RETENTION_DAYS[-1])


def usage_gb(lines: Lines, key: str) -> tuple[float, str]:
    if key in lines.usage:
        lines.used_override = True
        return float(lines.usage[key]), ""
    return 0.0, f"assumed 0 GB: set usage `{key}`"


def cloudwatch_logs(lines: Lines, p: Prices, what: str, days: float | None, key: str = "log_gb") -> None:
    """A log group the backend emits: ingestion, and storage at the emitted retention (steady state:
    monthly GB x retention days / 30; a group without retention keeps growing)."""
    gb, note = usage_gb(lines, key)
    lines.add(f"{what} log ingestion (CloudWatch Logs)", gb, "GB", p.service("logs.ingestion", "GB"), note)
    if days is None:
        stored, how = Decimal(repr(gb)), "the log group never expires: storage grows by this every month"
    else:
        r = log_retention(days)
        stored, how = Decimal(repr(gb)) * r / Decimal(30), f"steady state: monthly GB x {r} retention days / 30"
    lines.add(f"{what} log storage (CloudWatch Logs)", stored, "GB-months", p.service("logs.storage", "GB-months"),
              "; ".join(n for n in (note, how) if n))


def s3_logs(lines: Lines, p: Prices, what: str, key: str = "log_gb") -> None:
    """Logs delivered to the deployment's access-log bucket (S3 Standard, 400-day expiry)."""
    gb, note = usage_gb(lines, key)
    stored = Decimal(repr(gb)) * ACCESS_LOG_DAYS / Decimal(30)
    lines.add(f"{what} (S3 access-log bucket)", stored, "GB-months", p.service("s3.standard.storage", "GB-months"),
              "; ".join(n for n in (note, f"steady state: monthly GB x {ACCESS_LOG_DAYS} days / 30") if n))


def public_ipv4(lines: Lines, n: float, what: str) -> None:
    lines.add(f"Public IPv4 address ({what})", Decimal(repr(n)) * H, "hours",
              unknown("no cited price for public IPv4 addresses in the catalog", "hours"))


# (resource) -> is a log group the Terraform backend emits for it encrypted with the deployment's
# shared `autodeploy_logs` key? Each kind's AWS pricer declares it: `@AWS_PRICERS.register(logs_key=...)`.
LogsKeyUse = Callable[[Any], bool]


def always(_: Any) -> bool:
    """`logs_key` of a kind whose every resource writes to an encrypted log group."""
    return True


def when(attr: str) -> LogsKeyUse:
    """`logs_key` of a kind whose log group exists when `attr` is set."""

    def use(r: Any) -> bool:
        return bool(r.get(attr))

    return use


def _uses_logs_key(r: Any) -> bool:
    use: LogsKeyUse | None = AWS_PRICERS.meta(r.kind).get("logs_key")
    return use is not None and use(r)


_memo: dict[tuple[int, str], tuple[Any, Any]] = {}


def per_ir(ir: Any, what: str, compute: Callable[[], Any]) -> Any:
    """A fact about the whole IR, computed once per estimate (not once per resource: 10,000
    resources would make it quadratic). Keyed by identity; only the latest IR is kept."""
    hit = _memo.get((id(ir), what))
    if hit is None or hit[0] is not ir:
        if any(v[0] is not ir for v in _memo.values()):
            _memo.clear()
        hit = _memo[(id(ir), what)] = (ir, compute())
    return hit[1]


def shared_logs_key(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    """The one KMS key per deployment for CloudWatch Logs, billed on the first resource needing it."""
    first = per_ir(ir, "logs_key", lambda: next((r.name for r in ir.resources if _uses_logs_key(r)), None))
    if first == res.name:
        lines.add("Logs KMS key (shared by the log groups)", 1, "key-months",
                  p.service("kms.key", "key-months"))


def free_allowance(res: Any, p: Prices, ir: Any, amount: float, what: str) -> tuple[float, str]:
    """With `--free-tier`, a cited monthly free allowance (it is per account: taken once, by the
    first resource of the kind); otherwise none, and the note says so."""
    if not p.free_tier:
        return 0.0, f"free {what} not applied (--free-tier)"
    first = per_ir(ir, f"first:{res.kind}", lambda: next(r.name for r in ir.resources if r.kind == res.kind))
    if first != res.name:
        return 0.0, f"free {what} taken by `{first}` (once per account)"
    return amount, f"free {what} applied (--free-tier)"
