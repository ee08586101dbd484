# METADATA
# title: Test fixtures
# description: Builders for IR resources and input documents shared by every rule's _test.rego.
package adl.fixtures

span(line) := {"file": "t.adl", "line": line, "col": 1, "end_line": line, "end_col": 20}

# An IR resource as the compiler emits it: every written attribute gets an attr span (line 2), the
# resource span is line 1.
resource(kind, name, data_class, attrs) := {
	"kind": kind,
	"name": name,
	"variant": null,
	"data": data_class,
	"attrs": attrs,
	"units": {},
	"explicit": object.keys(attrs),
	"span": span(1),
	"attr_spans": {k: span(2) | some k, _ in attrs},
	"refs": [],
}

variant(r, v) := object.union(r, {"variant": v})

deployment := {
	"name": "t",
	"cloud": "aws",
	"region": "us-east-1",
	"environment": "prod",
	"compliance": [],
	"budget": null,
	"tags": {},
	"owner": null,
	"span": span(1),
	"attr_spans": {"region": span(3), "budget": span(4)},
}

doc(resources, edges, frameworks) := {
	"ir": {"ir_version": "1.0", "deployment": deployment, "resources": resources, "edges": edges, "waivers": []},
	"frameworks": frameworks,
	"cost": null,
	"today": "2026-11-26",
}

# Same, with deployment attributes overridden (region, environment, budget...).
doc_with(resources, edges, frameworks, dep) := object.union(
	doc(resources, edges, frameworks),
	{"ir": {"deployment": object.union(deployment, dep)}},
)

edge(from, to, attr) := {"from": from, "to": to, "attr": attr}
