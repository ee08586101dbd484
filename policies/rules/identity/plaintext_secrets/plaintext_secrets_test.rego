package adl.rules.identity.plaintext_secrets_test

import data.adl.fixtures as fx
import data.adl.rules.identity.plaintext_secrets.findings

test_plain_secret_flagged_without_framework if {
	s := fx.resource("secret", "s", null, {"value": "hunter2"})
	some f in findings with input as fx.doc([s], [], [])
	f.frameworks == []
	f.controls == {}
	f.severity == "critical"
}

test_env_credentials_flagged if {
	svc := fx.resource("service", "api", null, {"env": {"DB_PASSWORD": "x", "STRIPE_KEY": "sk", "LOG_LEVEL": "info"}})
	fs := findings with input as fx.doc([svc], [], ["pci_dss"])
	count(fs) == 2
	some f in fs
	f.controls == {"pci_dss_4_0": ["3.5.1", "8.2.2", "8.3.2"]}
}

test_clean_passes if {
	s := fx.resource("secret", "s", null, {"value": null})
	svc := fx.resource("service", "api", null, {"env": {"LOG_LEVEL": "debug", "TOKEN_TTL": ""}})
	count(findings) == 0 with input as fx.doc([s, svc], [], ["pci_dss"])
}
