"""Presenting a CostReport: table (terminal), json, csv, markdown (jinja2), and compare diffs.

Every figure shown is rounded once from the exact sum; outputs are byte-deterministic.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from .cost import CostDiff, CostReport, cents, dec
from .prices import APPROX, UNKNOWN


def money(x: float | Decimal | None, sign: bool = False) -> str:
    if x is None:
        return "?"
    v = cents(dec(x))
    s = f"${abs(v):,.2f}"
    if v < 0:
        return "-" + s
    return ("+" + s) if sign and v > 0 else s


def _price(x: float | None) -> str:
    if x is None:
        return "?"
    return f"${format(Decimal(repr(x)).normalize(), 'f')}"


def _qty(x: float) -> str:
    return f"{x:,.6f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def flag(source: str, note: str = "") -> str:
    if source == APPROX:
        return "approximation"
    if source == UNKNOWN:
        return "unknown"
    return "exact"


def total_text(rep: CostReport) -> str:
    """The total as it may be stated: "≥ $X" when components are unpriced."""
    return f"≥ {money(rep.total_monthly)}" if rep.lower_bound else money(rep.total_monthly)


def unpriced_text(rep: CostReport) -> str:
    return f"{rep.unpriced} component{'s' if rep.unpriced != 1 else ''} unpriced"


def budget_line(rep: CostReport) -> str:
    status = rep.budget_status
    if status == "none" or rep.budget is None:
        return "budget   none set in the deployment"
    diff = dec(rep.budget) - rep.exact_total
    head = f"budget   {money(rep.budget)}/month: "
    if status == "ok":
        return head + f"ok, {money(diff)} under"
    if status == "over":
        if rep.lower_bound:
            return head + f"OVER by at least {money(-diff)} ({unpriced_text(rep)})"
        return head + f"OVER by {money(-diff)}"
    # never "ok" on unknowns: the priced part fits, the rest is not known
    return head + f"UNVERIFIABLE, the priced part {money(rep.total_monthly)} fits but {unpriced_text(rep)}"


def dates_line(rep: CostReport) -> str:
    return "prices of " + (", ".join(f"{t} {d}" for t, d in sorted(rep.price_dates.items())) or "(none used)")


def render_table(rep: CostReport) -> str:
    out = [f"cost estimate: {rep.deployment} ({rep.cloud} {rep.region}), monthly {rep.currency}", ""]
    w = 58
    for r in rep.resources:
        out.append(f"{(r.name + ' (' + r.kind + ')'):<{w}} {money(r.monthly):>14}")
        for c in r.components:
            qty = f"{_qty(c.quantity)} {c.unit} x {_price(c.unit_price)}"
            tag = "" if c.price_source == "exact" else f"  [{flag(c.price_source)}]"
            out.append(f"    {c.name:<{w - 4}} {money(c.monthly):>14}  {qty}{tag}")
            if c.price_source != "exact" or c.note.startswith("assumed") or "; assumed" in c.note or (
                "WARNING" in c.note
            ):
                out.append(f"        {c.note}")
        out.append("")
    out.append(
        f"{'TOTAL':<{w}} {total_text(rep):>14}" + (f"  ({unpriced_text(rep)})" if rep.lower_bound else "")
    )
    out.append(budget_line(rep))
    if rep.unknown:
        out.append(
            f"unknown  {unpriced_text(rep)}, not in the total (a lower bound): " + ", ".join(rep.unknown)
        )
    approx_n = sum(1 for r in rep.resources for c in r.components if c.price_source == APPROX)
    if approx_n:
        out.append(f"approx   {approx_n} component(s) priced by an explicit approximation (see notes)")
    srcs: dict[str, int] = {}
    for s in rep.usage_sources.values():
        srcs[s] = srcs.get(s, 0) + 1
    out.append("usage    " + ", ".join(f"{n} from {s}" for s, n in sorted(srcs.items())))
    out.append(dates_line(rep))
    return "\n".join(out) + "\n"


def render_json(rep: CostReport) -> str:
    return rep.dumps()


CSV_HEADER = [
    "resource",
    "kind",
    "component",
    "quantity",
    "unit",
    "unit_price",
    "monthly",
    "price_source",
    "price_date",
    "note",
]


def render_csv(rep: CostReport) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in rep.resources:
        for c in r.components:
            w.writerow(
                [
                    r.name,
                    r.kind,
                    c.name,
                    c.quantity,
                    c.unit,
                    "" if c.unit_price is None else c.unit_price,
                    "" if c.monthly is None else f"{c.monthly:.2f}",
                    c.price_source,
                    c.price_date,
                    c.note,
                ]
            )
    w.writerow(
        [
            "TOTAL",
            "",
            "",
            "",
            "",
            "",
            f"{rep.total_monthly:.2f}",
            "lower bound" if rep.lower_bound else "",
            "",
            unpriced_text(rep) if rep.lower_bound else "",
        ]
    )
    return buf.getvalue()


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["money"] = money
    env.filters["price"] = _price
    env.filters["qty"] = _qty
    return env


def render_markdown(rep: CostReport) -> str:
    return (
        _env()
        .get_template("cost.md.j2")
        .render(
            rep=rep,
            budget_line=budget_line(rep)[9:],
            dates=dates_line(rep),
            total=total_text(rep),
            unpriced=unpriced_text(rep),
        )
    )


def render(rep: CostReport, fmt: str) -> str:
    return {"table": render_table, "json": render_json, "csv": render_csv, "markdown": render_markdown}[fmt](
        rep
    )


# ---- compare ----------------------------------------------------------------------------
def render_diff(diff: CostDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(diff.to_json(), indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["resource", "kind", "status", "before", "after", "delta"])
        for r in diff.resources:
            w.writerow([r.name, r.kind, r.status, f"{r.before:.2f}", f"{r.after:.2f}", f"{r.delta:.2f}"])
        w.writerow(
            [
                "TOTAL",
                "",
                "",
                f"{diff.base.total_monthly:.2f}",
                f"{diff.head.total_monthly:.2f}",
                f"{diff.total_delta:.2f}",
            ]
        )
        return buf.getvalue()
    md = fmt == "markdown"
    out = []
    if md:
        out += [
            f"### Cost diff: {diff.base.deployment} -> {diff.head.deployment}",
            "",
            "| resource | kind | change | before | after | delta |",
            "|---|---|---|---:|---:|---:|",
        ]
    else:
        out.append(f"cost diff: {diff.base.deployment} -> {diff.head.deployment}, monthly USD")
    for r in diff.resources:
        if r.status == "same":
            continue
        if md:
            out.append(
                f"| {r.name} | {r.kind} | {r.status} | {money(r.before)} | {money(r.after)} | "
                f"{money(r.delta, sign=True)} |"
            )
        else:
            mark = {"added": "+", "removed": "-", "changed": "~"}[r.status]
            out.append(
                f"  {mark} {r.name + ' (' + r.kind + ')':<44} {money(r.before):>12} -> {money(r.after):>12}"
                f"  {money(r.delta, sign=True):>12}"
            )
    same = sum(1 for r in diff.resources if r.status == "same")
    total = (
        f"total {total_text(diff.base)} -> {total_text(diff.head)} "
        f"({money(diff.total_delta, sign=True)}/month); {same} resource(s) unchanged"
    )
    if diff.base.lower_bound or diff.head.lower_bound:
        total += (
            f"; priced parts only: {unpriced_text(diff.base)} before, {unpriced_text(diff.head)} after"
        )
    out.append("" if md else "")
    out.append(total)
    return "\n".join(out) + "\n"
