"""Build stage 30: the compliance gate inside `autodeploy build` (local OPA), with the cost
stage's estimate as the budget rule's input; writes <out>/findings.sarif."""

from __future__ import annotations

import argparse
import os
import sys

from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import write_atomic
from autodeploy.pipeline import BuildContext
from autodeploy.policies.engine import PolicyEngineError, evaluate
from autodeploy.policies.report import summary_line
from autodeploy.policies.sarif import render_sarif


class CheckStage:
    name = "check"
    order = 30

    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        from autodeploy.commands.check import add_gate_args

        g = p.add_argument_group("check stage")
        add_gate_args(g)  # type: ignore[arg-type]

    def run(self, ctx: BuildContext) -> None:
        from autodeploy.commands.check import parse_frameworks

        ir = ctx.result.ir
        if ir is None:
            return
        args = ctx.args
        threshold = getattr(args, "fail_on", "high") or "high"
        cost_report = ctx.artifacts.get("cost")
        cost = cost_report.policy_input() if cost_report is not None else None
        try:
            report = evaluate(
                ir,
                frameworks=parse_frameworks(getattr(args, "frameworks", None)),
                cost=cost,
                policy_dirs=getattr(args, "policy_dirs", None) or (),
                opa_url=getattr(args, "opa_url", None),
                today=getattr(args, "today", None),
            )
        except PolicyEngineError as exc:
            d = exc.diagnostic
            ctx.summary.append(f"check    not run: {d.code} {d.message}")
            if d.help:
                ctx.summary.append(f"         {d.help}")
            ctx.fail(2)
            return
        ctx.artifacts["check"] = report
        write_atomic(os.path.join(ctx.out_dir, "findings.sarif"), render_sarif(report))
        if report.diagnostics:
            sys.stderr.write(render_text(report.diagnostics, ctx.result.sources))
        failed = report.failed(threshold)
        line = f"check    {summary_line(report, threshold)}"
        if failed:
            blocking = report.blocking(threshold)
            line += f": FAIL ({len(blocking)} blocking finding(s))" if blocking else ": FAIL"
        ctx.summary.append(line)
        for f in report.blocking(threshold)[:3]:
            ctx.summary.append(f"         {f.span}: {f.severity} {f.rule} {f.resource or ''}: {f.message}")
        if failed:
            ctx.fail(1)


STAGE = CheckStage()
