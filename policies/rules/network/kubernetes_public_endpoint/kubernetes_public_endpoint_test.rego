package adl.rules.network.kubernetes_public_endpoint_test

import data.adl.fixtures as fx
import data.adl.rules.network.kubernetes_public_endpoint.findings

test_public_endpoint_flagged if {
	k := fx.resource("kubernetes", "k", null, {"public": true})
	some f in findings with input as fx.doc([k], [], ["pci_dss", "soc2"])
	f.frameworks == ["pci_dss", "soc2"]
	f.attr == "public"
}

test_private_endpoint_passes if {
	k := fx.resource("kubernetes", "k", null, {"public": false})
	count(findings) == 0 with input as fx.doc([k], [], ["pci_dss", "soc2"])
}

test_other_kinds_ignored if {
	b := fx.resource("bucket", "b", null, {"public": true})
	count(findings) == 0 with input as fx.doc([b], [], ["pci_dss"])
}
