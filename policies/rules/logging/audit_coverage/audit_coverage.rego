# METADATA
# title: Audit trail covers all regions and data events
# description: >-
#   The audit trail must record events from every region (multi_region = true) and object-level data
#   events (data_events = true).
# custom:
#   id: ADLP-011
#   severity: medium
#   controls:
#     hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"]
#     pci_dss_3_2_1: ["10.2.1"]
#     pci_dss_4_0: ["10.2.1", "10.2.1.1"]
#     soc2: ["CC7.2"]
#     gdpr: ["Art. 30"]
#   remediation: >-
#     Set `multi_region = true` and `data_events = true` on the audit resource (both defaults).
#   source: >-
#     MAPPING rows 13 and 16. AWS Config: multi-region-cloudtrail-enabled,
#     cloudtrail-s3-dataevents-enabled; Prowler: cloudtrail_multi_region_enabled,
#     cloudtrail_s3_dataevents_read_enabled, cloudtrail_s3_dataevents_write_enabled; Checkov: CKV_AWS_67
package adl.rules.logging.audit_coverage

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("audit")
	r.attrs.multi_region == false
	f := lib.finding(rego.metadata.chain(), r, "multi_region", sprintf("audit trail %q records a single region only", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("audit")
	r.attrs.data_events == false
	f := lib.finding(rego.metadata.chain(), r, "data_events", sprintf("audit trail %q does not record data events", [r.name]))
}
