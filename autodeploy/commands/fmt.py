"""`autodeploy fmt FILE... [--check] [--diff]`: canonical layout, comments kept."""

from __future__ import annotations

import argparse
import difflib
import sys

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, Span, render_text
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
            else:  # coded and located like every other refusal (it was a bare "not formatted")
                sys.stdout.write(render_text([_unformatted(name, text, formatted)], {name: text}))
            status = 1
        else:
            write_atomic(path, formatted)
            print(f"{name}: formatted")
    return status


def _unformatted(name: str, text: str, formatted: str) -> Diagnostic:
    """ADL0982 at the first line `fmt` would change (line endings and a missing final newline count)."""
    have, want = text.splitlines(keepends=True), formatted.splitlines(keepends=True)
    line = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
    line = min(line, max(len(have) - 1, 0)) + 1
    return diag("ADL0982", Span.point(name, line, 1), path=name, line=line)
