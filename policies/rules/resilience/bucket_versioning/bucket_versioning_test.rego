package adl.rules.resilience.bucket_versioning_test

import data.adl.fixtures as fx
import data.adl.rules.resilience.bucket_versioning.findings

test_no_versioning_flagged if {
	b := fx.resource("bucket", "b", null, {"versioning": false})
	count(findings) == 1 with input as fx.doc([b], [], ["hipaa"])
}

test_versioning_passes if {
	b := fx.resource("bucket", "b", null, {"versioning": true})
	count(findings) == 0 with input as fx.doc([b], [], ["hipaa"])
}
