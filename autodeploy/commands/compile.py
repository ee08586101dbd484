"""`autodeploy compile app.adl [--emit-ir ir.json] [--format text|json]`."""

from __future__ import annotations

import argparse
import sys

from autodeploy.fsutil import write_atomic

from ._common import add_cloud_arg, add_compile_args, add_record_arg, compile_args, record

ORDER = 10


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("compile", help="parse and type-check an .adl file; write its IR")
    add_compile_args(p)
    add_cloud_arg(p)
    p.add_argument("--emit-ir", metavar="PATH", help="write the IR JSON here ('-' for stdout)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="diagnostics format")
    add_record_arg(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = compile_args(args, args.format)
    if args.format == "json" and not result.diagnostics:
        sys.stderr.write("[]\n")
    if not result.ok or result.ir is None:
        return 1
    if args.emit_ir == "-":
        sys.stdout.write(result.ir.dumps())
    elif args.emit_ir:
        # a secret's plain `value` (flagged by policy, but accepted) is in the IR: then owner-only
        holds_secret = any(r.kind == "secret" and r.attrs.get("value") is not None for r in result.ir.resources)
        write_atomic(args.emit_ir, result.ir.dumps(), secret=holds_secret)
    if args.format == "text" and args.emit_ir != "-":
        ir = result.ir
        print(f"{args.file}: ok — {ir.resource_summary()} on {ir.deployment.cloud} {ir.deployment.region}")
    return 0 if record("compile", args, result.ir) else 2
