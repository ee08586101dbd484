package adl.rules.encryption.customer_managed_key_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.customer_managed_key.findings

test_provider_key_on_phi_flagged if {
	b := fx.resource("bucket", "b", "phi", {"encryption": true})
	fs := findings with input as fx.doc([b], [], [])
	count(fs) == 1
	some f in fs
	f.rule == "ADLP-002"
	f.frameworks == ["hipaa"]
}

test_cmk_passes if {
	b := fx.resource("bucket", "b", "phi", {"encryption": {"ref": "k"}})
	count(findings) == 0 with input as fx.doc([b], [], ["hipaa", "pci_dss"])
}

test_soc2_only_does_not_require_cmk if {
	b := fx.resource("bucket", "b", null, {"encryption": true})
	count(findings) == 0 with input as fx.doc([b], [], ["soc2", "gdpr"])
}
