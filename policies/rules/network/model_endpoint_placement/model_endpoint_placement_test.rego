package adl.rules.network.model_endpoint_placement_test

import data.adl.fixtures as fx
import data.adl.rules.network.model_endpoint_placement.findings

test_outside_network_and_not_isolated_flagged if {
	m := fx.resource("model_endpoint", "m", null, {"network": null, "isolation": false})
	fs := findings with input as fx.doc([m], [], ["pci_dss"])
	{[f.resource, f.attr] | some f in fs} == {["m", "network"], ["m", "isolation"]}
}

test_placed_and_isolated_passes if {
	m := fx.resource("model_endpoint", "m", null, {"network": {"ref": "net", "member": "private"}, "isolation": true})
	count(findings) == 0 with input as fx.doc([m], [], ["pci_dss"])
}
