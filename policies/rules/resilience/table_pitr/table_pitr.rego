# METADATA
# title: Tables have point-in-time recovery
# description: >-
#   A table must have point-in-time recovery enabled (pitr = true).
# custom:
#   id: ADLP-022
#   severity: medium
#   controls:
#     hipaa: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"]
#     soc2: ["A1.2", "CC7.4"]
#   remediation: >-
#     Set `pitr = true` on the table (the default).
#   source: >-
#     MAPPING row 31. AWS Config: dynamodb-pitr-enabled; Prowler: dynamodb_tables_pitr_enabled; Checkov:
#     CKV_AWS_28
package adl.rules.resilience.table_pitr

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("table")
	r.attrs.pitr == false
	f := lib.finding(rego.metadata.chain(), r, "pitr", sprintf("table %q has point-in-time recovery disabled", [r.name]))
}
