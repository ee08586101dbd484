package adl.rules.logging.access_logs_test

import data.adl.fixtures as fx
import data.adl.rules.logging.access_logs.findings

test_logging_off_flagged if {
	b := fx.resource("bucket", "b", null, {"access_logs": false})
	lb := fx.resource("load_balancer", "lb", null, {"access_logs": false})
	c := fx.resource("cdn", "c", null, {"logging": false})
	fs := findings with input as fx.doc([b, lb, c], [], ["gdpr"])
	{[f.resource, f.attr] | some f in fs} == {["b", "access_logs"], ["lb", "access_logs"], ["c", "logging"]}
}

test_logging_on_passes if {
	b := fx.resource("bucket", "b", null, {"access_logs": true})
	c := fx.resource("cdn", "c", null, {"logging": true})
	count(findings) == 0 with input as fx.doc([b, c], [], ["gdpr"])
}
