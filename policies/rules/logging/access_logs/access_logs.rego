# METADATA
# title: Access logging on buckets, load balancers and CDNs
# description: >-
#   Buckets and load balancers must write access logs (access_logs = true) and CDNs must log requests
#   (logging = true).
# custom:
#   id: ADLP-013
#   severity: medium
#   controls:
#     hipaa: ["164.312(b)"]
#     pci_dss_3_2_1: ["10.1", "10.2.1"]
#     pci_dss_4_0: ["10.2.1", "10.2.2"]
#     soc2: ["CC7.2"]
#     gdpr: ["Art. 30"]
#   remediation: >-
#     Set `access_logs = true` on buckets and load balancers and `logging = true` on CDNs (all defaults).
#   source: >-
#     MAPPING row 18. AWS Config: s3-bucket-logging-enabled, elb-logging-enabled,
#     cloudfront-accesslogs-enabled; Prowler: s3_bucket_server_access_logging_enabled,
#     elbv2_logging_enabled, cloudfront_distributions_logging_enabled; Checkov: CKV_AWS_18, CKV_AWS_91
package adl.rules.logging.access_logs

import data.adl.lib

log_attr := {"bucket": "access_logs", "load_balancer": "access_logs", "cdn": "logging"}

findings contains f if {
	some kind, attr in log_attr
	some r in lib.of_kind(kind)
	r.attrs[attr] == false
	f := lib.finding(rego.metadata.chain(), r, attr, sprintf("%s %q has access logging disabled", [r.kind, r.name]))
}
