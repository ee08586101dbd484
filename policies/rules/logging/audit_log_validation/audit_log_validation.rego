# METADATA
# title: Audit log file integrity validation
# description: >-
#   The audit trail must have log file validation enabled so tampering with delivered logs is
#   detectable.
# custom:
#   id: ADLP-009
#   severity: medium
#   controls:
#     hipaa: ["164.312(c)(1)", "164.312(c)(2)", "164.312(b)"]
#     pci_dss_3_2_1: ["10.5.2", "10.5.5"]
#     pci_dss_4_0: ["10.3.4"]
#     soc2: ["CC7.3"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `log_validation = true` on the audit resource (the default).
#   source: >-
#     MAPPING row 14. AWS Config: cloud-trail-log-file-validation-enabled; Prowler:
#     cloudtrail_log_file_validation_enabled; Checkov: CKV_AWS_36
package adl.rules.logging.audit_log_validation

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("audit")
	r.attrs.log_validation == false
	f := lib.finding(rego.metadata.chain(), r, "log_validation", sprintf("audit trail %q has log file validation disabled", [r.name]))
}
