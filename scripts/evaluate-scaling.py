#!/usr/bin/env python3
"""Backtest every forecast candidate on the bundled real traces and write the tables into
docs/analytics.md (between the `eval:begin` / `eval:end` markers), with the full reports as JSON.

    .venv/bin/python scripts/evaluate-scaling.py           # rewrite the tables in docs/analytics.md
    .venv/bin/python scripts/evaluate-scaling.py --check   # exit 1 if the doc's numbers are stale

tests/analytics/test_scaling_backtest.py recomputes some traces fully and checks them against the JSON
this script wrote, and checks the guarantees on every trace's JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from autodeploy.analytics import backtest, scaling
from autodeploy.fsutil import write_atomic

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "analytics.md")
BEGIN, END = "<!-- eval:begin -->", "<!-- eval:end -->"


def evaluate() -> list[backtest.BacktestReport]:
    return [backtest.evaluate_trace(name) for name in scaling.TRACES]


def _summary(reports: list[backtest.BacktestReport], unit: str) -> list[str]:
    lines = [
        f"| trace | {unit} | scored origins | scored forecasts ({unit} distinct) | served | "
        "pinball P50 served / best naive | MAPE % served / best naive | P90 coverage served | "
        "check: later half, chosen on earlier half (P50 pinball vs naive; coverage) |",
        "|---|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for r in reports:
        s, b = r.score(r.served), r.best_naive
        h = r.holdout
        check = (f"{h.chosen}: {h.pinball50:.4g} vs {h.fallback_pinball50:.4g}; {h.coverage90:.2f}"
                 if h is not None else "-")
        lines.append(
            f"| {r.series} | {r.steps} | {r.origins} | {r.scored_pairs} ({r.scored_steps}) | {r.served} "
            f"| {s.pinball50:.4g} / {b.pinball50:.4g} ({b.candidate}) | {s.mape:.2f} / {b.mape:.2f} "
            f"| {s.coverage90:.3f} | {check} |"
        )
    return lines


def _candidates(reports: list[backtest.BacktestReport]) -> list[str]:
    lines = [
        "| trace | candidate | MAPE % | pinball P50 | pinball P90 | P90 coverage | fits |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in reports:
        for s in r.scores:
            name = f"**{s.candidate}** (served)" if s.candidate == r.served else s.candidate
            lines.append(f"| {r.series} | {name} | {s.mape:.2f} | {s.pinball50:.4g} | {s.pinball90:.4g} "
                         f"| {s.coverage90:.3f} | {s.fits} |")
    return lines


def render(reports: list[backtest.BacktestReport]) -> str:
    hourly = [r for r in reports if r.cadence == "hourly"]
    daily = [r for r in reports if r.cadence == "daily"]
    lines = [BEGIN, "", "**Hourly traces, leads 1-48 h: the served model against the best seasonal naive**", ""]
    lines += _summary(hourly, "hours")
    lines += ["", "**Every candidate, hourly traces** (the same scored forecasts for every candidate of a trace)", ""]
    lines += _candidates(hourly)
    lines += ["", "**Daily example (Wikipedia page views, ln(views)), leads 1-28 days**, reported apart", ""]
    lines += _summary(daily, "days") + [""] + _candidates(daily)
    data = json.dumps([r.to_json() for r in reports], sort_keys=True)
    lines += ["", f"<!-- eval-json: {data} -->", END]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the doc instead of writing it")
    args = ap.parse_args()
    table = render(evaluate())
    with open(DOC, encoding="utf-8") as fh:
        doc = fh.read()
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(doc):
        print(f"{DOC}: no {BEGIN} ... {END} markers", file=sys.stderr)
        return 2
    new = pattern.sub(lambda _m: table, doc)
    print(table)
    if args.check:
        return 0 if new == doc else 1
    if new != doc:
        write_atomic(DOC, new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
