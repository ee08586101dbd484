# METADATA
# title: Database and service logs exported
# description: >-
#   Databases must export their engine logs and services must ship container logs (logs = true).
# custom:
#   id: ADLP-014
#   severity: medium
#   controls:
#     hipaa: ["164.312(b)"]
#     pci_dss_3_2_1: ["10.1", "10.2.1"]
#     pci_dss_4_0: ["10.2.1", "10.2.2"]
#     soc2: ["CC7.2"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `logs = true` (the default) on the database or service.
#   source: >-
#     MAPPING row 19. AWS Config: rds-logging-enabled; Prowler: rds_instance_integration_cloudwatch_logs,
#     ecs_task_definitions_logging_enabled; Checkov: CKV_AWS_129
package adl.rules.logging.service_logs

import data.adl.lib

findings contains f if {
	some r in lib.with_trait("exports_logs")
	r.attrs.logs == false
	f := lib.finding(rego.metadata.chain(), r, "logs", sprintf("%s %q does not export its logs", [r.kind, r.name]))
}
