"""`autodeploy forecast --history metrics.csv [--horizon 48h] [--column NAME] [--format table|json|csv]`."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from autodeploy.cli import UsageError
from autodeploy.fsutil import UnreadableFile, read_text

ORDER = 60
MAX_HORIZON = 24 * 28


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("forecast", help="forecast hourly load (P50/P90) from a CloudWatch-style CSV export")
    p.add_argument("--history", required=True, metavar="CSV",
                   help="columns timestamp,value (or CloudWatch's Timestamp,Sum / Timestamp,Average)")
    p.add_argument("--horizon", default="48h",
                   help="how far ahead: 48h, 2d or a number of hours (default 48h)")
    p.add_argument("--column", help="the value column to forecast (default: value, Sum, Average, ...)")
    p.add_argument("--agg", choices=("sum", "mean"),
                   help="how points become hours (default: sum for Sum/SampleCount, else mean)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=run)


def parse_horizon(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*(h|hours?|d|days?)?\s*", text)
    if not m:
        raise UsageError(f"--horizon expects hours like 48h or days like 2d, got {text!r}")
    n = int(m.group(1)) * (24 if (m.group(2) or "h").startswith("d") else 1)
    if not 1 <= n <= MAX_HORIZON:
        raise UsageError(f"--horizon must be between 1h and {MAX_HORIZON}h, got {n}h")
    return n


def run(args: argparse.Namespace) -> int:
    from autodeploy.analytics.forecast import forecast, read_history
    from autodeploy.compiler.diagnostics import render_text

    horizon = parse_horizon(args.horizon)
    if not os.path.lexists(args.history):
        raise UsageError(f"no such file: {args.history}")
    try:
        text = read_text(args.history)  # non-blocking: a FIFO is refused, not waited on; BOM dropped
    except UnreadableFile as exc:
        from autodeploy.analytics import scaling_diagnostics  # noqa: F401
        from autodeploy.compiler.catalogue import diag

        reason = exc.reason
        sys.stderr.write(render_text([diag("ADL4101", None, file=args.history, reason=reason)], {}))
        return 2
    history, diags = read_history(text, args.history, args.column, args.agg)
    if diags:
        sys.stderr.write(render_text(diags, {args.history: text}))
    if history is None:
        return 1
    result = forecast(history, horizon)
    what = "hourly sum" if history.agg == "sum" else "hourly mean"
    if args.format == "json":
        out = {
            "history": args.history, "column": history.column, "aggregation": what,
            "history_hours": history.hours_with_data, "horizon_hours": horizon,
            "forecast": [{"timestamp": t, "p50": round(a, 4), "p90": round(b, 4)}
                         for t, a, b in result.rows()],
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write("timestamp,p50,p90\n")
        for t, a, b in result.rows():
            sys.stdout.write(f"{t},{a:.4f},{b:.4f}\n")
    else:
        print(f"forecast of `{history.column}` ({what}) from {history.hours_with_data} hours of history, "
              f"next {horizon} h (UTC):")
        print(f"{'hour':<17} {'P50':>12} {'P90':>12}")
        for t, a, b in result.rows():
            print(f"{t:<17} {a:>12.2f} {b:>12.2f}")
    return 0
