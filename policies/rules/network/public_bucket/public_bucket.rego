# METADATA
# title: Buckets not public unless they hold public data
# description: >-
#   A bucket must not be public unless it is classified data = public, or is a website bucket holding no
#   classified data.
# custom:
#   id: ADLP-017
#   severity: critical
#   controls:
#     hipaa: ["164.312(a)(1)", "164.308(a)(3)(i)"]
#     pci_dss_3_2_1: ["1.2.1", "1.3.1", "1.3.2", "1.3.4", "1.3.6"]
#     pci_dss_4_0: ["1.3.1", "1.4.2"]
#     soc2: ["CC6.1", "CC6.6"]
#   remediation: >-
#     Set `public = false`, or serve the content through a CDN; classify genuinely public content as `data
#     = public`.
#   source: >-
#     MAPPING row 25. AWS Config: s3-bucket-level-public-access-prohibited,
#     s3-bucket-public-read-prohibited, s3-bucket-public-write-prohibited; Prowler:
#     s3_bucket_public_access, s3_bucket_level_public_access_block; Checkov: CKV_AWS_53, CKV_AWS_54,
#     CKV_AWS_55, CKV_AWS_56, CKV_AWS_20
package adl.rules.network.public_bucket

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("bucket")
	r.attrs.public == true
	not _allowed_public(r)
	f := lib.finding(rego.metadata.chain(), r, "public", sprintf("bucket %q is public", [r.name]))
}

_allowed_public(r) if r.data == "public"

_allowed_public(r) if {
	r.attrs.website == true
	not lib.sensitive(r)
}
