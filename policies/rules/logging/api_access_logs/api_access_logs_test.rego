package adl.rules.logging.api_access_logs_test

import data.adl.fixtures as fx
import data.adl.rules.logging.api_access_logs.findings

test_access_logs_off_flagged if {
	g := fx.resource("api_gateway", "g", null, {"access_logs": false})
	fs := findings with input as fx.doc([g], [], ["pci_dss"])
	{[f.resource, f.attr] | some f in fs} == {["g", "access_logs"]}
}

test_access_logs_on_passes if {
	g := fx.resource("api_gateway", "g", null, {"access_logs": true})
	b := fx.resource("bucket", "b", null, {"access_logs": false})
	count(findings) == 0 with input as fx.doc([g, b], [], ["pci_dss"])
}
