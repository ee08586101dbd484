package adl.rules.network.api_gateway_auth_test

import data.adl.fixtures as fx
import data.adl.rules.network.api_gateway_auth.findings

test_open_api_flagged if {
	g := fx.resource("api_gateway", "g", null, {"auth": "none"})
	fs := findings with input as fx.doc([g], [], ["soc2"])
	{[f.resource, f.attr] | some f in fs} == {["g", "auth"]}
}

test_iam_and_jwt_pass if {
	a := fx.resource("api_gateway", "a", null, {"auth": "iam"})
	b := fx.resource("api_gateway", "b", null, {"auth": "jwt"})
	count(findings) == 0 with input as fx.doc([a, b], [], ["soc2"])
}
