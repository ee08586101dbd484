"""What `generate` and `chat` print after a file compiles: resources, deploy waves, checks."""

from __future__ import annotations

from autodeploy.compiler import CompileResult

from . import checks


def describe(result: CompileResult, run_checks: bool = True) -> list[str]:
    return summarize(result, run_checks)[0]


def summarize(result: CompileResult, run_checks: bool = True) -> tuple[list[str], checks.CheckReport | None]:
    """The summary lines, and the check report (None when the checks were not run)."""
    ir, graph = result.ir, result.graph
    if ir is None:
        return [], None
    kinds: dict[str, int] = {}
    for r in ir.resources:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    d = ir.deployment
    lines = [
        f"{len(ir.resources)} resources ("
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        + f") on {d.cloud} {d.region}"
        + (f", {', '.join(d.compliance)}" if d.compliance else "")
        + (f", budget {d.budget:g} usd/month" if d.budget is not None else "")
    ]
    if graph is not None:
        for i, wave in enumerate(graph.waves(), 1):
            lines.append(f"  wave {i}: {', '.join(wave)}")
    if ir.assertions:
        lines.append(f"{len(ir.assertions)} locked requirement(s) hold")
    rep = None
    if run_checks:
        rep = checks.run(ir)
        if rep.cost_total is not None:
            over, at_least = "", ">= " if rep.cost_unpriced else ""
            if d.budget is not None:
                if rep.cost_total > d.budget:
                    over = " (over budget!)"
                elif rep.cost_unpriced:  # never "within" on unknowns
                    over = f" (budget {d.budget:g} unverifiable: {rep.cost_unpriced} component(s) unpriced)"
                else:
                    over = f" (within {d.budget:g})"
            lines.append(f"cost: {at_least}{rep.cost_total:.2f} usd/month estimated{over}")
        else:
            lines.append(rep.cost_skipped or "cost estimate skipped")
        if rep.policy_line is not None:
            lines.append(f"policy: {rep.policy_line}")
            lines += [f"  {b}" for b in rep.blocking[:5]]
        else:
            lines.append(rep.policy_skipped or "policy check skipped")
    return lines, rep
