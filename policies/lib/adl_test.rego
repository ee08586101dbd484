package adl.lib_test

import data.adl.fixtures as fx
import data.adl.lib

test_selected_tolerates_null_frameworks if {
	lib.selected == set() with input as {"frameworks": null}
	lib.selected == set() with input as {}
	lib.selected == {"soc2"} with input as {"frameworks": ["soc2"]}
}

test_pull_reaches_direct_neighbours_both_ways if {
	db := fx.resource("database", "db", "phi", {})
	api := fx.resource("service", "api", null, {})
	k := fx.resource("key", "k", null, {})
	far := fx.resource("service", "far", null, {})
	edges := [fx.edge("api", "db", "uses"), fx.edge("db", "k", "encryption"), fx.edge("far", "api", "uses")]
	p := lib.pulled with input as fx.doc([db, api, k, far], edges, [])
	p == {"db": {"hipaa"}, "api": {"hipaa"}, "k": {"hipaa"}}
}

test_public_data_pulls_nothing if {
	b := fx.resource("bucket", "b", "public", {})
	lib.pulled == {} with input as fx.doc([b], [], [])
	lib.pulled_anywhere == set() with input as fx.doc([b], [], [])
}

meta_chain := [
	{"path": ["adl", "rules", "x", "y", "findings"]},
	{"path": ["adl", "rules", "x", "y"], "annotations": {
		"scope": "package",
		"title": "T",
		"custom": {
			"id": "ADLP-999",
			"severity": "low",
			"controls": {"hipaa": ["164.312(b)"], "pci_dss_4_0": ["10.2.1"], "soc2": []},
			"remediation": "R",
			"source": "S",
		},
	}},
]

test_finding_restricts_controls_to_active_frameworks if {
	r := fx.resource("bucket", "b", null, {"x": 1})
	f := lib.finding(meta_chain, r, "x", "m") with input as fx.doc([r], [], ["pci_dss", "soc2"])
	f == {
		"rule": "ADLP-999", "title": "T", "severity": "low", "resource": "b", "kind": "bucket", "attr": "x",
		"span": fx.span(2), "controls": {"pci_dss_4_0": ["10.2.1"]}, "frameworks": ["pci_dss"],
		"message": "m", "remediation": "R", "source": "S",
	}
}

test_finding_undefined_out_of_scope if {
	r := fx.resource("bucket", "b", null, {})
	not lib.finding(meta_chain, r, "x", "m") with input as fx.doc([r], [], ["gdpr"])
}

test_span_falls_back_to_resource_span if {
	r := fx.resource("bucket", "b", null, {})
	f := lib.finding(meta_chain, r, "encryption", "m") with input as fx.doc([r], [], ["hipaa"])
	f.span == fx.span(1)
	g := lib.finding(meta_chain, r, null, "m") with input as fx.doc([r], [], ["hipaa"])
	g.span == fx.span(1)
}

test_network_member if {
	lib.network_member({"attrs": {"network": {"ref": "n", "member": "public"}}}) == "public"
	lib.network_member({"attrs": {"network": {"ref": "n"}}}) == null
	not lib.network_member({"attrs": {"network": null}})
}

test_annotations_prefers_rule_level_id if {
	rule_level := {"path": ["adl", "rules", "x", "y", "findings"], "annotations": {"scope": "rule", "custom": {"id": "ADLP-998"}}}
	a := lib.annotations(array.concat([rule_level], array.slice(meta_chain, 1, 2)))
	a.custom.id == "ADLP-998"
	lib.annotations(meta_chain).custom.id == "ADLP-999"
}

test_days if {
	lib.days(1) == "1 day"
	lib.days(30) == "30 days"
}

test_kind_has_reads_the_generated_traits if {
	lib.kind_has({"kind": "vm"}, "encryptable")
	not lib.kind_has({"kind": "vm"}, "stores_data")
	lib.kind_has({"kind": "database"}, "network_placed")
	not lib.kind_has({"kind": "cdn"}, "encryptable")
	not lib.kind_has({"kind": "no_such_kind"}, "encryptable")
}
