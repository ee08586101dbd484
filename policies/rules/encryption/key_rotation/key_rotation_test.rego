package adl.rules.encryption.key_rotation_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.key_rotation.findings

test_no_rotation_flagged if {
	k := fx.resource("key", "k", null, {"rotation": false})
	some f in findings with input as fx.doc([k], [], ["pci_dss"])
	f.rule == "ADLP-003"
	f.controls == {"pci_dss_3_2_1": ["3.6.4"], "pci_dss_4_0": ["3.7.4"]}
}

test_rotation_passes if {
	k := fx.resource("key", "k", null, {"rotation": true})
	count(findings) == 0 with input as fx.doc([k], [], ["pci_dss"])
}

test_key_of_phi_store_pulled if {
	k := fx.resource("key", "k", null, {"rotation": false})
	b := fx.resource("bucket", "b", "phi", {"encryption": {"ref": "k"}})
	some f in findings with input as fx.doc([k, b], [fx.edge("b", "k", "encryption")], [])
	f.resource == "k"
	f.frameworks == ["hipaa"]
}
