# METADATA
# title: Secrets rotate at least every 90 days
# description: >-
#   A secret must have automatic rotation on with an interval of at most 90 days.
# custom:
#   id: ADLP-027
#   severity: medium
#   controls:
#     hipaa: ["164.308(a)(4)(ii)(C)"]
#     pci_dss_4_0: ["8.3.10.1", "8.6.3"]
#     soc2: ["CC6.1"]
#   remediation: >-
#     Set `rotation = true` and `rotation_interval = 90 days` or less (default 30 days).
#   source: >-
#     MAPPING extra row secrets_rot. AWS Config: secretsmanager-rotation-enabled-check; Prowler:
#     secretsmanager_automatic_rotation_enabled; Checkov: CKV2_AWS_57, CKV_AWS_304
package adl.rules.identity.secret_rotation

import data.adl.lib

max_days := 90

findings contains f if {
	some r in lib.of_kind("secret")
	r.attrs.rotation == false
	f := lib.finding(rego.metadata.chain(), r, "rotation", sprintf("secret %q has automatic rotation disabled", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("secret")
	r.attrs.rotation != false
	is_number(r.attrs.rotation_interval)
	r.attrs.rotation_interval > max_days
	msg := sprintf("secret %q rotates every %s, more than %v", [r.name, lib.days(r.attrs.rotation_interval), max_days])
	f := lib.finding(rego.metadata.chain(), r, "rotation_interval", msg)
}
