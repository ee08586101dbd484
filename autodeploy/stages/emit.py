"""Build stage `emit` (order 40): Terraform for an AWS deployment, ARM for Azure, into ctx.out_dir.

The files are emitted when the stage runs and written when every stage has run (`finish`): only a
build that passed leaves a deployable file behind (_artifacts.py)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from autodeploy.backends.dispatch import emit_for, target_for
from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import FileError

from ._artifacts import FAILED_SUFFIX, publish

if TYPE_CHECKING:
    from autodeploy.pipeline import BuildContext


@dataclass(frozen=True)
class EmitStage:
    name: str = "emit"
    order: int = 40

    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        p.add_argument("--tf-format", choices=("hcl", "json"), default="hcl",
                       help="Terraform syntax for the emit stage (default: hcl)")
        p.add_argument("--keep-failed", action="store_true",
                       help=f"when the build fails, keep the artifacts for inspection as <name>{FAILED_SUFFIX} "
                            "(a name Terraform and az never read); by default a failing build writes none")

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
        ctx.artifacts["emit_target"] = target
        if not emitted.ok:
            n = sum(1 for d in emitted.diagnostics if d.is_error)
            ctx.summary.append(f"emit     {target}: {n} error(s), nothing written")
            ctx.fail(1)

    def finish(self, ctx: BuildContext) -> None:
        """Runs once the verdict is final: write the artifacts of a passing build, withhold those of a
        failing one, and remove a stale deployable file either way."""
        emitted = ctx.artifacts.get("emit")
        files = emitted.files if emitted is not None and emitted.ok else {}
        passed = ctx.exit_code == 0
        try:
            written, removed = publish(ctx.out_dir, files, passed, getattr(ctx.args, "keep_failed", False))
        except FileError as exc:  # a stale main.tf left in place would be applied by the next CI step
            sys.stderr.write(render_text((exc.diagnostic,), {}))
            ctx.summary.append(f"emit     {exc.diagnostic.code}: {exc.diagnostic.message}")
            ctx.fail(2)
            return
        stale = f"; removed stale {', '.join(removed)}" if removed else ""
        if passed and emitted is not None:
            warn = sum(1 for d in emitted.diagnostics if not d.is_error)
            ctx.summary.append(f"emit     {ctx.artifacts['emit_target']}: wrote {', '.join(written)}"
                               + (f" ({warn} warning(s))" if warn else "") + stale)
        elif files:
            kept = f"kept for inspection as {', '.join(written)}" if written else "not written"
            ctx.summary.append(f"emit     {kept} (the build failed: nothing deployable){stale}")
        elif removed:
            ctx.summary.append(f"emit     removed stale {', '.join(removed)} (the build failed)")


STAGE = EmitStage()
