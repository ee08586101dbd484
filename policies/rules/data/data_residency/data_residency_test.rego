package adl.rules.data.data_residency_test

import data.adl.fixtures as fx
import data.adl.rules.data.data_residency.findings

test_us_region_with_gdpr_flagged if {
	some f in findings with input as fx.doc([], [], ["gdpr"])
	f.rule == "ADLP-028"
	f.attr == "region"
	f.span.line == 3
	f.frameworks == ["gdpr"]
	f.controls == {}
}

test_pii_pulls_gdpr if {
	b := fx.resource("bucket", "b", "pii", {})
	count(findings) == 1 with input as fx.doc([b], [], [])
}

test_eu_regions_pass if {
	count(findings) == 0 with input as fx.doc_with([], [], ["gdpr"], {"region": "eu-central-1"})
	count(findings) == 0 with input as fx.doc_with([], [], ["gdpr"], {"cloud": "azure", "region": "swedencentral"})
	count(findings) == 0 with input as fx.doc_with([], [], ["gdpr"], {"cloud": "gcp", "region": "europe-west1"})
}

test_non_eu_flagged if {
	count(findings) == 1 with input as fx.doc_with([], [], ["gdpr"], {"cloud": "azure", "region": "uksouth"})
	count(findings) == 1 with input as fx.doc_with([], [], ["gdpr"], {"region": "eu-west-2"})
	count(findings) == 1 with input as fx.doc_with([], [], ["gdpr"], {"cloud": "gcp", "region": "europe-west2"})
	count(findings) == 1 with input as fx.doc_with([], [], ["gdpr"], {"cloud": "gcp", "region": "us-central1"})
}

test_no_gdpr_passes if {
	count(findings) == 0 with input as fx.doc([], [], ["hipaa", "soc2"])
}
