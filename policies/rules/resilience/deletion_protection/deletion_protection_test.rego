package adl.rules.resilience.deletion_protection_test

import data.adl.fixtures as fx
import data.adl.rules.resilience.deletion_protection.findings

test_unprotected_flagged if {
	t := fx.resource("table", "t", "pii", {"deletion_protection": false})
	count(findings) == 1 with input as fx.doc([t], [], ["soc2"])
}

test_gdpr_only_not_in_scope if {
	t := fx.resource("table", "t", "pii", {"deletion_protection": false})
	count(findings) == 0 with input as fx.doc([t], [], [])
}

test_protected_passes if {
	t := fx.resource("table", "t", "pii", {"deletion_protection": true})
	count(findings) == 0 with input as fx.doc([t], [], ["soc2"])
}
