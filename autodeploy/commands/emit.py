"""`autodeploy emit app.adl --target terraform|arm [--format hcl|json] -o out/`."""

from __future__ import annotations

import argparse
import sys

from autodeploy.backends.dispatch import TARGETS, emit_for, target_for, write_files
from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import exclusive_dir

from ._common import add_cloud_arg, add_compile_args, compile_args

ORDER = 40


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("emit", help="write deployable infrastructure code (Terraform for AWS and GCP, ARM for Azure)")
    add_compile_args(p)
    add_cloud_arg(p)
    p.add_argument("--target", choices=TARGETS, default=None,
                   help="backend (default: terraform, arm for an Azure deployment)")
    p.add_argument("--format", choices=("hcl", "json"), default="hcl",
                   help="Terraform syntax: main.tf (hcl, default) or main.tf.json")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:

    result = compile_args(args)
    if not result.ok or result.ir is None:
        return 1
    emitted = emit_for(args.target or target_for(result.ir.deployment.cloud), result.ir, result.graph, args.format)
    if emitted.diagnostics:
        sys.stderr.write(render_text(emitted.diagnostics, result.sources))
    if not emitted.ok:
        return 1
    with exclusive_dir(args.out):
        for path in write_files(args.out, emitted.files):
            print(f"wrote {path}")
    return 0
