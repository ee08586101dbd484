package adl.rules.network.private_subnet_test

import data.adl.fixtures as fx
import data.adl.rules.network.private_subnet.findings

test_no_network_flagged if {
	d := fx.resource("database", "d", null, {"network": null})
	count(findings) == 1 with input as fx.doc([d], [], ["pci_dss"])
}

test_public_member_flagged if {
	c := fx.resource("cache", "c", null, {"network": {"ref": "n", "member": "public"}})
	some f in findings with input as fx.doc([c], [], ["pci_dss"])
	f.message == "cache \"c\" is placed in the public subnets of network \"n\""
}

test_private_passes if {
	d := fx.resource("database", "d", null, {"network": {"ref": "n", "member": "private"}})
	c := fx.resource("cache", "c", null, {"network": {"ref": "n"}})
	count(findings) == 0 with input as fx.doc([d, c], [], ["pci_dss"])
}
