package adl.rules.network.public_bucket_test

import data.adl.fixtures as fx
import data.adl.rules.network.public_bucket.findings

test_public_phi_bucket_flagged if {
	b := fx.resource("bucket", "b", "phi", {"public": true, "website": true})
	some f in findings with input as fx.doc([b], [], [])
	f.frameworks == ["hipaa"]
}

test_public_unclassified_bucket_flagged if {
	b := fx.resource("bucket", "b", null, {"public": true, "website": false})
	count(findings) == 1 with input as fx.doc([b], [], ["soc2"])
}

test_public_content_passes if {
	site := fx.resource("bucket", "site", "public", {"public": true, "website": false})
	web := fx.resource("bucket", "web", null, {"public": true, "website": true})
	private := fx.resource("bucket", "p", null, {"public": false})
	count(findings) == 0 with input as fx.doc([site, web, private], [], ["soc2"])
}
