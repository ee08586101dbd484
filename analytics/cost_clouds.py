"""`autodeploy cost app.adl --compare-clouds`: the monthly estimate of one file on every cloud, side by
side. Each column is an ordinary estimate of the file retargeted to that cloud (portable sizes resolved
there); unknown prices are marked, never filled in, and every priced figure is listed afterwards with
the cited row it came from (catalog key @ region, price date), so each line can be checked by hand."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from .cost import CostReport


@dataclass(frozen=True)
class CloudColumn:
    cloud: str
    report: CostReport | None
    problem: str = ""  # why there is no estimate (the file does not compile for this cloud)

    @property
    def title(self) -> str:
        return f"{self.cloud} ({self.report.region})" if self.report else self.cloud


def _cell(col: CloudColumn, name: str | None) -> str:
    rep = col.report
    if rep is None:
        return "-"
    if name is None:
        unknown = len(rep.unknown)
        return f"{rep.total_monthly:,.2f}" + (f" + {unknown} ?" if unknown else "")
    rc = rep.resource(name)
    if rc is None:
        return "-"
    unknown = sum(1 for c in rc.components if c.monthly is None)
    return f"{rc.monthly:,.2f}" + (f" + {unknown} ?" if unknown else "")


def _names(cols: list[CloudColumn]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for col in cols:
        for rc in col.report.resources if col.report else ():
            seen.setdefault(rc.name, rc.kind)
    return list(seen.items())


def _rows(cols: list[CloudColumn]) -> list[list[str]]:
    rows = [[name, kind, *(_cell(c, name) for c in cols)] for name, kind in _names(cols)]
    rows.append(["TOTAL", "", *(_cell(c, None) for c in cols)])
    return rows


def _traces(cols: list[CloudColumn]) -> list[list[str]]:
    out = []
    for col in cols:
        for rc in col.report.resources if col.report else ():
            for c in rc.components:
                if c.monthly is None or not c.monthly:
                    continue
                out.append([col.cloud, rc.name, c.name, f"{c.quantity:g} {c.unit}", f"{c.unit_price:g}",
                            f"{c.monthly:,.2f}", c.price_ref, c.price_date])
    return out


def render_clouds(cols: list[CloudColumn], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps({"clouds": {c.cloud: _json(c) for c in cols}}, indent=2, ensure_ascii=False) + "\n"
    head = ["resource", "kind", *(c.title for c in cols)]
    rows = _rows(cols)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerows([head, *rows])
        return buf.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines) + "\n" + _notes(cols) + "\n"
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]

    def line(r: list[str]) -> str:
        return "  ".join(s.ljust(widths[i]) if i < 2 else s.rjust(widths[i]) for i, s in enumerate(r)).rstrip()

    out = ["Monthly estimate on each cloud (USD, list prices; `+ n ?`: n components without a cited price)", "",
           line(head), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out += ["", _notes(cols), "", "Priced components and the cited price row each comes from:"]
    trace = _traces(cols)
    tw = [max(len(r[i]) for r in trace) for i in range(8)] if trace else []
    for r in trace:
        out.append("  " + "  ".join(s.ljust(tw[i]) for i, s in enumerate(r)).rstrip())
    return "\n".join(out) + "\n"


def _notes(cols: list[CloudColumn]) -> str:
    notes = []
    for c in cols:
        if c.report is None:
            notes.append(f"{c.cloud}: no estimate: {c.problem}")
        elif c.report.unknown:
            notes.append(f"{c.cloud}: lower bound; unpriced: " + "; ".join(c.report.unknown))
    return "\n".join(notes)


def _json(c: CloudColumn) -> dict[str, Any]:
    if c.report is None:
        return {"estimate": None, "problem": c.problem}
    data = c.report.to_json()
    data["cited_rows"] = [{"resource": t[1], "component": t[2], "quantity": t[3], "unit_price": t[4],
                           "monthly": t[5], "row": t[6], "date": t[7]} for t in _traces([c])]
    return data
