# METADATA
# title: Kubernetes API server not publicly reachable
# description: >-
#   A Kubernetes cluster's API server endpoint must not be reachable from the internet
#   (public = true); administrators reach it from inside the network.
# custom:
#   id: ADLP-120
#   severity: high
#   controls:
#     hipaa: ["164.312(a)(1)"]
#     pci_dss_3_2_1: ["1.3", "2.2.2"]
#     pci_dss_4_0: ["1.3.1", "1.4.2"]
#     soc2: ["CC6.6"]
#   remediation: >-
#     Set `public = false` (the default): EKS keeps only the private endpoint, AKS becomes a
#     private cluster.
#   source: >-
#     MAPPING row 28 (eks_pub). AWS Config: eks-endpoint-no-public-access; Prowler:
#     eks_cluster_not_publicly_accessible; Checkov: CKV_AWS_39, CKV_AWS_38
package adl.rules.network.kubernetes_public_endpoint

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("kubernetes")
	r.attrs.public == true
	f := lib.finding(rego.metadata.chain(), r, "public", sprintf("kubernetes cluster %q has a public API server endpoint", [r.name]))
}
