package adl.rules.logging.service_logs_test

import data.adl.fixtures as fx
import data.adl.rules.logging.service_logs.findings

test_logs_off_flagged if {
	d := fx.resource("database", "d", null, {"logs": false})
	s := fx.resource("service", "s", null, {"logs": false})
	fs := findings with input as fx.doc([d, s], [], ["soc2"])
	count(fs) == 2
}

test_logs_on_passes if {
	d := fx.resource("database", "d", null, {"logs": true})
	count(findings) == 0 with input as fx.doc([d], [], ["soc2"])
}
