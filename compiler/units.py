"""Units and their conversion to the IR's canonical units.

Canonical units (docs/ir.md): size in GB (binary: 1 TB = 1024 GB, 512 MB = 0.5 GB),
duration in the attribute's own canonical unit (seconds, hours or days), money in
usd/month (1 usd/hour = 730 usd/month, AWS's hours-per-month convention), rate in
requests per second, cpu in vCPU.
"""

from __future__ import annotations

HOURS_PER_MONTH = 730

# dimension -> unit -> factor to the dimension's base unit
_SIZE_GB = {
    "B": 1 / 1024**3, "KB": 1 / 1024**2, "KiB": 1 / 1024**2, "MB": 1 / 1024, "MiB": 1 / 1024,
    "GB": 1.0, "GiB": 1.0, "TB": 1024.0, "TiB": 1024.0, "PB": 1024.0**2,
}
_DURATION_S = {
    "ms": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400, "week": 7 * 86400, "weeks": 7 * 86400,
    "y": 365 * 86400, "yr": 365 * 86400, "yrs": 365 * 86400, "year": 365 * 86400, "years": 365 * 86400,
}
_MONEY_USD_MONTH = {"usd/month": 1.0, "usd/mo": 1.0, "usd/hour": HOURS_PER_MONTH, "usd/h": HOURS_PER_MONTH}
_RATE_RPS = {"rps": 1.0, "rpm": 1 / 60, "rph": 1 / 3600}
_CPU = {"vcpu": 1.0, "vcpus": 1.0}
_PERCENT = {"%": 1.0}

DIMENSIONS: dict[str, dict[str, float]] = {
    "size": _SIZE_GB,
    "duration": {k: float(v) for k, v in _DURATION_S.items()},
    "money": _MONEY_USD_MONTH,
    "rate": _RATE_RPS,
    "cpu": _CPU,
    "percent": _PERCENT,
}

DIMENSION_EXAMPLES = {
    "size": "GB, TB, MB",
    "duration": "s, min, h, days, years",
    "money": "usd/month, usd/hour",
    "rate": "rps, rpm",
    "cpu": "vcpu",
    "percent": "%",
}

# canonical unit name -> factor from the dimension's base unit
CANONICAL = {
    "GB": ("size", 1.0),
    "ms": ("duration", 0.001),
    "seconds": ("duration", 1.0),
    "hours": ("duration", 3600.0),
    "days": ("duration", 86400.0),
    "usd/month": ("money", 1.0),
    "rps": ("rate", 1.0),
    "vcpu": ("cpu", 1.0),
    "%": ("percent", 1.0),
}

CANONICAL_DIMENSION = {unit: dim for unit, (dim, _) in CANONICAL.items()}


def dimension_of(unit: str) -> str | None:
    for dim, table in DIMENSIONS.items():
        if unit in table:
            return dim
    return None


def clean_number(x: float) -> int | float:
    """Stable JSON numbers: integral values as ints, others rounded to 6 places."""
    r = round(x, 6)
    if r == int(r) and abs(r) < 2**53:
        return int(r)
    return r


def to_canonical(amount: float, unit: str, canonical: str) -> int | float:
    dim, factor = CANONICAL[canonical]
    return clean_number(amount * DIMENSIONS[dim][unit] / factor)
