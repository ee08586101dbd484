package adl.rules.encryption.encryption_at_rest_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.encryption_at_rest.findings

test_unencrypted_bucket_flagged if {
	b := fx.resource("bucket", "b", null, {"encryption": false})
	fs := findings with input as fx.doc([b], [], ["hipaa"])
	count(fs) == 1
	some f in fs
	f.rule == "ADLP-001"
	f.resource == "b"
	f.kind == "bucket"
	f.attr == "encryption"
	f.span.line == 2
	f.frameworks == ["hipaa"]
	f.controls == {"hipaa": ["164.312(a)(2)(iv)"]}
	f.severity == "high"
}

test_encrypted_and_cmk_pass if {
	b := fx.resource("bucket", "b", null, {"encryption": true})
	d := fx.resource("database", "d", null, {"encryption": {"ref": "k"}})
	count(findings) == 0 with input as fx.doc([b, d], [], ["hipaa", "pci_dss", "soc2", "gdpr"])
}

test_not_in_scope_without_framework if {
	q := fx.resource("queue", "q", null, {"encryption": false})
	count(findings) == 0 with input as fx.doc([q], [], [])
}

test_pci_data_pulls_both_pci_versions if {
	q := fx.resource("queue", "q", "pci", {"encryption": false})
	some f in findings with input as fx.doc([q], [], [])
	f.frameworks == ["pci_dss"]
	f.controls == {"pci_dss_3_2_1": ["3.4"], "pci_dss_4_0": ["3.5.1"]}
}
