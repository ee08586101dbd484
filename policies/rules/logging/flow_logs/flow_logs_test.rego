package adl.rules.logging.flow_logs_test

import data.adl.fixtures as fx
import data.adl.rules.logging.flow_logs.findings

test_flow_logs_off_flagged if {
	n := fx.resource("network", "n", null, {"flow_logs": false, "flow_log_retention": 365})
	fs := findings with input as fx.doc([n], [], ["soc2"])
	count(fs) == 1
	some f in fs
	f.attr == "flow_logs"
}

test_short_retention_flagged if {
	n := fx.resource("network", "n", null, {"flow_logs": true, "flow_log_retention": 30})
	some f in findings with input as fx.doc([n], [], ["soc2"])
	f.attr == "flow_log_retention"
}

test_flow_logs_pass if {
	n := fx.resource("network", "n", null, {"flow_logs": true, "flow_log_retention": 365})
	count(findings) == 0 with input as fx.doc([n], [], ["soc2"])
}
