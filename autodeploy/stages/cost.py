"""Build stage 20: the monthly estimate. Hands the CostReport on as ctx.artifacts["cost"]
(the check stage reads `total_monthly` for the budget rule) and writes <out>/cost.json."""

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

    def run(self, ctx: BuildContext) -> None:
        from autodeploy.analytics.catalog import CatalogError
        from autodeploy.analytics.cost import estimate
        from autodeploy.analytics.cost_render import money

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
            report = estimate(ir, usage)
        except CatalogError as exc:
            d = exc.diagnostic
            ctx.summary.append(f"cost     not run: {d.code} {d.message}")
            ctx.fail(2)
            return
        ctx.artifacts["cost"] = report
        write_atomic(os.path.join(ctx.out_dir, "cost.json"), report.dumps())
        if report.budget is None:
            budget = "no budget"
        else:
            budget = f"budget {money(report.budget)}: {'OVER' if report.over_budget else 'ok'}"
        dates = ", ".join(sorted({d for d in report.price_dates.values()}))
        line = f"cost     {money(report.total_monthly)}/month ({budget}) — prices of {dates}"
        ctx.summary.append(line)
        extra = []
        if report.unknown:
            extra.append(f"{len(report.unknown)} component(s) with unknown price")
        n_approx = sum(1 for r in report.resources for c in r.components if c.price_source == "approximation")
        if n_approx:
            extra.append(f"{n_approx} approximated")
        if extra:
            ctx.summary.append("         " + ", ".join(extra) + "; see cost.json")


STAGE = CostStage()
