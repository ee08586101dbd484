package adl.rules.identity.search_access_control_test

import data.adl.fixtures as fx
import data.adl.rules.identity.search_access_control.findings

test_auth_off_flagged if {
	s := fx.resource("search", "s", null, {"auth": false})
	fs := findings with input as fx.doc([s], [], ["pci_dss"])
	{f.attr | some f in fs} == {"auth"}
}

test_auth_on_passes if {
	s := fx.resource("search", "s", null, {"auth": true})
	count(findings) == 0 with input as fx.doc([s], [], ["pci_dss"])
}

test_out_of_scope_without_pci if {
	s := fx.resource("search", "s", null, {"auth": false})
	count(findings) == 0 with input as fx.doc([s], [], ["soc2"])
}
