# METADATA
# title: Estimated monthly cost within budget
# description: >-
#   When the deployment declares a budget and a cost estimate is supplied (input.cost.total_monthly),
#   the estimate must not exceed the budget. When some components are unpriced, total_monthly is the
#   priced part only, a lower bound (input.cost.lower_bound): a lower bound above the budget is over
#   budget whatever the rest costs. Not a compliance control: applies always.
# custom:
#   id: ADLP-029
#   severity: high
#   controls: {}
#   remediation: >-
#     Reduce sizes, replicas or storage, or raise the deployment's `budget` after review.
#   source: >-
#     AutoDeploy cost estimate (input.cost) against deployment.budget
package adl.rules.cost.budget_exceeded

import data.adl.lib

findings contains f if {
	budget := lib.deployment.budget
	is_number(budget)
	total := input.cost.total_monthly
	is_number(total)
	total > budget
	currency := object.get(input.cost, "currency", "USD")
	msg := sprintf("estimated monthly cost %s%v %s%s exceeds the budget of %v %s", [
		_at_least, total, currency, _unpriced, budget, currency,
	])
	f := lib.deployment_finding(rego.metadata.chain(), "budget", msg)
}

default _at_least := ""

_at_least := "of at least " if object.get(input.cost, "lower_bound", false) == true

default _unpriced := ""

_unpriced := sprintf(" (%v component(s) unpriced)", [input.cost.unpriced]) if {
	object.get(input.cost, "lower_bound", false) == true
}
