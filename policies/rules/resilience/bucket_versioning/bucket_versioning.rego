# METADATA
# title: Bucket versioning enabled
# description: >-
#   A bucket must keep object versions (versioning = true) so overwritten or deleted objects can be
#   recovered.
# custom:
#   id: ADLP-023
#   severity: low
#   controls:
#     hipaa: ["164.308(a)(7)(ii)(A)", "164.312(c)(1)"]
#     pci_dss_3_2_1: ["10.5.5"]
#     pci_dss_4_0: ["10.3.4"]
#     soc2: ["A1.2", "CC7.4"]
#   remediation: >-
#     Set `versioning = true` on the bucket (the default).
#   source: >-
#     MAPPING row 32. AWS Config: s3-bucket-versioning-enabled; Prowler: s3_bucket_object_versioning;
#     Checkov: CKV_AWS_21
package adl.rules.resilience.bucket_versioning

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("bucket")
	r.attrs.versioning == false
	f := lib.finding(rego.metadata.chain(), r, "versioning", sprintf("bucket %q has versioning disabled", [r.name]))
}
