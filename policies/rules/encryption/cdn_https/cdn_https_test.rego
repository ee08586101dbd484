package adl.rules.encryption.cdn_https_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.cdn_https.findings

test_insecure_cdn_flagged if {
	c := fx.resource("cdn", "c", null, {"https_only": false, "min_tls": "TLSv1"})
	fs := findings with input as fx.doc([c], [], ["gdpr"])
	{f.attr | some f in fs} == {"https_only", "min_tls"}
}

test_secure_cdn_passes if {
	c := fx.resource("cdn", "c", null, {"https_only": true, "min_tls": "TLSv1.2_2021"})
	count(findings) == 0 with input as fx.doc([c], [], ["gdpr"])
}
