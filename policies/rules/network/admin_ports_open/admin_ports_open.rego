# METADATA
# title: No SSH/RDP open to the internet
# description: >-
#   A vm must not accept SSH (ssh_from) or RDP (rdp_from) from 0.0.0.0/0 or ::/0.
# custom:
#   id: ADLP-015
#   severity: critical
#   controls:
#     hipaa: ["164.312(e)(1)", "164.308(a)(1)(ii)(B)"]
#     pci_dss_3_2_1: ["1.2.1", "1.3.1", "2.2.2"]
#     pci_dss_4_0: ["1.3.1", "1.4.2"]
#     soc2: ["CC6.6"]
#   remediation: >-
#     Restrict ssh_from/rdp_from to an admin CIDR or VPN range, or remove them and use a session manager.
#   source: >-
#     MAPPING row 21. AWS Config: restricted-ssh, restricted-common-ports; Prowler:
#     ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22,
#     ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389; Checkov: CKV_AWS_24, CKV_AWS_25,
#     CKV_AZURE_10, CKV_AZURE_9
package adl.rules.network.admin_ports_open

import data.adl.lib

admin_ports := {"ssh_from": "SSH", "rdp_from": "RDP"}

findings contains f if {
	some r in lib.of_kind("vm")
	some attr, proto in admin_ports
	lib.is_world(object.get(r.attrs, attr, null))
	msg := sprintf("vm %q allows %s from the whole internet (%s)", [r.name, proto, r.attrs[attr]])
	f := lib.finding(rego.metadata.chain(), r, attr, msg)
}
