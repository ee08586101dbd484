package adl.rules.encryption.database_tls_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.database_tls.findings

test_no_tls_flagged if {
	d := fx.resource("database", "d", null, {"tls": false})
	some f in findings with input as fx.doc([d], [], ["soc2"])
	f.rule == "ADLP-004"
	f.controls == {"soc2": ["CC6.7"]}
}

test_tls_passes if {
	d := fx.resource("database", "d", "pci", {"tls": true})
	count(findings) == 0 with input as fx.doc([d], [], ["soc2"])
}
