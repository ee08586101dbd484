# METADATA
# title: Database connections require TLS
# description: >-
#   A database must enforce TLS for client connections (tls = true).
# custom:
#   id: ADLP-004
#   severity: high
#   controls:
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(i)"]
#     pci_dss_3_2_1: ["4.1"]
#     pci_dss_4_0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `tls = true` on the database (the default); clients must connect with TLS.
#   source: >-
#     Ids by analogy with MAPPING row 10 (encryption in transit). Prowler:
#     rds_instance_transport_encrypted; Checkov: CKV_AZURE_147, CKV_AZURE_54
package adl.rules.encryption.database_tls

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("database")
	r.attrs.tls == false
	f := lib.finding(rego.metadata.chain(), r, "tls", sprintf("database %q accepts connections without TLS", [r.name]))
}
