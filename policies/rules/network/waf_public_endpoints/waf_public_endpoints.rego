# METADATA
# title: Internet-facing endpoints protected by a WAF
# description: >-
#   A public application load balancer and every CDN must have a web application firewall attached (waf
#   = true).
# custom:
#   id: ADLP-020
#   severity: medium
#   controls:
#     pci_dss_3_2_1: ["6.6"]
#     pci_dss_4_0: ["6.4.2", "1.4.1"]
#     soc2: ["CC6.6"]
#   remediation: >-
#     Set `waf = true` on the public load balancer or CDN.
#   source: >-
#     MAPPING row 29. AWS Config: alb-waf-enabled, cloudfront-associated-with-waf; Prowler:
#     elbv2_waf_acl_attached, cloudfront_distributions_using_waf; Checkov: CKV2_AWS_28
package adl.rules.network.waf_public_endpoints

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("load_balancer")
	r.attrs.public == true
	object.get(r.attrs, "type", "application") == "application"
	r.attrs.waf == false
	f := lib.finding(rego.metadata.chain(), r, "waf", sprintf("public load balancer %q has no WAF", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("cdn")
	r.attrs.waf == false
	f := lib.finding(rego.metadata.chain(), r, "waf", sprintf("CDN %q has no WAF", [r.name]))
}
