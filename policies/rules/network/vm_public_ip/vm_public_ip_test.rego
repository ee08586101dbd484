package adl.rules.network.vm_public_ip_test

import data.adl.fixtures as fx
import data.adl.rules.network.vm_public_ip.findings

test_public_vm_flagged if {
	v := fx.resource("vm", "v", null, {"public": true})
	count(findings) == 1 with input as fx.doc([v], [], ["soc2"])
}

test_private_vm_passes if {
	v := fx.resource("vm", "v", null, {"public": false})
	count(findings) == 0 with input as fx.doc([v], [], ["soc2"])
}
