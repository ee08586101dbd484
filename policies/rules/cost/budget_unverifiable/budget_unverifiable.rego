# METADATA
# title: Budget verifiable from priced components
# description: >-
#   A declared budget can only be confirmed when every component has a price. When the estimate
#   leaves components unpriced (input.cost.unpriced > 0) and the priced part fits the budget, or no
#   estimate could be made (input.cost.available == false), the budget is unverifiable: this is
#   reported, never passed as "within budget". (A priced part already above the budget is ADLP-029.)
#   Not a compliance control: applies always.
# custom:
#   id: ADLP-030
#   severity: medium
#   controls: {}
#   remediation: >-
#     Choose instance types, regions and options the price catalog covers, or review the unpriced
#     components by hand and waive this finding with the reason and an expiry.
#   source: >-
#     AutoDeploy cost estimate (input.cost.unpriced / input.cost.available) against deployment.budget
package adl.rules.cost.budget_unverifiable

import data.adl.lib

findings contains f if {
	budget := lib.deployment.budget
	is_number(budget)
	n := input.cost.unpriced
	n > 0
	total := input.cost.total_monthly
	total <= budget
	currency := object.get(input.cost, "currency", "USD")
	names := object.get(input.cost, "unpriced_components", [])
	msg := sprintf("the budget of %v %s cannot be verified: %v component(s) without a price (priced part %v %s)%s", [
		budget, currency, n, total, currency, _listed(names),
	])
	f := lib.deployment_finding(rego.metadata.chain(), "budget", msg)
}

findings contains f if {
	budget := lib.deployment.budget
	is_number(budget)
	input.cost.available == false
	reason := object.get(input.cost, "reason", "unknown reason")
	msg := sprintf("the budget of %v USD cannot be verified: no cost estimate (%s)", [budget, reason])
	f := lib.deployment_finding(rego.metadata.chain(), "budget", msg)
}

_listed(names) := "" if count(names) == 0

_listed(names) := sprintf(": %s", [concat(", ", array.slice(names, 0, 5))]) if {
	count(names) > 0
	count(names) <= 5
}

_listed(names) := sprintf(": %s, and %v more", [concat(", ", array.slice(names, 0, 5)), count(names) - 5]) if {
	count(names) > 5
}
