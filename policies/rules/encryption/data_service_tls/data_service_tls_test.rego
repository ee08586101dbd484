package adl.rules.encryption.data_service_tls_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.data_service_tls.findings

test_tls_off_flagged_on_each_kind if {
	rs := [fx.resource(k, k, null, {"tls": false}) | some k in ["search", "kafka", "document_db"]]
	fs := findings with input as fx.doc(rs, [], ["pci_dss"])
	{f.resource | some f in fs} == {"search", "kafka", "document_db"}
}

test_tls_on_passes if {
	rs := [fx.resource(k, k, null, {"tls": true}) | some k in ["search", "kafka", "document_db"]]
	count(findings) == 0 with input as fx.doc(rs, [], ["pci_dss"])
}

test_other_kinds_left_to_their_rules if {
	c := fx.resource("cache", "c", null, {"tls": false})
	count(findings) == 0 with input as fx.doc([c], [], ["pci_dss"])
}
