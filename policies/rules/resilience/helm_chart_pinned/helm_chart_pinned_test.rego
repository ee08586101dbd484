package adl.rules.resilience.helm_chart_pinned_test

import data.adl.fixtures as fx
import data.adl.rules.resilience.helm_chart_pinned.findings

test_unpinned_chart_flagged if {
	h := fx.resource("helm_release", "h", null, {"values": {}})
	fs := findings with input as fx.doc([h], [], ["soc2"])
	count(fs) == 1
	some f in fs
	f.attr == "version"
}

test_range_version_flagged if {
	h := fx.resource("helm_release", "h", null, {"version": "~4.11", "values": {}})
	count(findings) == 1 with input as fx.doc([h], [], ["soc2"])
}

test_latest_image_tag_flagged if {
	h := fx.resource("helm_release", "h", null, {"version": "4.11.3", "values": {
		"controller.image.tag": "latest",
		"sidecar.image": "busybox:latest",
		"replicaCount": 2,
	}})
	fs := findings with input as fx.doc([h], [], ["soc2"])
	count(fs) == 2
	every f in fs { f.attr == "values" }
}

test_pinned_release_passes if {
	h := fx.resource("helm_release", "h", null, {"version": "4.11.3", "values": {"controller.image.tag": "v1.11.2"}})
	count(findings) == 0 with input as fx.doc([h], [], ["soc2"])
}
