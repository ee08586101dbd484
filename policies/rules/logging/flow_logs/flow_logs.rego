# METADATA
# title: Network flow logs enabled and retained
# description: >-
#   Every network must have flow logs on, retained for at least 90 days.
# custom:
#   id: ADLP-012
#   severity: medium
#   controls:
#     hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"]
#     pci_dss_3_2_1: ["10.1", "10.3.3"]
#     pci_dss_4_0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     gdpr: ["Art. 30"]
#   remediation: >-
#     Set `flow_logs = true` (the default) and `flow_log_retention = 90 days` or more on the network.
#   source: >-
#     MAPPING row 17 (retention: Azure note, network_flow_log_more_than_90_days). AWS Config:
#     vpc-flow-logs-enabled; Prowler: vpc_flow_logs_enabled; Checkov: CKV2_AWS_11, CKV_AZURE_12
package adl.rules.logging.flow_logs

import data.adl.lib

min_retention := 90

findings contains f if {
	some r in lib.of_kind("network")
	r.attrs.flow_logs == false
	f := lib.finding(rego.metadata.chain(), r, "flow_logs", sprintf("network %q has flow logs disabled", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("network")
	r.attrs.flow_logs != false
	is_number(r.attrs.flow_log_retention)
	r.attrs.flow_log_retention < min_retention
	msg := sprintf("network %q keeps flow logs for %s, less than %v", [r.name, lib.days(r.attrs.flow_log_retention), min_retention])
	f := lib.finding(rego.metadata.chain(), r, "flow_log_retention", msg)
}
