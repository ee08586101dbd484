package adl.rules.encryption.endpoint_https_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.endpoint_https.findings

test_http_service_and_lb_flagged if {
	s := fx.resource("service", "s", null, {"expose": "http"})
	lb := fx.resource("load_balancer", "lb", null, {"protocol": "http", "public": true})
	nlb := fx.resource("load_balancer", "nlb", null, {"protocol": "tcp", "public": true})
	fs := findings with input as fx.doc([s, lb, nlb], [], ["hipaa"])
	{f.resource | some f in fs} == {"s", "lb", "nlb"}
}

test_https_passes if {
	s := fx.resource("service", "s", null, {"expose": "https"})
	i := fx.resource("service", "i", null, {"expose": "internal"})
	lb := fx.resource("load_balancer", "lb", null, {"protocol": "https", "public": true})
	nlb := fx.resource("load_balancer", "nlb", null, {"protocol": "tcp", "public": false})
	count(findings) == 0 with input as fx.doc([s, i, lb, nlb], [], ["hipaa"])
}
