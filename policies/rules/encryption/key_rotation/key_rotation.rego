# METADATA
# title: Customer-managed keys rotate automatically
# description: >-
#   A key resource must have automatic rotation enabled.
# custom:
#   id: ADLP-003
#   severity: medium
#   controls:
#     hipaa: ["164.312(a)(2)(iv)"]
#     pci_dss_3_2_1: ["3.6.4"]
#     pci_dss_4_0: ["3.7.4"]
#     soc2: ["PI1.5"]
#     gdpr: ["Art. 25"]
#   remediation: >-
#     Set `rotation = true` on the key (the default).
#   source: >-
#     MAPPING row 9. AWS Config: cmk-backing-key-rotation-enabled; Prowler: kms_cmk_rotation_enabled;
#     Checkov: CKV_AWS_7
package adl.rules.encryption.key_rotation

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("key")
	r.attrs.rotation == false
	f := lib.finding(rego.metadata.chain(), r, "rotation", sprintf("key %q has automatic rotation disabled", [r.name]))
}
