"""`autodeploy forecast --history metrics.csv [--horizon 48h] [--column NAME] [--format table|json|csv]
[--backtest] [--plot forecast.png [--headroom 0.3] [--replica-capacity N]]`."""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from typing import Any

from autodeploy.cli import UsageError
from autodeploy.errors import no_such_file
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
    p.add_argument("--backtest", action="store_true",
                   help="print the rolling-origin backtest instead: every candidate's metrics, the served model, why")
    p.add_argument("--plot", metavar="PNG", help="also draw history, P50, the P90 band and implied capacity")
    p.add_argument("--headroom", type=float, default=0.3, help="headroom over P90 for the plotted capacity (0.3)")
    p.add_argument("--replica-capacity", type=float, metavar="N",
                   help="load one replica serves (in the forecast's unit): plot capacity as whole replicas")
    p.set_defaults(func=run)


def parse_horizon(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*(h|hours?|d|days?)?\s*", text)
    if not m:
        raise UsageError(f"--horizon expects hours like 48h or days like 2d, got {text!r}")
    n = int(m.group(1)) * (24 if (m.group(2) or "h").startswith("d") else 1)
    if not 1 <= n <= MAX_HORIZON:
        raise UsageError(f"--horizon must be between 1h and {MAX_HORIZON}h, got {n}h")
    return n


def _check_plot_args(args: argparse.Namespace) -> None:
    if not (math.isfinite(args.headroom) and 0 <= args.headroom <= 10):
        raise UsageError(f"--headroom must be between 0 and 10, got {args.headroom}")
    cap = args.replica_capacity
    if cap is not None and not (math.isfinite(cap) and cap > 0):
        raise UsageError(f"--replica-capacity must be a positive number, got {cap}")


def run(args: argparse.Namespace) -> int:
    from autodeploy.analytics import scaling_diagnostics  # noqa: F401  (registers ADL41xx)
    from autodeploy.analytics.forecast import forecast, read_history, run_backtest
    from autodeploy.compiler.catalogue import diag
    from autodeploy.compiler.diagnostics import render_text

    horizon = parse_horizon(args.horizon)
    _check_plot_args(args)
    if not os.path.lexists(args.history):
        raise no_such_file(args.history, hint="--history names the metric CSV export")
    from ._common import refuse_overwriting

    refuse_overwriting(args.plot, [args.history])  # `--plot` over the CSV would lose the history
    try:
        text = read_text(args.history)  # non-blocking: a FIFO is refused, not waited on; BOM dropped
    except UnreadableFile as exc:
        reason = exc.reason
        sys.stderr.write(render_text([diag("ADL4101", None, file=args.history, reason=reason)], {}))
        return 2
    history, diags = read_history(text, args.history, args.column, args.agg)
    if diags:
        sys.stderr.write(render_text(diags, {args.history: text}))
    if history is None:
        return 1
    report = run_backtest(history)
    result = forecast(history, horizon, report)
    if result.warnings:
        sys.stderr.write(render_text(result.warnings, {args.history: text}))
    if args.plot:
        rc = _plot(args, result)
        if rc:
            return rc
    what = "hourly sum" if history.agg == "sum" else "hourly mean"
    head = {"history": args.history, "column": history.column, "aggregation": what,
            "history_hours": history.hours_with_data}
    if args.backtest:
        _print_backtest(args.format, head, result)
        return 0
    if args.format == "json":
        out = {
            **head, "horizon_hours": horizon, "model": result.model, "reason": result.reason,
            "forecast": [{"timestamp": t, "p50": round(a, 4), "p90": round(b, 4)} for t, a, b in result.rows()],
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write("timestamp,p50,p90\n")
        for t, a, b in result.rows():
            sys.stdout.write(f"{t},{a:.4f},{b:.4f}\n")
    else:
        print(f"forecast of `{history.column}` ({what}) from {history.hours_with_data} hours of history, "
              f"next {horizon} h (UTC):")
        print(f"model: {result.model} ({result.reason})")
        print(f"{'hour':<17} {'P50':>12} {'P90':>12}")
        for t, a, b in result.rows():
            print(f"{t:<17} {a:>12.2f} {b:>12.2f}")
    return 0


def _plot(args: argparse.Namespace, result: Any) -> int:
    from autodeploy.analytics.forecast_plot import render_png
    from autodeploy.compiler.catalogue import diag
    from autodeploy.compiler.diagnostics import render_text
    from autodeploy.fsutil import write_atomic

    try:
        png = render_png(result, args.headroom, args.replica_capacity)
    except ImportError as exc:  # matplotlib (the `plot` extra) is not installed
        sys.stderr.write(render_text([diag("ADL4161", None, path=args.plot, reason=str(exc),
                                           hint="install matplotlib: pip install 'autodeploy[plot]'")], {}))
        return 2
    try:
        write_atomic(args.plot, png)
    except OSError as exc:
        sys.stderr.write(render_text([diag("ADL4161", None, path=args.plot, reason=exc.strerror or str(exc),
                                           hint="choose a writable path")], {}))
        return 2
    return 0


def _print_backtest(fmt: str, head: dict[str, Any], result: Any) -> None:
    r = result.report
    if fmt == "json":
        doc = {**head, "served": result.model, "reason": result.reason,
               "backtest": r.to_json() if r is not None else None}
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
        return
    if r is None:
        print(f"no backtest: {result.reason}; served {result.model}")
        return
    rows = [(s.candidate, s.mape, s.pinball50, s.pinball90, s.coverage90) for s in r.scores]
    if fmt == "csv":
        sys.stdout.write("candidate,mape,pinball50,pinball90,coverage90,served\n")
        for name, *vals in rows:
            sys.stdout.write(",".join([name, *(f"{v:.6g}" for v in vals), str(name == r.served).lower()]) + "\n")
        return
    print(f"backtest of `{head['column']}` ({head['aggregation']}): {r.origins} origins x leads 1-{r.horizon} h, "
          f"{r.scored_pairs} scored forecast hours over {r.scored_steps} distinct hours")
    print(f"{'candidate':<24} {'MAPE %':>8} {'pinball P50':>12} {'pinball P90':>12} {'P90 cover':>9}")
    for name, m, p5, p9, cov in rows:
        mark = "  <- served" if name == r.served else ""
        print(f"{name:<24} {m:>8.2f} {p5:>12.4g} {p9:>12.4g} {cov:>9.2f}{mark}")
    print(f"served: {r.served}: {r.reason}")
    h = r.holdout
    if h is not None:
        print(f"check: chosen on the earlier half ({h.chosen}) scores P50 pinball {h.pinball50:.4g} on the later "
              f"half vs {h.fallback_pinball50:.4g} for {h.fallback}, P90 coverage {h.coverage90:.2f}")
