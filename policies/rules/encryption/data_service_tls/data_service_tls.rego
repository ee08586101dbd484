# METADATA
# title: Data services encrypt traffic in transit
# description: >-
#   A search cluster (HTTPS only and node-to-node encryption), a Kafka cluster (client-broker and
#   in-cluster TLS) and a document database (TLS required) must keep `tls = true`.
# custom:
#   id: ADLP-100
#   severity: high
#   controls:
#     hipaa: ["164.312(e)(1)"]
#     pci_dss_3_2_1: ["4.1"]
#     pci_dss_4_0: ["4.2.1", "2.2.7"]
#     soc2: ["CC6.7"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `tls = true` (the default) on the search cluster, Kafka cluster or document database.
#   source: >-
#     Prowler compliance mappings (prowler @ 3e000fa): opensearch_service_domains_node_to_node_encryption_enabled
#     (HIPAA 164.312(e)(1); PCI 3.2.1 4.1; PCI 4.0 4.2.1, 2.2.7; GDPR Art. 32),
#     opensearch_service_domains_https_communications_enforced, kafka_cluster_in_transit_encryption_enabled
#     (SOC 2 CC6.7; PCI 4.0 4.2.1, 2.2.7). Checkov: CKV_AWS_6, CKV_AWS_83
package adl.rules.encryption.data_service_tls

import data.adl.lib

# kinds whose `tls` switches transit encryption off (cache and database have their own rules)
tls_kinds := {"search", "kafka", "document_db"}

findings contains f if {
	some r in lib.resources
	r.kind in tls_kinds
	r.attrs.tls == false
	f := lib.finding(rego.metadata.chain(), r, "tls", sprintf("%s %q accepts traffic without TLS", [r.kind, r.name]))
}
