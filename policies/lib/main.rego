# METADATA
# title: AutoDeploy policy aggregator
# description: |
#   Collects the findings of every rule package under data.adl.rules.<area>.<name>, including
#   organisation rule directories loaded next to the built-in ones, as one deterministic array.
package adl.main

# What the engine reads (policies/proof.py checks it; docs/gate.md "What the gate guarantees"):
# the findings, plus proof of what ran: every rule package that evaluated and the revision of the
# module set that was loaded. The engine compares both with what it loaded, so an evaluation that
# silently lost rules (a missing -d, a stale or foreign server library) is an error, not a pass.
report := {"findings": findings, "evaluated": evaluated, "revision": revision}

# Every rule package under data.adl.rules.<area>.<name> whose findings evaluated (an empty set
# counts: the rule ran and found nothing), as "<area>.<name>", sorted.
evaluated := sort([sprintf("%s.%s", [area, name]) |
	some area, name
	_collection(data.adl.rules[area][name].findings)
])

_collection(x) if is_set(x)

# a complete `findings := [...]` rule aggregates too (the convention is `findings contains`)
_collection(x) if is_array(x)

# The engine loads one generated module `package adl.bundle` holding the sha256 of every module it
# loaded; null when that module is missing (the engine then refuses the answer).
revision := data.adl.bundle.revision

default revision := null

# Every finding of every rule, sorted by (rule, resource, attr, message) so output is byte-stable.
findings := [f | some key in _keyed; f := key[4]]

_keyed contains [f.rule, f.resource, _attr_key(f.attr), f.message, f] if {
	some area, name
	some f in data.adl.rules[area][name].findings
}

_attr_key(attr) := attr if is_string(attr)

else := ""

# Count of findings per severity (handy for `opa eval` summaries; the engine recomputes its own).
counts[sev] := n if {
	some sev in {f.severity | some f in findings}
	n := count([1 | some f in findings; f.severity == sev])
}
