# METADATA
# title: GDPR data kept in EU regions
# description: >-
#   When GDPR applies (selected, or pulled in by pii data), the deployment region must be in an EU
#   member state: AWS eu-* regions except eu-west-2 (London) and eu-central-2 (Zurich), or an Azure
#   region in the EU (westeurope, northeurope, francecentral, germanywestcentral, swedencentral,
#   polandcentral, italynorth, spaincentral, ...). Regions in countries with an adequacy decision (UK,
#   Switzerland) are flagged too: waive the finding if the deployment relies on one. No mapped control
#   id backs this rule (the reference mapping has no GDPR transfer article), so it declares its
#   framework with custom.frameworks.
# custom:
#   id: ADLP-028
#   severity: high
#   controls: {}
#   frameworks: [gdpr]
#   remediation: >-
#     Deploy to an EU region (e.g. aws eu-west-1 / eu-central-1, azure westeurope / germanywestcentral),
#     or keep personal data out of this deployment.
#   source: >-
#     AutoDeploy rule (no AWS Config / Prowler / Checkov equivalent); region lists from the AWS and Azure
#     region names
package adl.rules.data.data_residency

import data.adl.lib

azure_eu := {
	"westeurope", "northeurope", "francecentral", "francesouth", "germanywestcentral", "germanynorth",
	"swedencentral", "polandcentral", "italynorth", "spaincentral", "austriaeast",
	"belgiumcentral", "denmarkeast",
}

# eu-* minus eu-west-2 (London) and eu-central-2 (Zurich): the UK and Switzerland are not in the EU.
aws_eu := {"eu-west-1", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2"}

# Google Cloud regions in the EU among those AutoDeploy knows for GCP (compiler/regions.py): Belgium,
# Frankfurt, Finland, Warsaw; europe-west2 is London. (The METADATA text above is kept as it was: it is
# printed in every report, and the existing reports' goldens stay byte-identical.)
gcp_eu := {"europe-west1", "europe-west3", "europe-north1", "europe-central2"}

in_eu(cloud, region) if {
	cloud == "gcp"
	region in gcp_eu
}

in_eu(cloud, region) if {
	cloud == "aws"
	region in aws_eu
}

in_eu(cloud, region) if {
	cloud == "azure"
	region in azure_eu
}

findings contains f if {
	cloud := object.get(lib.deployment, "cloud", "aws")
	region := object.get(lib.deployment, "region", "")
	not in_eu(cloud, region)
	msg := sprintf("deployment %q is in %s region %q, outside the EU, while GDPR applies", [object.get(lib.deployment, "name", "deployment"), cloud, region])
	f := lib.deployment_finding(rego.metadata.chain(), "region", msg)
}
