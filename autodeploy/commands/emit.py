"""`autodeploy emit app.adl --target terraform|arm [--format hcl|json] -o out/`."""

from __future__ import annotations

import argparse
import sys

from autodeploy.backends.dispatch import TARGETS
from autodeploy.compiler.diagnostics import render_text

from ._common import add_compile_args, compile_args

ORDER = 40


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("emit", help="write deployable infrastructure code (Terraform for AWS, ARM for Azure)")
    add_compile_args(p)
    p.add_argument("--target", choices=TARGETS, default="terraform", help="backend (default: terraform)")
    p.add_argument("--format", choices=("hcl", "json"), default="hcl",
                   help="Terraform syntax: main.tf (hcl, default) or main.tf.json")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from autodeploy.backends.dispatch import emit_for, write_files

    result = compile_args(args)
    if not result.ok or result.ir is None:
        return 1
    emitted = emit_for(args.target, result.ir, result.graph, args.format)
    if emitted.diagnostics:
        sys.stderr.write(render_text(emitted.diagnostics, result.sources))
    if not emitted.ok:
        return 1
    for path in write_files(args.out, emitted.files):
        print(f"wrote {path}")
    return 0
