# METADATA
# title: Data stores placed in private subnets
# description: >-
#   A database or cache must be attached to a network's private subnets: no network at all, or network =
#   <net>.public, puts it outside a private boundary.
# custom:
#   id: ADLP-018
#   severity: high
#   controls:
#     hipaa: ["164.312(a)(1)", "164.308(a)(3)(i)"]
#     pci_dss_3_2_1: ["1.3.1", "1.3.2"]
#     pci_dss_4_0: ["1.3.1", "1.4.2"]
#     soc2: ["CC6.6"]
#   remediation: >-
#     Set `network = <network>.private` on the database or cache.
#   source: >-
#     MAPPING row 24 (network placement). Prowler: rds_instance_no_public_access,
#     elasticache_cluster_uses_public_subnet; AWS Config: rds-instance-public-access-check
package adl.rules.network.private_subnet

import data.adl.lib

# data stores that live in a network (database, cache)
placed := lib.with_traits({"stores_data", "network_placed"})

findings contains f if {
	some r in placed
	not is_object(r.attrs.network)
	f := lib.finding(rego.metadata.chain(), r, "network", sprintf("%s %q is not attached to a private network", [r.kind, r.name]))
}

findings contains f if {
	some r in placed
	lib.network_member(r) == "public"
	msg := sprintf("%s %q is placed in the public subnets of network %q", [r.kind, r.name, r.attrs.network.ref])
	f := lib.finding(rego.metadata.chain(), r, "network", msg)
}
