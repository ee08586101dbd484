# METADATA
# title: VMs without public IP addresses
# description: >-
#   A vm should not get a public IP address (public = true); reach it through a load balancer or a
#   bastion.
# custom:
#   id: ADLP-019
#   severity: medium
#   controls:
#     hipaa: ["164.312(a)(1)", "164.308(a)(3)(i)"]
#     pci_dss_3_2_1: ["1.3", "2.2.2"]
#     pci_dss_4_0: ["1.4.5"]
#     soc2: ["CC6.6"]
#   remediation: >-
#     Set `public = false` (the default) and put a load balancer in front of the vm.
#   source: >-
#     MAPPING row 26. AWS Config: ec2-instance-no-public-ip; Prowler: ec2_instance_public_ip; Checkov:
#     CKV_AWS_88
package adl.rules.network.vm_public_ip

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("vm")
	r.attrs.public == true
	f := lib.finding(rego.metadata.chain(), r, "public", sprintf("vm %q has a public IP address", [r.name]))
}
