package adl.main_test

import data.adl.fixtures as fx
import data.adl.main

bad_doc := fx.doc(
	[
		fx.resource("bucket", "zz", "phi", {"encryption": false, "public": true, "website": false}),
		fx.resource("bucket", "aa", null, {"encryption": false}),
		fx.resource("vm", "v", null, {"ssh_from": "0.0.0.0/0"}),
	],
	[],
	["soc2"],
)

test_aggregates_all_rule_packages_sorted if {
	fs := main.findings with input as bad_doc
	keys := [[f.rule, f.resource, f.attr] | some f in fs]
	keys == sort(keys)
	{f.rule | some f in fs} == {"ADLP-001", "ADLP-008", "ADLP-015", "ADLP-017"}
	main.counts == {"critical": 2, "high": 3} with input as bad_doc
}

test_org_rule_dir_picked_up if {
	extra := {"acme": {"tags": {"findings": {{"rule": "ORG-001", "resource": "x", "attr": null, "message": "m"}}}}}
	fs := main.findings with input as bad_doc with data.adl.rules as object.union(data.adl.rules, extra)
	some f in fs
	f.rule == "ORG-001"
}

test_clean_input_no_findings if {
	a := fx.resource("audit", "trail", null, {})
	count(main.findings) == 0 with input as fx.doc([a], [], ["hipaa", "pci_dss", "soc2"])
}
