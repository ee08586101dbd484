# METADATA
# title: Access logging on API gateways
# description: >-
#   API gateways must write an access-log record per request (access_logs = true): who called which
#   route, when, and with what status.
# custom:
#   id: ADLP-140
#   severity: medium
#   controls:
#     hipaa: ["164.312(b)"]
#     pci_dss_3_2_1: ["10.1", "10.2.1"]
#     pci_dss_4_0: ["10.2.1", "10.2.2"]
#     soc2: ["CC7.2"]
#     gdpr: ["Art. 30"]
#   remediation: >-
#     Set `access_logs = true` on the api_gateway (the default).
#   source: >-
#     MAPPING row 18 (access logs). AWS Config: api-gw-execution-logging-enabled; Prowler:
#     apigateway_restapi_logging_enabled, apigatewayv2_api_access_logging_enabled; Checkov: CKV_AWS_76
package adl.rules.logging.api_access_logs

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("api_gateway")
	r.attrs.access_logs == false
	f := lib.finding(rego.metadata.chain(), r, "access_logs", sprintf("api_gateway %q writes no access logs", [r.name]))
}
