"""`autodeploy emit app.adl --target terraform|arm [--format hcl|json] -o out/`."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from autodeploy.cli import UsageError
from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import write_atomic

from ._common import add_compile_args, compile_args

ORDER = 40


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("emit", help="write deployable infrastructure code (Terraform for AWS, ARM for Azure)")
    add_compile_args(p)
    p.add_argument("--target", choices=("terraform", "arm"), default="terraform", help="backend (default: terraform)")
    p.add_argument("--format", choices=("hcl", "json"), default="hcl",
                   help="Terraform syntax: main.tf (hcl, default) or main.tf.json")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.set_defaults(func=run)


def emit_for(target: str, ir: Any, graph: Any, fmt: str = "hcl") -> Any:
    """Dispatch to a backend; both return EmitResult(files, diagnostics). Imported lazily so one
    backend's absence or import cost never affects the other."""
    if target == "terraform":
        from autodeploy.backends.terraform import emit_terraform

        return emit_terraform(ir, graph, fmt)
    if target == "arm":
        try:
            from autodeploy.backends.arm import emit_arm  # type: ignore[attr-defined]
        except ImportError as exc:
            raise UsageError(f"the ARM backend is not available: {exc}") from exc
        return emit_arm(ir, graph)
    raise UsageError(f"unknown target {target!r}")


def write_files(out_dir: str, files: dict[str, str]) -> list[str]:
    written = []
    for rel, text in sorted(files.items()):
        path = os.path.join(out_dir, rel)
        write_atomic(path, text)
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
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
