package adl.rules.cost.budget_unverifiable_test

import data.adl.fixtures as fx
import data.adl.rules.cost.budget_unverifiable.findings

_cost(total, names) := {
	"total_monthly": total, "currency": "USD", "lower_bound": count(names) > 0,
	"unpriced": count(names), "unpriced_components": names,
}

test_unpriced_within_budget_is_unverifiable if {
	inp := object.union(fx.doc_with([], [], [], {"budget": 10}), {"cost": _cost(8.4, ["web: Instance (t3.4xlarge x 1)"])})
	fs := findings with input as inp
	count(fs) == 1
	some f in fs
	f.message == "the budget of 10 USD cannot be verified: 1 component(s) without a price (priced part 8.4 USD): web: Instance (t3.4xlarge x 1)"
	f.severity == "medium"
	f.attr == "budget"
	f.kind == "deployment"
	f.frameworks == []
}

test_many_unpriced_are_counted if {
	names := ["a: x", "b: x", "c: x", "d: x", "e: x", "f: x", "g: x"]
	inp := object.union(fx.doc_with([], [], [], {"budget": 900}), {"cost": _cost(0.98, names)})
	some f in findings with input as inp
	endswith(f.message, "a: x, b: x, c: x, d: x, e: x, and 2 more")
}

test_fully_priced_within_budget_passes if {
	inp := object.union(fx.doc_with([], [], [], {"budget": 10}), {"cost": _cost(8.4, [])})
	count(findings) == 0 with input as inp
}

test_lower_bound_over_budget_is_left_to_adlp_029 if {
	inp := object.union(fx.doc_with([], [], [], {"budget": 5}), {"cost": _cost(8.4, ["a: x"])})
	count(findings) == 0 with input as inp
}

test_no_estimate_with_budget_is_unverifiable if {
	cost := {"available": false, "reason": "CatalogError: missing", "currency": "USD"}
	inp := object.union(fx.doc_with([], [], [], {"budget": 10}), {"cost": cost})
	fs := findings with input as inp
	count(fs) == 1
	some f in fs
	f.message == "the budget of 10 USD cannot be verified: no cost estimate (CatalogError: missing)"
}

test_no_budget_or_no_cost_passes if {
	count(findings) == 0 with input as object.union(fx.doc([], [], []), {"cost": _cost(1, ["a: x"])})
	count(findings) == 0 with input as fx.doc_with([], [], [], {"budget": 10})
}
