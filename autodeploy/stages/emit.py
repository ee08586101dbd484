"""Build stage `emit` (order 40): Terraform for an AWS deployment, ARM for Azure, into ctx.out_dir."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from autodeploy.backends.dispatch import emit_for, target_for, write_files
from autodeploy.compiler.diagnostics import render_text

if TYPE_CHECKING:
    from autodeploy.pipeline import BuildContext


@dataclass(frozen=True)
class EmitStage:
    name: str = "emit"
    order: int = 40

    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        p.add_argument("--tf-format", choices=("hcl", "json"), default="hcl",
                       help="Terraform syntax for the emit stage (default: hcl)")

    def run(self, ctx: BuildContext) -> None:
        ir = ctx.result.ir
        if ir is None:
            return
        target = target_for(ir.deployment.cloud)
        try:
            emitted = emit_for(target, ir, ctx.result.graph, getattr(ctx.args, "tf_format", "hcl"))
        except Exception as exc:  # the backend is missing or broke: report it, fail the gate
            ctx.summary.append(f"emit     {target}: unavailable ({exc})")
            ctx.fail(2)
            return
        if emitted.diagnostics:
            sys.stderr.write(render_text(emitted.diagnostics, ctx.result.sources))
        ctx.artifacts["emit"] = emitted
        if not emitted.ok:
            n = sum(1 for d in emitted.diagnostics if d.is_error)
            ctx.summary.append(f"emit     {target}: {n} error(s), nothing written")
            ctx.fail(1)
            return
        paths = write_files(ctx.out_dir, emitted.files)
        warn = sum(1 for d in emitted.diagnostics if not d.is_error)
        ctx.summary.append(f"emit     {target}: wrote {', '.join(paths)}"
                           + (f" ({warn} warning(s))" if warn else ""))


STAGE = EmitStage()
