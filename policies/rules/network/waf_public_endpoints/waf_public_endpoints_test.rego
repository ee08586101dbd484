package adl.rules.network.waf_public_endpoints_test

import data.adl.fixtures as fx
import data.adl.rules.network.waf_public_endpoints.findings

test_no_waf_flagged if {
	lb := fx.resource("load_balancer", "lb", null, {"public": true, "type": "application", "waf": false})
	c := fx.resource("cdn", "c", null, {"waf": false})
	fs := findings with input as fx.doc([lb, c], [], ["pci_dss"])
	count(fs) == 2
}

test_hipaa_only_not_in_scope if {
	c := fx.resource("cdn", "c", null, {"waf": false})
	count(findings) == 0 with input as fx.doc([c], [], ["hipaa"])
}

test_waf_or_internal_passes if {
	lb := fx.resource("load_balancer", "lb", null, {"public": true, "type": "application", "waf": true})
	internal := fx.resource("load_balancer", "i", null, {"public": false, "type": "application", "waf": false})
	count(findings) == 0 with input as fx.doc([lb, internal], [], ["pci_dss"])
}
