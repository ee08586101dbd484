"""The reviewed plan shows the same money as `cost`: when a resource has components the catalog
cannot price, its line and the total are lower bounds (`>= $X`, as `cost` prints `>= $542.04`), not a
bare `?` that hides what is known; fully priced plans keep exact figures; the saved JSON keeps
`monthly_after = null` (unknown) and adds the priced part apart."""

from __future__ import annotations

from pathlib import Path

from autodeploy import compile_file
from autodeploy.backends.deploy.engine import Action
from autodeploy.backends.deploy.state import State
from autodeploy.planfile import render_text, with_costs
from autodeploy.stages.cost import estimate_for

ROOT = Path(__file__).resolve().parents[2]


def _plan(example: str) -> tuple[str, list, object]:
    result = compile_file(str(ROOT / "examples" / example))
    assert result.ir is not None
    cost = estimate_for(result.ir, None)
    actions = [Action("create", r.name, r.kind) for r in result.ir.resources]
    planned = with_costs(actions, State(path="unused.json", deployment="d", region="us-east-1", endpoint=None), cost)
    return render_text(planned), planned, cost


def test_a_partly_priced_plan_shows_the_lower_bound_cost_shows() -> None:
    text, planned, cost = _plan("patient-portal.adl")
    unpriced = [p for p in planned if p.monthly_after is None]
    assert unpriced, "patient-portal has components without a catalog price (NAT data, Fargate storage...)"
    for p in unpriced:
        assert p.priced_after is not None and f"{p.name} ({p.kind}): create  \u2265 +$" in text
        assert p.to_json()["monthly_after"] is None and p.to_json()["monthly_after_at_least"] == p.priced_after
    floor = sum(p.monthly_after if p.monthly_after is not None else p.priced_after for p in planned)
    assert round(floor, 2) == round(float(cost.total_monthly), 2)  # the same figure `cost` prints after ">="
    assert f"Monthly cost: $0.00 -> \u2265 ${floor:,.2f} (\u2265 +${floor:,.2f}/month; some parts unpriced)" in text


def test_a_fully_priced_plan_keeps_exact_figures() -> None:
    text, planned, _ = _plan("static-site.adl")
    assert all(p.monthly_after is not None and p.priced_after is None for p in planned)
    assert "\u2265" not in text and "?" not in text
