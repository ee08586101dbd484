package adl.rules.logging.audit_trail_present_test

import data.adl.fixtures as fx
import data.adl.rules.logging.audit_trail_present.findings

test_missing_audit_flagged if {
	b := fx.resource("bucket", "b", null, {})
	fs := findings with input as fx.doc([b], [], ["soc2"])
	count(fs) == 1
	some f in fs
	f.kind == "deployment"
	f.resource == "t"
	f.attr == null
	f.span.line == 1
}

test_missing_audit_pulled_by_phi if {
	b := fx.resource("bucket", "b", "phi", {})
	some f in findings with input as fx.doc([b], [], [])
	f.frameworks == ["hipaa"]
}

test_audit_present_passes if {
	a := fx.resource("audit", "a", null, {})
	count(findings) == 0 with input as fx.doc([a], [], ["soc2"])
}

test_no_framework_no_finding if {
	count(findings) == 0 with input as fx.doc([], [], [])
}
