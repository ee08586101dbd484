package adl.rules.logging.audit_retention_test

import data.adl.fixtures as fx
import data.adl.rules.logging.audit_retention.findings

test_short_retention_flagged if {
	a := fx.resource("audit", "a", null, {"retention": 90})
	some f in findings with input as fx.doc([a], [], ["pci_dss"])
	f.message == "audit trail \"a\" keeps logs for 90 days, less than 365"
}

test_long_retention_passes if {
	a := fx.resource("audit", "a", null, {"retention": 2555})
	count(findings) == 0 with input as fx.doc([a], [], ["pci_dss"])
}
