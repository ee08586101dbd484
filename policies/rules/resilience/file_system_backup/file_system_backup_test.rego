package adl.rules.resilience.file_system_backup_test

import data.adl.fixtures as fx
import data.adl.rules.resilience.file_system_backup.findings

test_backup_off_flagged if {
	fsys := fx.resource("file_system", "shared", null, {"backup": false})
	fs := findings with input as fx.doc([fsys], [], ["hipaa"])
	{[f.resource, f.attr] | some f in fs} == {["shared", "backup"]}
}

test_backup_on_passes if {
	fsys := fx.resource("file_system", "shared", null, {"backup": true})
	count(findings) == 0 with input as fx.doc([fsys], [], ["hipaa"])
}
