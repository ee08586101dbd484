# METADATA
# title: Estimated monthly cost within budget
# description: >-
#   When the deployment declares a budget and a cost estimate is supplied (input.cost.total_monthly),
#   the estimate must not exceed the budget. Not a compliance control: applies always.
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
	msg := sprintf("estimated monthly cost %v %s exceeds the budget of %v %s", [total, currency, budget, currency])
	f := lib.deployment_finding(rego.metadata.chain(), "budget", msg)
}
