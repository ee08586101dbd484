package adl.rules.resilience.table_pitr_test

import data.adl.fixtures as fx
import data.adl.rules.resilience.table_pitr.findings

test_no_pitr_flagged if {
	t := fx.resource("table", "t", null, {"pitr": false})
	count(findings) == 1 with input as fx.doc([t], [], ["soc2"])
}

test_pitr_passes if {
	t := fx.resource("table", "t", null, {"pitr": true})
	count(findings) == 0 with input as fx.doc([t], [], ["soc2"])
}
