# METADATA
# title: No secrets in plain attributes
# description: >-
#   A secret must not carry its value in the file (secret.value), and a service's env must not hold
#   values under names that look like passwords, tokens or keys; use a secret resource instead. Applies
#   whatever the frameworks.
# custom:
#   id: ADLP-026
#   severity: critical
#   controls:
#     pci_dss_4_0: ["3.5.1", "8.2.2", "8.3.2"]
#   always: true
#   remediation: >-
#     Remove the literal value; declare a `secret` and reference it from the service's `secrets` list.
#   source: >-
#     Prowler: ecs_task_definitions_no_environment_secrets, awslambda_function_no_secrets_in_variables
#     (Prowler maps the first to the PCI DSS 4.0 ids given); AWS Config: ecs-no-environment-secrets;
#     Checkov: CKV_AWS_45
package adl.rules.identity.plaintext_secrets

import data.adl.lib

# Lower-cased env names containing one of these look like credentials.
secret_words := {"password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "private_key", "access_key", "credential"}

findings contains f if {
	some r in lib.of_kind("secret")
	is_string(r.attrs.value)
	f := lib.finding(rego.metadata.chain(), r, "value", sprintf("secret %q has its value written in the file", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("service")
	some name, value in object.get(r.attrs, "env", {})
	_looks_secret(name)
	is_string(value)
	value != ""
	msg := sprintf("service %q sets env %s to a literal value that looks like a credential", [r.name, name])
	f := lib.finding(rego.metadata.chain(), r, "env", msg)
}

_looks_secret(name) if {
	lower_name := lower(name)
	some w in secret_words
	contains(lower_name, w)
}

_looks_secret(name) if endswith(lower(name), "_key")
