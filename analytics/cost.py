"""Monthly cost estimates from the IR and the offline price catalog, Infracost-style:
one line per priced component (instance hours, GB-months, requests...), per resource, total.

Arithmetic is exact (Decimal) from list price to total; rounding to cents happens once,
when a figure is presented (component, resource and total are each rounded from exact sums).
Each component says where its price came from: exact | approximation (with the reason) |
unknown (left out of the total and listed in `unknown`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from autodeploy.compiler.jsontext import dumps_indented

from .catalog import Catalog, default_catalog
from .pricers import pricers_for
from .prices import APPROX, EXACT, UNKNOWN, Prices, Quote
from .usage import Usage

HOURS_PER_MONTH = 730  # AWS's and Infracost's convention (compiler/units.py uses the same)
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
CENT = Decimal("0.01")
CURRENCY = "USD"


# quantizing a huge exact total to cents needs more digits than the default 28
_WIDE = Context(prec=80)


def cents(x: Decimal) -> float:
    return float(x.quantize(CENT, rounding=ROUND_HALF_UP, context=_WIDE))


def dec(x: float | int | Decimal) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(repr(x) if isinstance(x, float) else x)


def _num(x: Decimal | float) -> int | float:
    """Stable JSON numbers for quantities: integral as int, else up to 6 decimals."""
    r = round(float(x), 6)
    return int(r) if r == int(r) and abs(r) < 2**53 else r


@dataclass(frozen=True)
class CostComponent:
    name: str
    quantity: float
    unit: str
    unit_price: float | None
    monthly: float | None  # cent-rounded; None when the price is unknown
    price_source: str  # exact | approximation | unknown
    note: str = ""
    price_date: str = ""
    price_table: str = ""
    exact: Decimal | None = field(default=None, repr=False, compare=False)
    # the cited price row (Quote.ref); shown by `cost --compare-clouds`, not part of the JSON report
    price_ref: str = field(default="", repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "quantity": _num(dec(self.quantity)),
            "unit": self.unit,
            "unit_price": self.unit_price,
            "monthly": self.monthly,
            "price_source": self.price_source,
            "note": self.note,
            "price_date": self.price_date,
            "price_table": self.price_table,
        }


@dataclass(frozen=True)
class ResourceCost:
    name: str
    kind: str
    components: tuple[CostComponent, ...]
    monthly: float
    exact: Decimal = field(default=Decimal(0), repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "monthly": self.monthly,
            "components": [c.to_json() for c in self.components],
        }


@dataclass(frozen=True)
class CostReport:
    deployment: str
    cloud: str
    region: str
    budget: float | None
    resources: tuple[ResourceCost, ...]
    total_monthly: float
    currency: str
    price_dates: dict[str, str]
    usage_sources: dict[str, str]
    unknown: tuple[str, ...]  # "resource: component" whose price is not in the catalog
    assumptions: tuple[str, ...] = ()
    exact_total: Decimal = field(default=Decimal(0), repr=False, compare=False)
    # (resource, usage key) given in the usage file but never read by the pricing model
    unused_usage: tuple[tuple[str, str], ...] = ()

    @property
    def unpriced(self) -> int:
        """Components without a price: the total is then only a lower bound."""
        return len(self.unknown)

    @property
    def lower_bound(self) -> bool:
        return bool(self.unknown)

    @property
    def budget_status(self) -> str:
        """none | ok | over | unverifiable. Unpriced components make "ok" unprovable, but a known
        part already above the budget is over whatever the rest costs."""
        if self.budget is None:
            return "none"
        if self.exact_total > dec(self.budget):
            return "over"
        return "unverifiable" if self.unknown else "ok"

    @property
    def over_budget(self) -> bool | None:
        """True/False when it is known; None without a budget or when unverifiable."""
        status = self.budget_status
        return {"over": True, "ok": False}.get(status)

    def policy_input(self) -> dict[str, Any]:
        """The `input.cost` document the budget rules read (ADLP-029, ADLP-030)."""
        return {
            "total_monthly": self.total_monthly,
            "currency": self.currency,
            "lower_bound": self.lower_bound,
            "unpriced": self.unpriced,
            "unpriced_components": list(self.unknown),
        }

    def resource(self, name: str) -> ResourceCost | None:
        return next((r for r in self.resources if r.name == name), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "deployment": self.deployment,
            "cloud": self.cloud,
            "region": self.region,
            "currency": self.currency,
            "total_monthly": self.total_monthly,
            "total_is_lower_bound": self.lower_bound,
            "unpriced_components": self.unpriced,
            "budget": self.budget,
            "budget_status": self.budget_status,
            "over_budget": self.over_budget,
            "resources": [r.to_json() for r in self.resources],
            "unknown": list(self.unknown),
            "usage_sources": dict(sorted(self.usage_sources.items())),
            "price_dates": dict(sorted(self.price_dates.items())),
            "assumptions": list(self.assumptions),
        }

    def dumps(self) -> str:
        return dumps_indented(self.to_json())


class _Reads(dict[str, float]):
    """A resource's usage values that remember which keys a pricing model looked at."""

    def __init__(self, values: Mapping[str, float]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def __getitem__(self, key: str) -> float:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.read.add(key)
        return super().get(key, default)

    def unread(self) -> list[str]:
        return sorted(k for k in self if k not in self.read)


class Lines:
    """Collects one resource's components while a pricing function runs."""

    def __init__(self, name: str, usage: Mapping[str, float], usage_source: str) -> None:
        self.name = name
        self.usage = _Reads(usage)
        self.usage_source = usage_source
        self.components: list[CostComponent] = []
        self.used_default = False
        self.used_adl = False
        self.used_override = False

    # usage: override (usage file / model) > ADL attribute > stated default
    def value(self, key: str, adl: float | None, default: float) -> float:
        if key in self.usage:
            self.used_override = True
            return float(self.usage[key])
        if adl is not None:
            self.used_adl = True
            return float(adl)
        self.used_default = True
        return default

    def add(self, name: str, quantity: float | Decimal, unit: str, quote: Quote, note: str = "") -> None:
        """`quantity` is in the priced unit (e.g. 1M requests when the price is per 1M)."""
        q = dec(quantity)
        notes = "; ".join(n for n in (quote.note if quote.source != UNKNOWN else "", note) if n)
        if quote.unit_price is None:
            self.components.append(
                CostComponent(
                    name,
                    _num(q),
                    unit,
                    None,
                    None,
                    UNKNOWN,
                    "; ".join(n for n in (quote.note, note) if n),
                    "",
                )
            )
            return
        exact = q * quote.unit_price
        self.components.append(
            CostComponent(
                name,
                _num(q),
                unit,
                float(quote.unit_price),
                cents(exact),
                quote.source,
                notes,
                quote.date,
                quote.table,
                exact,
                quote.ref,
            )
        )

    def per(self, count: float | Decimal, quote: Quote) -> Decimal:
        """A raw count in the quote's priced unit (requests -> 1M requests)."""
        return dec(count) / Decimal(quote.per)

    def done(self, kind: str) -> ResourceCost:
        total = sum((c.exact for c in self.components if c.exact is not None), Decimal(0))
        return ResourceCost(self.name, kind, tuple(self.components), cents(total), total)

    @property
    def source(self) -> str:
        if self.used_override:
            return self.usage_source
        if self.used_default:
            return "default"
        return "adl"


PricingFn = Callable[[Any, Lines, Prices, Any], None]




def estimate(
    ir: Any,
    usage: Usage | Mapping[str, Mapping[str, float]] | None = None,
    catalog: Catalog | None = None,
    today: str | None = None,
    free_tier: bool = False,
) -> CostReport:
    """The monthly cost of every resource in `ir`. Raises CatalogError for a broken catalog.
    `today` (ISO date, default the current date) picks date-banded prices (RDS extended support);
    `free_tier` subtracts the cited monthly free allowances (once per account)."""
    if usage is None:
        usage = Usage({}, source="usage-file")
    elif not isinstance(usage, Usage):
        usage = Usage.from_mapping(usage)
    cat = catalog or default_catalog()
    d = ir.deployment
    prices = Prices(cat, d.cloud, d.region, today, free_tier)
    pricers = pricers_for(d.cloud)
    resources: list[ResourceCost] = []
    sources: dict[str, str] = {}
    unknown: list[str] = []
    dates: dict[str, set[str]] = {}
    unused: list[tuple[str, str]] = []
    for res in ir.resources:
        lines = Lines(res.name, usage.of(res.name), usage.source)
        problem = pricers.problem(res.kind, res.name, res.span)
        if problem is not None:  # ADL5007 (unsupported on this cloud) or ADL5008 (no pricer): unknown
            lines.add(
                f"{res.kind} (no pricing model)",
                1,
                "resource",
                Quote(None, 1, "", UNKNOWN, f"{problem.code}: {problem.message}", "", ""),
            )
        else:
            pricers[res.kind](res, lines, prices, ir)
        rc = lines.done(res.kind)
        unused.extend((res.name, k) for k in lines.usage.unread())
        resources.append(rc)
        sources[res.name] = lines.source
        for c in rc.components:
            if c.price_source == UNKNOWN:
                unknown.append(f"{res.name}: {c.name}")
            elif c.price_table:
                dates.setdefault(c.price_table, set()).add(c.price_date)
    total = sum((r.exact for r in resources), Decimal(0))
    price_dates = {t: _date_span(v) for t, v in dates.items()}
    assumptions = tuple(
        sorted(
            {
                f"{r.name}: {part}"
                for r in resources
                for c in r.components
                for part in c.note.split("; ")
                if part.startswith("assumed")
            }
        )
    )
    return CostReport(
        deployment=d.name,
        cloud=d.cloud,
        region=d.region,
        budget=d.budget,
        resources=tuple(resources),
        total_monthly=cents(total),
        currency=CURRENCY,
        price_dates=price_dates,
        usage_sources=sources,
        unknown=tuple(unknown),
        assumptions=assumptions,
        exact_total=total,
        unused_usage=tuple(unused),
    )


def _date_span(v: set[str]) -> str:
    s = sorted(x for x in v if x != "undated")
    text = "" if not s else s[0] if len(s) == 1 else f"{s[0]}..{s[-1]}"
    if "undated" in v:
        text = f"{text} (+ undated)" if text else "undated"
    return text


# ---- compare ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ResourceDelta:
    name: str
    kind: str
    status: str  # added | removed | changed | same
    before: float
    after: float
    delta: float

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
        }


@dataclass(frozen=True)
class CostDiff:
    base: CostReport
    head: CostReport
    resources: tuple[ResourceDelta, ...]
    total_delta: float

    def to_json(self) -> dict[str, Any]:
        return {
            "base_total": self.base.total_monthly,
            "head_total": self.head.total_monthly,
            "total_delta": self.total_delta,
            "currency": CURRENCY,
            "resources": [r.to_json() for r in self.resources],
        }


def compare(base: CostReport, head: CostReport) -> CostDiff:
    """Per-resource and total deltas, head minus base (resources matched by name)."""
    b = {r.name: r for r in base.resources}
    h = {r.name: r for r in head.resources}
    out: list[ResourceDelta] = []
    for name in sorted(set(b) | set(h)):
        rb, rh = b.get(name), h.get(name)
        eb = rb.exact if rb else Decimal(0)
        eh = rh.exact if rh else Decimal(0)
        status = "added" if rb is None else "removed" if rh is None else ("same" if eb == eh else "changed")
        kind = (rh or rb).kind  # type: ignore[union-attr]
        out.append(ResourceDelta(name, kind, status, cents(eb), cents(eh), cents(eh - eb)))
    return CostDiff(base, head, tuple(out), cents(head.exact_total - base.exact_total))


__all__ = [
    "APPROX",
    "EXACT",
    "UNKNOWN",
    "CostComponent",
    "CostDiff",
    "CostReport",
    "ResourceCost",
    "Usage",
    "compare",
    "estimate",
]
