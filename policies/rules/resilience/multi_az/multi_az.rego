# METADATA
# title: Production data stores span availability zones
# description: >-
#   In a prod deployment, a database or cache holding classified data (phi, pci, pii) must run multi-AZ.
# custom:
#   id: ADLP-024
#   severity: medium
#   controls:
#     hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"]
#   remediation: >-
#     Set `multi_az = true` on the database or cache.
#   source: >-
#     MAPPING row 34 (only HIPAA contingency-plan ids are source-mapped). AWS Config:
#     rds-multi-az-support, elasticache-repl-grp-auto-failover-enabled; Prowler: rds_instance_multi_az,
#     elasticache_redis_cluster_multi_az_enabled; Checkov: CKV_AWS_157
package adl.rules.resilience.multi_az

import data.adl.lib

replicated := {"database", "cache"}

findings contains f if {
	object.get(lib.deployment, "environment", "prod") == "prod"
	some kind in replicated
	some r in lib.of_kind(kind)
	lib.sensitive(r)
	r.attrs.multi_az == false
	msg := sprintf("%s %q holds %s data in production but runs in a single availability zone", [r.kind, r.name, r.data])
	f := lib.finding(rego.metadata.chain(), r, "multi_az", msg)
}
