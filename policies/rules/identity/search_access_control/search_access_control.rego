# METADATA
# title: Search clusters require authenticated, fine-grained access
# description: >-
#   A search cluster must keep `auth = true`: fine-grained access control on OpenSearch, Microsoft
#   Entra ID only (no API keys) on Azure AI Search.
# custom:
#   id: ADLP-101
#   severity: high
#   controls:
#     pci_dss_4_0: ["7.2.1", "7.3.1"]
#   remediation: >-
#     Set `auth = true` (the default) on the search cluster.
#   source: >-
#     Prowler compliance mapping (prowler @ 3e000fa): opensearch_service_domains_access_control_enabled
#     (PCI 4.0 7.2.1, 7.3.1). Checkov: CKV2_AWS_52
package adl.rules.identity.search_access_control

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("search")
	r.attrs.auth == false
	f := lib.finding(rego.metadata.chain(), r, "auth", sprintf("search %q has no fine-grained access control", [r.name]))
}
