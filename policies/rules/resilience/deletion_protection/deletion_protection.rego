# METADATA
# title: Deletion protection on production data
# description: >-
#   In a prod deployment, a database or table holding classified data (phi, pci, pii) must have deletion
#   protection on.
# custom:
#   id: ADLP-025
#   severity: medium
#   controls:
#     hipaa: ["164.308(a)(1)(ii)(B)"]
#     soc2: ["C1.1"]
#   remediation: >-
#     Set `deletion_protection = true` (the default).
#   source: >-
#     MAPPING row 35. AWS Config: rds-instance-deletion-protection-enabled,
#     rds-cluster-deletion-protection-enabled; Prowler: rds_instance_deletion_protection; Checkov:
#     CKV_AWS_293
package adl.rules.resilience.deletion_protection

import data.adl.lib

findings contains f if {
	object.get(lib.deployment, "environment", "prod") == "prod"
	some r in lib.with_trait("stores_data")
	lib.sensitive(r)
	r.attrs.deletion_protection == false
	msg := sprintf("%s %q holds %s data in production without deletion protection", [r.kind, r.name, r.data])
	f := lib.finding(rego.metadata.chain(), r, "deletion_protection", msg)
}
