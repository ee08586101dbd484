# METADATA
# title: AutoDeploy policy library
# description: |
#   Shared helpers for every rule under data.adl.rules: the one finding constructor,
#   framework applicability (selected frameworks plus those pulled in by data
#   classification over the IR reference graph) and small IR accessors.
package adl.lib

# Control-list keys in rule METADATA and the framework (as written in input.frameworks) each belongs to.
control_framework := {
	"hipaa": "hipaa",
	"pci_dss_3_2_1": "pci_dss",
	"pci_dss_4_0": "pci_dss",
	"soc2": "soc2",
	"gdpr": "gdpr",
}

# A resource whose `data` is one of these pulls the framework in, onto itself and its neighbours.
data_framework := {"phi": "hipaa", "pci": "pci_dss", "pii": "gdpr"}

sensitive_classes := {"phi", "pci", "pii"}

resources := object.get(input, ["ir", "resources"], [])

edges := object.get(input, ["ir", "edges"], [])

deployment := object.get(input, ["ir", "deployment"], {})

# Frameworks the caller selected (input.frameworks may be missing or null).
selected := {fw | some fw in object.get(input, "frameworks", [])} if {
	is_array(object.get(input, "frameworks", null))
} else := set()

# name -> framework pulled by that resource's own data classification.
classified := {r.name: fw | some r in resources; fw := data_framework[r.data]}

# name -> set of frameworks pulled onto it: its own classification, and that of every resource one
# reference away in either direction. Built in one pass over resources and edges (no per-resource
# scan of the edge list) so a large IR stays linear.
pulled[name] contains fw if some name, fw in classified

pulled[e.from] contains fw if {
	some e in edges
	fw := classified[e.to]
}

pulled[e.to] contains fw if {
	some e in edges
	fw := classified[e.from]
}

# Frameworks pulled anywhere in the deployment (used for deployment-level findings).
pulled_anywhere contains fw if some fw in classified

# True when the resource holds classified (sensitive) data itself.
sensitive(r) if r.data in sensitive_classes

# The annotations that carry custom.id: the most specific link of rego.metadata.chain(). The usual
# chain is [rule, package]: take the package link directly, scan only otherwise.
annotations(chain) := chain[1].annotations if {
	chain[1].annotations.custom.id
	not chain[0].annotations.custom.id
} else := [a |
	some link in chain
	a := link.annotations
	a.custom.id
][0]

# Frameworks a rule maps to: keys with a non-empty control list, plus custom.frameworks (used when a
# rule is in scope for a framework but no mapped control id backs it, e.g. GDPR data residency).
rule_frameworks(meta) := {control_framework[k] |
	some k, ids in object.get(meta, ["custom", "controls"], {})
	count(ids) > 0
} | {fw | some fw in object.get(meta, ["custom", "frameworks"], [])}

# Frameworks due to which the finding applies; undefined when the rule does not apply at all.
# A rule with no framework applies always (e.g. the budget); so does one marked custom.always.
applicable(meta, active) := fws if {
	rfws := rule_frameworks(meta)
	fws := rfws & active
	_in_scope(meta, rfws, fws)
}

_in_scope(_, _, fws) if count(fws) > 0

_in_scope(_, rfws, _) if count(rfws) == 0

_in_scope(meta, _, _) if meta.custom.always == true

restricted_controls(meta, fws) := {k: ids |
	some k, ids in object.get(meta, ["custom", "controls"], {})
	count(ids) > 0
	control_framework[k] in fws
}

span_of(obj, attr) := object.get(object.get(obj, "attr_spans", {}), attr, object.get(obj, "span", null)) if {
	is_string(attr)
} else := object.get(obj, "span", null)

_build(meta, fws, name, kind, attr, span, message) := {
	"rule": meta.custom.id,
	"title": meta.title,
	"severity": meta.custom.severity,
	"resource": name,
	"kind": kind,
	"attr": attr,
	"span": span,
	"controls": restricted_controls(meta, fws),
	"frameworks": sort(fws),
	"message": message,
	"remediation": object.get(meta, ["custom", "remediation"], ""),
	"source": object.get(meta, ["custom", "source"], ""),
}

# finding(rego.metadata.chain(), resource, attr, message): the one way rules build a finding for a
# resource. Undefined when none of the rule's frameworks is selected or pulled onto the resource.
finding(chain, r, attr, message) := f if {
	meta := annotations(chain)
	fws := applicable(meta, selected | object.get(pulled, r.name, set()))
	f := _build(meta, fws, r.name, r.kind, attr, span_of(r, attr), message)
}

# deployment_finding(rego.metadata.chain(), attr, message): a finding about the deployment as a whole.
# In scope when the rule's framework is selected or pulled onto any resource.
deployment_finding(chain, attr, message) := f if {
	meta := annotations(chain)
	fws := applicable(meta, selected | pulled_anywhere)
	f := _build(meta, fws, object.get(deployment, "name", "deployment"), "deployment", attr, span_of(deployment, attr), message)
}

# The kinds present in the IR.
_kind_names := {r.kind | some r in resources}

# kind -> its resources, in IR order. OPA indexes the inner comprehension on `k` (comprehension
# indexing), so this is one pass over the resources however many kinds there are; a rule that
# scanned every resource itself cost (rules x resources) evaluations on every run.
kind_index := {k: rs | some k in _kind_names; rs := [r | some r in resources; r.kind == k]}

# Resources of one kind.
of_kind(k) := object.get(kind_index, k, [])

# True when the resource's kind has `trait` (data.adl.kinds, generated from compiler/kinds.py):
# encryptable, stores_data, network_placed, private_by_default, exports_logs.
kind_has(r, trait) if trait in data.adl.kinds.traits[r.kind]

# Resources whose kind has every trait of the set `traits` (those lib.kind_has holds for, trait by
# trait), visited through kind_index: the traits are tested once per kind, not once per resource.
with_traits(traits) := [r |
	some k in _kind_names
	count(traits - data.adl.kinds.traits[k]) == 0
	some r in kind_index[k]
]

with_trait(trait) := with_traits({trait})

# The referenced network and member ("public"/"private"/null), when attrs.network is set.
network_member(r) := object.get(r.attrs.network, "member", null) if is_object(r.attrs.network)

is_world(cidr) if cidr in {"0.0.0.0/0", "::/0"}

# "1 day" / "n days", for messages.
days(n) := "1 day" if n == 1

else := sprintf("%v days", [n])
