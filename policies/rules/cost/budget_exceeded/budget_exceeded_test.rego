package adl.rules.cost.budget_exceeded_test

import data.adl.fixtures as fx
import data.adl.rules.cost.budget_exceeded.findings

test_over_budget_flagged if {
	inp := object.union(fx.doc_with([], [], [], {"budget": 500}), {"cost": {"total_monthly": 812.5, "currency": "USD"}})
	fs := findings with input as inp
	count(fs) == 1
	some f in fs
	f.message == "estimated monthly cost 812.5 USD exceeds the budget of 500 USD"
	f.attr == "budget"
	f.span.line == 4
	f.frameworks == []
	f.severity == "high"
}

test_lower_bound_over_budget_stays_high if {
	cost := {"total_monthly": 812.5, "currency": "USD", "lower_bound": true, "unpriced": 3}
	inp := object.union(fx.doc_with([], [], [], {"budget": 500}), {"cost": cost})
	fs := findings with input as inp
	count(fs) == 1
	some f in fs
	f.message == "estimated monthly cost of at least 812.5 USD (3 component(s) unpriced) exceeds the budget of 500 USD"
	f.severity == "high"
}

test_within_budget_passes if {
	inp := object.union(fx.doc_with([], [], [], {"budget": 1000}), {"cost": {"total_monthly": 812.5, "currency": "USD"}})
	count(findings) == 0 with input as inp
}

test_lower_bound_within_budget_is_not_over if {
	# the unverifiable case belongs to ADLP-030, not to this rule
	cost := {"total_monthly": 8.4, "currency": "USD", "lower_bound": true, "unpriced": 1}
	inp := object.union(fx.doc_with([], [], [], {"budget": 10}), {"cost": cost})
	count(findings) == 0 with input as inp
}

test_no_cost_or_budget_passes if {
	count(findings) == 0 with input as fx.doc_with([], [], [], {"budget": 100})
	inp := object.union(fx.doc([], [], []), {"cost": {"total_monthly": 5}})
	count(findings) == 0 with input as inp
}
