"""Build stage 20: the monthly estimate. Hands the CostReport on as ctx.artifacts["cost"]
(the check stage hands its `policy_input()` to the budget rules) and writes <out>/cost.json.

`estimate_for` is the same estimate (with --usage) for `plan` and `apply`."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from autodeploy.compiler.diagnostics import Diagnostic, render_text
from autodeploy.fsutil import write_atomic

if TYPE_CHECKING:
    from autodeploy.pipeline import BuildContext


class CostUnavailable(Exception):
    """No estimate: the usage file is invalid or the price catalog is broken."""

    def __init__(self, reason: str, diagnostics: tuple[Diagnostic, ...], in_usage_file: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.diagnostics = diagnostics
        self.in_usage_file = in_usage_file


def estimate_for(ir: Any, usage_file: str | None, free_tier: bool = False) -> Any:
    """The CostReport of `ir` with the usage overrides of `usage_file`; raises CostUnavailable."""
    from autodeploy.analytics.catalog import CatalogError
    from autodeploy.analytics.cost import estimate

    usage = None
    if usage_file:
        from autodeploy.analytics.usage import load_usage_file

        usage, diags = load_usage_file(usage_file, ir)
        if diags:
            raise CostUnavailable(f"usage file {usage_file} has {len(diags)} error(s)", tuple(diags), True)
    try:
        report = estimate(ir, usage, free_tier=free_tier)
    except CatalogError as exc:
        d = exc.diagnostic
        raise CostUnavailable(f"{d.code} {d.message}", (d,), False) from None
    if usage is not None and report.unused_usage:  # keys the estimate never read: warnings, not errors
        from autodeploy.analytics.usage import unused_warnings

        sys.stderr.write(render_text(unused_warnings(usage, report.unused_usage, ir), {}))
    return report


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
        from autodeploy.analytics.cost_render import money, total_text, unpriced_text

        ir = ctx.result.ir
        if ir is None:
            return
        try:
            report = estimate_for(ir, getattr(ctx.args, "usage", None),
                                  free_tier=bool(getattr(ctx.args, "free_tier", False)))
        except CostUnavailable as exc:
            if exc.in_usage_file:  # the catalog's diagnostic is the summary line itself
                sys.stderr.write(render_text(list(exc.diagnostics), {}))
            ctx.summary.append(f"cost     not run: {exc.reason}")
            ctx.fail(2)
            return
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
