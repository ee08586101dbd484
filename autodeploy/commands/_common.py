"""Helpers shared by subcommands: compiling with diagnostics printed, --set parsing."""

from __future__ import annotations

import argparse
import os
import sys

from autodeploy.cli import UsageError
from autodeploy.compiler import CompileResult, compile_file


def add_compile_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the .adl file")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter (repeatable)")
    add_root_arg(p)


def add_root_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=None, metavar="DIR",
                   help="project root: imports and paths in the file must stay inside it "
                        "(default: the file's directory)")


def root_of(args: argparse.Namespace) -> str | None:
    root = getattr(args, "root", None)
    if root is not None and not os.path.isdir(root):
        raise UsageError(f"--root: not a directory: {root}")
    return root


def parse_sets(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--set expects NAME=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def compile_args(args: argparse.Namespace, diag_format: str = "text") -> CompileResult:
    """Compile the file named on the command line; print diagnostics to stderr."""
    if not os.path.exists(args.file):
        raise UsageError(f"no such file: {args.file}")
    result = compile_file(args.file, parse_sets(args.sets), root=root_of(args))
    if result.diagnostics:
        sys.stderr.write(result.render(diag_format))
    return result


def add_record_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--record", action="store_true",
                   help="record this run in the history database (.autodeploy/history.duckdb)")


def record(kind: str, args: argparse.Namespace, ir: object, cost: object = None, findings: object = None) -> bool:
    """Record a run in the DuckDB history when --record was given; False if that failed (reported)."""
    if not getattr(args, "record", False):
        return True
    from autodeploy.analytics.store import HistoryError, record_run
    from autodeploy.compiler.diagnostics import render_text

    try:
        run_id = record_run(kind, ir, cost, findings, command=kind, file=args.file)
    except HistoryError as exc:
        sys.stderr.write(render_text([exc.diagnostic], {}))
        return False
    print(f"recorded run {run_id}", file=sys.stderr)
    return True
