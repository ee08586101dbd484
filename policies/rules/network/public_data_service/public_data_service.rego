# METADATA
# title: Search clusters and message brokers not publicly accessible
# description: >-
#   A search cluster or a message broker must not have a public endpoint (public = true): it belongs
#   in the private subnets of a network.
# custom:
#   id: ADLP-102
#   severity: critical
#   controls:
#     hipaa: ["164.312(a)(1)", "164.308(a)(3)(i)"]
#     pci_dss_3_2_1: ["1.2.1", "1.3.1", "1.3.2", "1.3.4", "1.3.6"]
#     pci_dss_4_0: ["1.3.1", "1.3.2", "1.4.2"]
#     soc2: ["CC6.1", "CC6.6"]
#   remediation: >-
#     Set `public = false` (the default) and `network = <network>.private`.
#   source: >-
#     Prowler compliance mappings (prowler @ 3e000fa): opensearch_service_domains_not_publicly_accessible
#     (PCI 3.2.1 1.2.1, 1.3.1, 1.3.2, 1.3.4, 1.3.6; PCI 4.0 1.3.1, 1.3.2, 1.4.2); HIPAA and SOC 2 ids by
#     analogy with MAPPING row 24 (public database access). Checkov: CKV_AWS_137, CKV_AWS_69
package adl.rules.network.public_data_service

import data.adl.lib

public_kinds := {"search", "broker"}

findings contains f if {
	some r in lib.resources
	r.kind in public_kinds
	r.attrs.public == true
	f := lib.finding(rego.metadata.chain(), r, "public", sprintf("%s %q is publicly accessible", [r.kind, r.name]))
}
