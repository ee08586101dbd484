package adl.rules.identity.secret_rotation_test

import data.adl.fixtures as fx
import data.adl.rules.identity.secret_rotation.findings

test_no_rotation_flagged if {
	s := fx.resource("secret", "s", null, {"rotation": false, "rotation_interval": 30})
	fs := findings with input as fx.doc([s], [], ["hipaa"])
	{f.attr | some f in fs} == {"rotation"}
}

test_long_interval_flagged if {
	s := fx.resource("secret", "s", null, {"rotation": true, "rotation_interval": 180})
	fs := findings with input as fx.doc([s], [], ["hipaa"])
	{f.attr | some f in fs} == {"rotation_interval"}
}

test_rotation_passes if {
	s := fx.resource("secret", "s", null, {"rotation": true, "rotation_interval": 30})
	count(findings) == 0 with input as fx.doc([s], [], ["hipaa"])
}
