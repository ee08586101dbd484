# METADATA
# title: Services and load balancers serve HTTPS/TLS only
# description: >-
#   A service exposed over plain HTTP (expose = http), or a load balancer listening with protocol http
#   (or tcp when public), sends traffic unencrypted.
# custom:
#   id: ADLP-006
#   severity: high
#   controls:
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(i)"]
#     pci_dss_3_2_1: ["4.1"]
#     pci_dss_4_0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Use `expose = https` on services, and `protocol = https` (application) or `protocol = tls` (network)
#     on load balancers.
#   source: >-
#     MAPPING row 10. AWS Config: elb-tls-https-listeners-only, alb-http-to-https-redirection-check;
#     Prowler: elbv2_ssl_listeners, elb_ssl_listeners; Checkov: CKV_AWS_2, CKV_AWS_103
package adl.rules.encryption.endpoint_https

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("service")
	r.attrs.expose == "http"
	f := lib.finding(rego.metadata.chain(), r, "expose", sprintf("service %q is exposed over plain HTTP", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("load_balancer")
	_plaintext(r)
	msg := sprintf("load balancer %q listens with unencrypted protocol %s", [r.name, r.attrs.protocol])
	f := lib.finding(rego.metadata.chain(), r, "protocol", msg)
}

_plaintext(r) if r.attrs.protocol == "http"

_plaintext(r) if {
	r.attrs.protocol == "tcp"
	r.attrs.public == true
}
