# METADATA
# title: CDN enforces HTTPS with TLS 1.2+
# description: >-
#   A CDN must redirect or refuse plain HTTP (https_only = true) and must not accept TLS below 1.2
#   (min_tls = TLSv1).
# custom:
#   id: ADLP-007
#   severity: high
#   controls:
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(i)"]
#     pci_dss_3_2_1: ["4.1"]
#     pci_dss_4_0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `https_only = true` and `min_tls = "TLSv1.2_2021"` on the CDN (the defaults).
#   source: >-
#     MAPPING row 10. AWS Config: cloudfront-viewer-policy-https, cloudfront-no-deprecated-ssl-protocols;
#     Prowler: cloudfront_distributions_https_enabled,
#     cloudfront_distributions_using_deprecated_ssl_protocols; Checkov: CKV_AWS_34, CKV_AWS_174
package adl.rules.encryption.cdn_https

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("cdn")
	r.attrs.https_only == false
	f := lib.finding(rego.metadata.chain(), r, "https_only", sprintf("CDN %q serves content over plain HTTP", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("cdn")
	r.attrs.min_tls == "TLSv1"
	f := lib.finding(rego.metadata.chain(), r, "min_tls", sprintf("CDN %q accepts TLS versions below 1.2", [r.name]))
}
