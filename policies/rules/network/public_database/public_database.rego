# METADATA
# title: Databases not publicly accessible
# description: >-
#   A database must not be reachable from the internet (public = true).
# custom:
#   id: ADLP-016
#   severity: critical
#   controls:
#     hipaa: ["164.312(a)(1)", "164.308(a)(3)(i)"]
#     pci_dss_3_2_1: ["1.2.1", "1.3.1", "1.3.2", "1.3.4", "1.3.6"]
#     pci_dss_4_0: ["1.3.1", "1.4.2"]
#     soc2: ["CC6.1", "CC6.6"]
#   remediation: >-
#     Set `public = false` (the default) and reach the database from services in the same network.
#   source: >-
#     MAPPING row 24. AWS Config: rds-instance-public-access-check; Prowler:
#     rds_instance_no_public_access; Checkov: CKV_AWS_17
package adl.rules.network.public_database

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("database")
	r.attrs.public == true
	f := lib.finding(rego.metadata.chain(), r, "public", sprintf("database %q is publicly accessible", [r.name]))
}
