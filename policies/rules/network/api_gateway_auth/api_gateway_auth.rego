# METADATA
# title: API gateways authenticate their callers
# description: >-
#   An API gateway with `auth = none` lets anyone on the internet invoke the functions and services
#   behind it; every route must require IAM (SigV4 / a subscription key) or a JWT.
# custom:
#   id: ADLP-141
#   severity: high
#   controls:
#     hipaa: ["164.312(a)(1)", "164.308(a)(3)(i)"]
#     pci_dss_3_2_1: ["1.2.1", "1.3.1", "7.2.1"]
#     pci_dss_4_0: ["1.3.1", "1.4.2"]
#     soc2: ["CC6.1", "CC6.6"]
#   remediation: >-
#     Set `auth = iam` (the default) or `auth = jwt` with `issuer` and `audience`.
#   source: >-
#     MAPPING row 27 (back ends not publicly invokable). Checkov: CKV_AWS_59 (no open access to back-end
#     resources through API), CKV_AWS_309 (API Gateway v2 routes specify an authorization type)
package adl.rules.network.api_gateway_auth

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("api_gateway")
	r.attrs.auth == "none"
	msg := sprintf("api_gateway %q lets anyone call its targets (auth = none)", [r.name])
	f := lib.finding(rego.metadata.chain(), r, "auth", msg)
}
