# METADATA
# title: Deployment has an audit trail
# description: >-
#   A deployment in scope of HIPAA, PCI DSS, SOC 2 or GDPR must declare an audit resource that records
#   management events.
# custom:
#   id: ADLP-008
#   severity: high
#   controls:
#     hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"]
#     pci_dss_3_2_1: ["10.1", "10.2.1"]
#     pci_dss_4_0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     gdpr: ["Art. 30"]
#   remediation: >-
#     Add `audit trail { }` (defaults: 365-day retention, log validation, multi-region, data events,
#     encrypted).
#   source: >-
#     MAPPING row 13. AWS Config: cloudtrail-enabled, multi-region-cloudtrail-enabled; Prowler:
#     cloudtrail_multi_region_enabled; Checkov: CKV_AWS_67
package adl.rules.logging.audit_trail_present

import data.adl.lib

findings contains f if {
	count(lib.of_kind("audit")) == 0
	name := object.get(lib.deployment, "name", "deployment")
	f := lib.deployment_finding(rego.metadata.chain(), null, sprintf("deployment %q has no audit trail (no audit resource)", [name]))
}
