# METADATA
# title: Data stores encrypted at rest
# description: >-
#   Every resource that stores data (bucket, database, table, cache, queue, topic, secret, vm disks,
#   audit trail) must keep encryption at rest on; encryption = false turns it off.
# custom:
#   id: ADLP-001
#   severity: high
#   controls:
#     hipaa: ["164.312(a)(2)(iv)"]
#     pci_dss_3_2_1: ["3.4"]
#     pci_dss_4_0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Remove `encryption = false` (encryption is on by default) or set `encryption = <key>` to use a
#     customer-managed key.
#   source: >-
#     MAPPING rows 1-5 (queue/topic by analogy). AWS Config: s3-bucket-server-side-encryption-enabled,
#     rds-storage-encrypted, encrypted-volumes, dynamodb-table-encryption-enabled,
#     elasticache-repl-grp-encrypted-at-rest; Prowler: s3_bucket_default_encryption,
#     rds_instance_storage_encrypted, ec2_ebs_volume_encryption,
#     elasticache_redis_cluster_rest_encryption_enabled; Checkov: CKV_AWS_19, CKV_AWS_16, CKV_AWS_3,
#     CKV_AWS_29, CKV_AWS_27, CKV_AWS_26
package adl.rules.encryption.encryption_at_rest

import data.adl.lib

findings contains f if {
	some r in lib.with_trait("encryptable")
	r.attrs.encryption == false
	f := lib.finding(rego.metadata.chain(), r, "encryption", sprintf("%s %q has encryption at rest disabled", [r.kind, r.name]))
}
