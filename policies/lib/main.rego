# METADATA
# title: AutoDeploy policy aggregator
# description: |
#   Collects the findings of every rule package under data.adl.rules.<area>.<name>, including
#   organisation rule directories loaded next to the built-in ones, as one deterministic array.
package adl.main

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
