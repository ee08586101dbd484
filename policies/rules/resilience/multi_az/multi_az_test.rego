package adl.rules.resilience.multi_az_test

import data.adl.fixtures as fx
import data.adl.rules.resilience.multi_az.findings

test_single_az_phi_flagged if {
	d := fx.resource("database", "d", "phi", {"multi_az": false})
	some f in findings with input as fx.doc([d], [], [])
	f.controls == {"hipaa": ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"]}
}

test_multi_az_passes if {
	d := fx.resource("database", "d", "phi", {"multi_az": true})
	count(findings) == 0 with input as fx.doc([d], [], [])
}

test_unclassified_or_dev_passes if {
	d := fx.resource("database", "d", null, {"multi_az": false})
	count(findings) == 0 with input as fx.doc([d], [], ["hipaa"])
	p := fx.resource("database", "p", "phi", {"multi_az": false})
	count(findings) == 0 with input as fx.doc_with([p], [], [], {"environment": "dev"})
}
