# METADATA
# title: Cache traffic encrypted and authenticated
# description: >-
#   A Redis/Valkey cache must encrypt traffic in transit (tls = true) and require AUTH (auth = true).
# custom:
#   id: ADLP-005
#   severity: high
#   controls:
#     hipaa: ["164.312(e)(1)"]
#     pci_dss_3_2_1: ["4.1"]
#     pci_dss_4_0: ["4.2.1", "2.2.7"]
#     soc2: ["CC6.7"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `tls = true` and `auth = true` on the cache (both are the defaults).
#   source: >-
#     MAPPING row 12. AWS Config: elasticache-repl-grp-encrypted-in-transit; Prowler:
#     elasticache_redis_cluster_in_transit_encryption_enabled,
#     elasticache_redis_replication_group_auth_enabled; Checkov: CKV_AWS_30, CKV_AWS_31
package adl.rules.encryption.cache_tls

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("cache")
	r.attrs.tls == false
	f := lib.finding(rego.metadata.chain(), r, "tls", sprintf("cache %q accepts connections without TLS", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("cache")
	r.variant != "memcached"
	r.attrs.auth == false
	f := lib.finding(rego.metadata.chain(), r, "auth", sprintf("cache %q accepts unauthenticated connections", [r.name]))
}
