"""Build stage 20: the monthly estimate. Hands the CostReport on as ctx.artifacts["cost"]
(the check stage hands its `policy_input()` to the budget rules) and writes <out>/cost.json."""

from __future__ import annotations

import argparse
import os
import sys

from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import write_atomic
from autodeploy.pipeline import BuildContext


class CostStage:
    name = "cost"
    order = 20

    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group("cost stage")
        g.add_argument(
            "--usage", metavar="FILE", help="usage overrides for the estimate (YAML, docs/cost.md)"
        )
        g.add_argument(
            "--free-tier", action="store_true", help="subtract the cited monthly free allowances (docs/cost.md)"
        )

    def run(self, ctx: BuildContext) -> None:
        from autodeploy.analytics.catalog import CatalogError
        from autodeploy.analytics.cost import estimate
        from autodeploy.analytics.cost_render import money, total_text, unpriced_text

        ir = ctx.result.ir
        if ir is None:
            return
        usage = None
        usage_file = getattr(ctx.args, "usage", None)
        if usage_file:
            from autodeploy.analytics.usage import load_usage_file

            usage, diags = load_usage_file(usage_file, ir)
            if diags:
                sys.stderr.write(render_text(diags, {}))
                ctx.summary.append(f"cost     not run: usage file {usage_file} has {len(diags)} error(s)")
                ctx.fail(2)
                return
        try:
            report = estimate(ir, usage, free_tier=bool(getattr(ctx.args, "free_tier", False)))
        except CatalogError as exc:
            d = exc.diagnostic
            ctx.summary.append(f"cost     not run: {d.code} {d.message}")
            ctx.fail(2)
            return
        if usage is not None and report.unused_usage:
            from autodeploy.analytics.usage import unused_warnings

            sys.stderr.write(render_text(unused_warnings(usage, report.unused_usage, ir), {}))
        ctx.artifacts["cost"] = report
        write_atomic(os.path.join(ctx.out_dir, "cost.json"), report.dumps())
        status = report.budget_status
        budget = "no budget" if status == "none" else f"budget {money(report.budget)}: {status.upper()}"
        if status == "ok":
            budget = f"budget {money(report.budget)}: ok"
        dates = ", ".join(sorted({d for d in report.price_dates.values()}))
        line = f"cost     {total_text(report)}/month ({budget}) — prices of {dates}"
        ctx.summary.append(line)
        extra = []
        if report.unknown:
            extra.append(f"{unpriced_text(report)}: the total is a lower bound")
        n_approx = sum(1 for r in report.resources for c in r.components if c.price_source == "approximation")
        if n_approx:
            extra.append(f"{n_approx} approximated")
        if extra:
            ctx.summary.append("         " + ", ".join(extra) + "; see cost.json")


STAGE = CostStage()
