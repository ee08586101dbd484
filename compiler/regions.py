"""Known regions per cloud.

SOURCE: the region columns of the project's price catalog — AWS EC2 on-demand feed
(2025-04-04, 34 regions), Microsoft's retail VM prices (2026-05-20, 58 regions) and the
Google Cloud regions named by gcp_prices.csv (11 regions; its SOURCE note's "Regions present"
table, multi-regions and `global` left out); see analytics/data/*.SOURCE.md. A region outside
these lists is reported (ADL1014). The GCP list is short on purpose: a region the price data
never names could not be costed, and most GCP prices are cited for us-central1 only.
"""

from __future__ import annotations

AWS_REGIONS: frozenset[str] = frozenset((
    "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
    "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
    "ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
    "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
    "us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
))

AZURE_REGIONS: frozenset[str] = frozenset((
    "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast",
    "belgiumcentral", "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast",
    "centralindia", "centralus", "chilecentral", "denmarkeast", "eastasia", "eastus", "eastus2",
    "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral",
    "israelcentral", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
    "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth",
    "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral",
    "southafricanorth", "southafricawest", "southcentralus", "southeastasia", "southindia",
    "spaincentral", "swedencentral", "switzerlandnorth", "switzerlandwest", "uaecentral",
    "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus",
    "westus2", "westus3",
))

GCP_REGIONS: frozenset[str] = frozenset((
    "asia-east1", "asia-northeast1", "australia-southeast1", "europe-central2", "europe-north1",
    "europe-west1", "europe-west2", "europe-west3", "southamerica-east1", "us-central1", "us-east1",
))

REGIONS: dict[str, frozenset[str]] = {"aws": AWS_REGIONS, "azure": AZURE_REGIONS, "gcp": GCP_REGIONS}
DEFAULT_REGION: dict[str, str] = {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}
