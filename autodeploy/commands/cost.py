"""`autodeploy cost app.adl [--format table|json|csv|markdown] [--usage usage.yml] [--compare base.adl]
[--compare-clouds] [--cloud aws|azure|gcp] [--record]`: the monthly estimate from the offline price catalog.

Exit 0 whenever an estimate is produced (over budget included: the budget gate is a policy
finding of `autodeploy check`), 1 when the file does not compile, 2 for a broken price
catalog, usage file or history database (a coded ADL40xx diagnostic, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys

from autodeploy.cli import UsageError
from autodeploy.compiler.diagnostics import Diagnostic, render_text
from autodeploy.errors import no_such_file

from ._common import add_cloud_arg, add_compile_args, compile_args, parse_sets, refuse_empty, root_of

ORDER = 30
FORMATS = ("table", "json", "csv", "markdown")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("cost", help="estimate the monthly cost from the offline price catalog")
    add_compile_args(p)
    p.add_argument("--format", choices=FORMATS, default="table", help="report format (default: table)")
    p.add_argument("--usage", metavar="FILE", help="usage overrides (YAML, see docs/cost.md)")
    p.add_argument(
        "--free-tier",
        action="store_true",
        help="subtract the cited monthly free allowances (SQS, SNS, KMS requests; once per account)",
    )
    p.add_argument("--compare", metavar="BASE_ADL", help="show the cost difference against another .adl file")
    p.add_argument("--compare-clouds", action="store_true",
                   help="estimate the same file on aws, azure and gcp side by side (portable sizes resolve per cloud)")
    add_cloud_arg(p)
    p.add_argument(
        "--record",
        action="store_true",
        help="record this run in the history database (.autodeploy/history.duckdb)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (default: stdout)")
    p.set_defaults(func=run)


def _fail(diags: tuple[Diagnostic, ...] | list[Diagnostic], sources: dict[str, str] | None = None) -> int:
    sys.stderr.write(render_text(diags, sources or {}))
    return 2


def _source(path: str) -> dict[str, str]:
    """The usage file's text for caret snippets (none when it cannot be read)."""
    from autodeploy.fsutil import UnreadableFile, read_text

    try:
        return {path: read_text(path)}  # non-blocking: a FIFO is never waited on
    except UnreadableFile:
        return {}


def run(args: argparse.Namespace) -> int:
    from autodeploy.analytics.catalog import CatalogError
    from autodeploy.analytics.cost import compare, estimate
    from autodeploy.analytics.cost_render import render, render_diff
    from autodeploy.analytics.usage import load_usage_file, unused_warnings
    from autodeploy.compiler import compile_file

    if args.compare_clouds:
        return _compare_clouds(args)
    result = compile_args(args)
    if not result.ok or result.ir is None:
        return 1
    ir = result.ir
    usage = None
    usage_text: dict[str, str] = {}
    if args.usage:
        # missing, a folder or a FIFO: ADL4010 from the loader (docs/cost.md), exit 2 — never a hang
        usage, diags = load_usage_file(args.usage, ir)
        usage_text = _source(args.usage)
        if diags:
            return _fail(diags, usage_text)
    try:
        report = estimate(ir, usage, free_tier=args.free_tier)
        if usage is not None and report.unused_usage:
            sys.stderr.write(render_text(unused_warnings(usage, report.unused_usage, ir), usage_text))
        if args.compare:
            if not os.path.lexists(args.compare):  # a symlink loop is reported by compile_file
                raise no_such_file(args.compare, hint="--compare names the base .adl file")
            base_res = refuse_empty(compile_file(args.compare, parse_sets(args.sets), root=root_of(args)), args.compare)
            if not base_res.ok or base_res.ir is None:
                sys.stderr.write(base_res.render())
                from autodeploy.compiler.catalogue import diag

                sys.stderr.write(render_text([diag("ADL4040", None, file=args.compare)], {}))
                return 1
            text = render_diff(compare(estimate(base_res.ir, free_tier=args.free_tier), report), args.format)
        else:
            text = render(report, args.format)
    except CatalogError as exc:
        return _fail([exc.diagnostic])
    if args.output:
        from autodeploy.fsutil import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    if args.record:
        from autodeploy.analytics.store import HistoryError, record_run  # DuckDB: only to record

        try:
            run_id = record_run("cost", ir, report, command="cost", file=args.file)
        except HistoryError as exc:
            return _fail([exc.diagnostic])
        print(f"recorded run {run_id}", file=sys.stderr)
    return 0


def _compare_clouds(args: argparse.Namespace) -> int:
    """One estimate per cloud of the file retargeted there; a cloud it cannot compile for is a column
    without an estimate (its diagnostics go to stderr), not a failure of the others."""
    from autodeploy.analytics.catalog import CatalogError
    from autodeploy.analytics.cost import estimate
    from autodeploy.analytics.cost_clouds import CloudColumn, render_clouds
    from autodeploy.analytics.usage import load_usage_file
    from autodeploy.compiler.kinds import DEPLOYMENT

    if args.compare or args.cloud:
        raise UsageError("--compare-clouds cannot be combined with --compare or --cloud")
    cols = []
    for cloud in DEPLOYMENT.attr("cloud").type.values:  # type: ignore[union-attr]
        args.cloud = cloud
        res = compile_args(args)
        if not res.ok or res.ir is None:
            cols.append(CloudColumn(cloud, None, f"does not compile for {cloud} ({len(res.errors)} error(s))"))
            continue
        usage = None
        if args.usage:
            usage, diags = load_usage_file(args.usage, res.ir)
            if diags:
                return _fail(diags, _source(args.usage))
        try:
            cols.append(CloudColumn(cloud, estimate(res.ir, usage, free_tier=args.free_tier)))
        except CatalogError as exc:
            return _fail([exc.diagnostic])
    if all(c.report is None for c in cols):
        return 1
    text = render_clouds(cols, args.format)
    if args.output:
        from autodeploy.fsutil import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0

