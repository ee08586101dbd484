# METADATA
# title: Model endpoints run isolated inside a network
# description: >-
#   A model endpoint's containers must run in the deployment's private subnets (network set) with
#   network isolation on, so that the model cannot reach or be reached from the internet directly.
# custom:
#   id: ADLP-143
#   severity: medium
#   controls:
#     hipaa: ["164.312(a)(1)", "164.308(a)(3)(i)"]
#     pci_dss_3_2_1: ["1.2.1", "1.3.1", "1.3.2"]
#     pci_dss_4_0: ["1.3.1", "1.4.2"]
#     soc2: ["CC6.1", "CC6.6"]
#   remediation: >-
#     Add `network = <network>.private` and keep `isolation = true` (the default).
#   source: >-
#     MAPPING row 27 (not publicly invokable; runs in VPC). Prowler (pci_4.0 1.3.1.40, 1.4.2.38):
#     sagemaker_notebook_instance_vpc_settings_configured,
#     sagemaker_notebook_instance_without_direct_internet_access_configured
package adl.rules.network.model_endpoint_placement

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("model_endpoint")
	object.get(r.attrs, "network", null) == null
	msg := sprintf("model_endpoint %q runs outside the deployment's network", [r.name])
	f := lib.finding(rego.metadata.chain(), r, "network", msg)
}

findings contains f if {
	some r in lib.of_kind("model_endpoint")
	r.attrs.isolation == false
	msg := sprintf("model_endpoint %q has network isolation off", [r.name])
	f := lib.finding(rego.metadata.chain(), r, "isolation", msg)
}
