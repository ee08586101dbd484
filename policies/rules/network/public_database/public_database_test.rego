package adl.rules.network.public_database_test

import data.adl.fixtures as fx
import data.adl.rules.network.public_database.findings

test_public_db_flagged if {
	d := fx.resource("database", "d", null, {"public": true})
	some f in findings with input as fx.doc([d], [], ["hipaa", "soc2"])
	f.frameworks == ["hipaa", "soc2"]
}

test_private_db_passes if {
	d := fx.resource("database", "d", null, {"public": false})
	count(findings) == 0 with input as fx.doc([d], [], ["hipaa", "soc2"])
}
