package adl.rules.logging.audit_log_validation_test

import data.adl.fixtures as fx
import data.adl.rules.logging.audit_log_validation.findings

test_no_validation_flagged if {
	a := fx.resource("audit", "a", null, {"log_validation": false})
	some f in findings with input as fx.doc([a], [], ["soc2"])
	f.controls == {"soc2": ["CC7.3"]}
}

test_validation_passes if {
	a := fx.resource("audit", "a", null, {"log_validation": true})
	count(findings) == 0 with input as fx.doc([a], [], ["soc2"])
}
