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

test_report_proves_every_rule_package_evaluated if {
	a := fx.resource("audit", "trail", null, {})
	r := main.report with input as fx.doc([a], [], ["hipaa"])
	count(r.findings) == 0
	"encryption.encryption_at_rest" in r.evaluated
	count(r.evaluated) == count({[area, name] | some area, name; data.adl.rules[area][name].findings})
	r.revision == null
}

test_report_revision_from_bundle_module if {
	r := main.report with input as bad_doc with data.adl.bundle.revision as "sha256:x"
	r.revision == "sha256:x"
	r.findings == main.findings with input as bad_doc
}

test_report_counts_array_and_set_findings_only if {
	extra := {"acme": {"arr": {"findings": [{"rule": "ORG-002", "resource": "x", "attr": null, "message": "m"}]}, "helper": {"x": 1}}}
	r := main.report with input as bad_doc with data.adl.rules as object.union(data.adl.rules, extra)
	"acme.arr" in r.evaluated
	not "acme.helper" in r.evaluated
	some f in r.findings
	f.rule == "ORG-002"
}
