"""`autodeploy fmt FILE... [--check] [--diff]`: canonical layout, comments kept."""

from __future__ import annotations

import argparse
import difflib
import sys

from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import write_atomic

from ._common import read_input

ORDER = 20


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("fmt", help="rewrite .adl files in the canonical layout")
    p.add_argument("files", nargs="+", help=".adl files")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not formatted")
    p.add_argument("--diff", action="store_true", help="print the changes instead of writing them")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from autodeploy.compiler.fmt import format_source
    from autodeploy.compiler.loader import display_path

    status = 0
    for path in args.files:
        name = display_path(path)
        text = read_input(path)
        formatted, diags = format_source(text, name)
        if formatted is None:
            sys.stderr.write(render_text(diags, {name: text}))
            status = 1
            continue
        if formatted == text:
            continue
        if args.check or args.diff:
            if args.diff:
                sys.stdout.writelines(difflib.unified_diff(
                    text.splitlines(keepends=True), formatted.splitlines(keepends=True), name, name))
            else:
                print(f"{name}: not formatted")
            status = 1
        else:
            write_atomic(path, formatted)
            print(f"{name}: formatted")
    return status
