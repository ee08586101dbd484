package adl.rules.logging.audit_coverage_test

import data.adl.fixtures as fx
import data.adl.rules.logging.audit_coverage.findings

test_partial_trail_flagged if {
	a := fx.resource("audit", "a", null, {"multi_region": false, "data_events": false})
	fs := findings with input as fx.doc([a], [], ["hipaa"])
	{f.attr | some f in fs} == {"multi_region", "data_events"}
}

test_full_trail_passes if {
	a := fx.resource("audit", "a", null, {"multi_region": true, "data_events": true})
	count(findings) == 0 with input as fx.doc([a], [], ["hipaa"])
}
