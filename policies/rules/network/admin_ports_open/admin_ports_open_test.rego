package adl.rules.network.admin_ports_open_test

import data.adl.fixtures as fx
import data.adl.rules.network.admin_ports_open.findings

test_world_ssh_rdp_flagged if {
	v := fx.resource("vm", "v", null, {"ssh_from": "0.0.0.0/0", "rdp_from": "::/0"})
	fs := findings with input as fx.doc([v], [], ["soc2"])
	{f.attr | some f in fs} == {"ssh_from", "rdp_from"}
}

test_restricted_ssh_passes if {
	v := fx.resource("vm", "v", null, {"ssh_from": "203.0.113.0/24", "rdp_from": null})
	count(findings) == 0 with input as fx.doc([v], [], ["soc2"])
}
