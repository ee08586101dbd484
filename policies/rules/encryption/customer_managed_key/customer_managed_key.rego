# METADATA
# title: Customer-managed keys for regulated data stores
# description: >-
#   Where HIPAA or PCI DSS applies, data stores should be encrypted with a customer-managed key
#   (encryption = <key>) rather than the provider-managed default (encryption = true), so key policy,
#   rotation and revocation stay under the owner's control.
# custom:
#   id: ADLP-002
#   severity: medium
#   controls:
#     hipaa: ["164.312(a)(2)(iv)"]
#     pci_dss_3_2_1: ["3.4"]
#     pci_dss_4_0: ["3.5.1"]
#   remediation: >-
#     Declare a `key` resource and set `encryption = <key name>` on the data store.
#   source: >-
#     MAPPING rows 1 (stricter KMS variant) and 4. AWS Config: s3-default-encryption-kms,
#     dynamodb-table-encrypted-kms; Prowler: s3_bucket_kms_encryption,
#     dynamodb_tables_kms_cmk_encryption_enabled; Checkov: CKV_AWS_145, CKV_AWS_119
package adl.rules.encryption.customer_managed_key

import data.adl.lib

findings contains f if {
	some r in lib.with_traits({"stores_data", "encryptable"})
	r.attrs.encryption == true
	msg := sprintf("%s %q is encrypted with the provider-managed key, not a customer-managed key", [r.kind, r.name])
	f := lib.finding(rego.metadata.chain(), r, "encryption", msg)
}
