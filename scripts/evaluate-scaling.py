#!/usr/bin/env python3
"""Evaluate the scaling model on the real traces against a seasonal-naive baseline and write
the table into docs/analytics.md (between the `eval:begin` / `eval:end` markers).

    .venv/bin/python scripts/evaluate-scaling.py           # rewrite the table in docs/analytics.md
    .venv/bin/python scripts/evaluate-scaling.py --check   # exit 1 if the doc's numbers are stale

tests/analytics/test_scaling_eval.py pins the model to the numbers this script wrote.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from autodeploy.analytics import scaling
from autodeploy.fsutil import write_atomic

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "analytics.md")
BEGIN, END = "<!-- eval:begin -->", "<!-- eval:end -->"


def evaluate() -> list[scaling.Evaluation]:
    return [scaling.evaluate_trace(name)[0] for name in scaling.TRACES]


def render(evals: list[scaling.Evaluation]) -> str:
    lines = [
        BEGIN,
        "| trace | train h | test h | scored h | baseline | MAPE % model / naive | pinball P50 model / naive "
        "| pinball P90 model / naive | P90 coverage model / naive |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for e in evals:
        base = "same hour last week" if e.season == scaling.WEEK else "same hour yesterday"
        lines.append(
            f"| {e.trace} | {e.train_hours} | {e.test_hours} | {e.scored_hours} | {base} "
            f"| {e.model_mape:.2f} / {e.base_mape:.2f} | {e.model_pinball50:.3f} / {e.base_pinball50:.3f} "
            f"| {e.model_pinball90:.3f} / {e.base_pinball90:.3f} "
            f"| {e.model_p90_coverage:.2f} / {e.base_p90_coverage:.2f} |"
        )
    data = json.dumps([e.to_json() for e in evals], sort_keys=True)
    lines.append("")
    lines.append(f"<!-- eval-json: {data} -->")
    lines.append(END)
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
