package adl.rules.encryption.cache_tls_test

import data.adl.fixtures as fx
import data.adl.rules.encryption.cache_tls.findings

test_no_tls_no_auth_flagged if {
	c := fx.variant(fx.resource("cache", "c", null, {"tls": false, "auth": false}), "redis")
	fs := findings with input as fx.doc([c], [], ["pci_dss"])
	{f.attr | some f in fs} == {"tls", "auth"}
}

test_secure_cache_passes if {
	c := fx.variant(fx.resource("cache", "c", null, {"tls": true, "auth": true}), "redis")
	count(findings) == 0 with input as fx.doc([c], [], ["pci_dss"])
}

test_memcached_auth_not_checked if {
	c := fx.variant(fx.resource("cache", "c", null, {"tls": true, "auth": false}), "memcached")
	count(findings) == 0 with input as fx.doc([c], [], ["pci_dss"])
}
