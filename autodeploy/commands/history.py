"""`autodeploy history [--limit N] [--format table|json] [--export-parquet DIR]`: recorded runs."""

from __future__ import annotations

import argparse
import json
import os
import sys

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import check_writable_file, ensure_dir

ORDER = 80
MAX_LIMIT = 1_000_000


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("history", help="list recorded runs (cost --record) from the local history database")
    p.add_argument("--limit", type=int, default=20, help="how many runs, newest first (default: 20)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--export-parquet", metavar="DIR", help="write runs.parquet and cost_components.parquet here"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from autodeploy.analytics.store import HistoryError, export_parquet, history_path, runs

    if not 1 <= args.limit <= MAX_LIMIT:  # DuckDB's LIMIT is a 64-bit integer: refuse before it fails
        sys.stderr.write(render_text([diag("ADL0603", None, option="--limit", low=1, high=f"{MAX_LIMIT:,}",
                                           value=args.limit)], {}))
        return 2
    try:
        if args.export_parquet:
            ensure_dir(args.export_parquet)
            for name in ("runs.parquet", "cost_components.parquet"):
                check_writable_file(os.path.join(args.export_parquet, name))
            for f in export_parquet(args.export_parquet):
                print(f"wrote {f}")
            return 0
        items = runs(args.limit)
    except HistoryError as exc:
        sys.stderr.write(render_text([exc.diagnostic], {}))
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps([r.to_json() for r in items], indent=2) + "\n")
        return 0
    if not items:
        print(f"no runs recorded in {history_path()} (use `autodeploy cost --record`)")
        return 0
    print(
        f"{'time':<21} {'kind':<6} {'deployment':<22} {'res':>4} {'findings':>8} {'monthly':>12}  "
        "commit   file"
    )
    for r in items:
        total = "" if r.total_monthly is None else f"${r.total_monthly:,.2f}"
        findings = "" if r.findings is None else str(r.findings)
        commit = (r.git_commit or "-")[:8]
        print(
            f"{r.ts:<21} {r.kind:<6} {r.deployment:<22} {r.resources:>4} {findings:>8} {total:>12}  "
            f"{commit:<8} {r.file}"
        )
    return 0
