# METADATA
# title: Helm chart versions and images pinned
# description: >-
#   A Helm release must pin its chart version, and none of its values may select a `latest`
#   image tag: otherwise what runs changes on every install without review, and no one can
#   say which (supported, patched) version is deployed.
# custom:
#   id: ADLP-121
#   severity: medium
#   remediation: >-
#     Set `version = "<chart version>"` on the release, and give every image tag in `values`
#     an explicit version (never `latest`).
#   source: >-
#     No control of the copied mapping (policies/data/control_ids.json) covers it, so it maps to
#     none and applies always. Related: MAPPING row 40 (supported, patched versions: a release
#     that floats cannot be shown to run one); Checkov CKV_K8S_14 (image tag fixed, not latest).
package adl.rules.resilience.helm_chart_pinned

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("helm_release")
	not pinned(object.get(r.attrs, "version", null))
	f := lib.finding(rego.metadata.chain(), r, "version", sprintf("helm release %q does not pin its chart version", [r.name]))
}

findings contains f if {
	some r in lib.of_kind("helm_release")
	some key, value in object.get(r.attrs, "values", {})
	floating_image(key, value)
	f := lib.finding(rego.metadata.chain(), r, "values", sprintf("helm release %q selects a `latest` image (%s = %v)", [r.name, key, value]))
}

# a version is pinned when it names one release: not empty, no range operator, no wildcard
pinned(v) if {
	is_string(v)
	v != ""
	v != "latest"
	not regex.match(`[\^~><=*xX|]|^\s*$`, v)
}

floating_image(key, value) if {
	is_string(value)
	lower(value) == "latest"
	regex.match(`(^|\.)(tag|image)$`, lower(key))
}

floating_image(key, value) if {
	is_string(value)
	regex.match(`(^|\.)image$`, lower(key))
	endswith(lower(value), ":latest")
}
