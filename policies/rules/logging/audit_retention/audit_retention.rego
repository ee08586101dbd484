# METADATA
# title: Audit logs retained for at least 365 days
# description: >-
#   The audit trail must keep logs for at least 365 days (PCI DSS keeps one year of audit history).
# custom:
#   id: ADLP-010
#   severity: medium
#   controls:
#     hipaa: ["164.312(b)"]
#     pci_dss_3_2_1: ["10.7"]
#     pci_dss_4_0: ["10.5.1"]
#     soc2: ["CC7.2"]
#   remediation: >-
#     Set `retention = 365 days` or longer on the audit resource (default 365 days).
#   source: >-
#     MAPPING row 20. AWS Config: cw-loggroup-retention-period-check; Prowler:
#     cloudwatch_log_group_retention_policy_specific_days_enabled; Checkov: CKV_AWS_338
package adl.rules.logging.audit_retention

import data.adl.lib

min_days := 365

findings contains f if {
	some r in lib.of_kind("audit")
	is_number(r.attrs.retention)
	r.attrs.retention < min_days
	msg := sprintf("audit trail %q keeps logs for %s, less than %v", [r.name, lib.days(r.attrs.retention), min_days])
	f := lib.finding(rego.metadata.chain(), r, "retention", msg)
}
