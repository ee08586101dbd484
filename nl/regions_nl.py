"""Place names (cities, countries, provider display names) -> region codes, per cloud.

Every code here is in autodeploy.compiler.regions (checked by tests). A place with no region of
its own on a cloud is simply absent for that cloud: the translator says so instead of guessing.
Keys are accent-free lower case; spellings in English, Spanish, French and German.
"""

from __future__ import annotations

import re

from autodeploy.compiler.regions import REGIONS

# (place spellings, aws region, azure region)
_PLACES: tuple[tuple[tuple[str, ...], str | None, str | None], ...] = (
    (
        (
            "frankfurt",
            "francfort",
            "frankfort",
            "franckfort",
            "germany",
            "alemania",
            "allemagne",
            "deutschland",
        ),
        "eu-central-1",
        "germanywestcentral",
    ),
    (("ireland", "irlanda", "irlande", "irland", "dublin"), "eu-west-1", "northeurope"),
    (
        (
            "london",
            "londres",
            "united kingdom",
            "reino unido",
            "royaume-uni",
            "royaume uni",
            "england",
            "inglaterra",
            "angleterre",
            "vereinigtes konigreich",
            "grossbritannien",
        ),
        "eu-west-2",
        "uksouth",
    ),
    (("paris", "france", "francia", "frankreich"), "eu-west-3", "francecentral"),
    (("stockholm", "estocolmo", "sweden", "suecia", "suede", "schweden"), "eu-north-1", "swedencentral"),
    (("milan", "milano", "mailand", "italy", "italia", "italie", "italien"), "eu-south-1", "italynorth"),
    (("madrid", "spain", "espana", "espagne", "spanien"), "eu-south-2", "spaincentral"),
    (("zurich", "switzerland", "suiza", "suisse", "schweiz"), "eu-central-2", "switzerlandnorth"),
    (
        ("amsterdam", "netherlands", "paises bajos", "pays-bas", "pays bas", "niederlande", "holland"),
        None,
        "westeurope",
    ),
    (
        ("warsaw", "varsovia", "varsovie", "warschau", "poland", "polonia", "pologne", "polen"),
        None,
        "polandcentral",
    ),
    (("oslo", "norway", "noruega", "norvege", "norwegen"), None, "norwayeast"),
    (("vienna", "viena", "vienne", "wien", "austria", "autriche", "osterreich"), None, "austriaeast"),
    (("n. virginia", "northern virginia", "virginia", "virginie"), "us-east-1", "eastus"),
    (("ohio",), "us-east-2", None),
    (("oregon",), "us-west-2", "westus2"),
    (("california", "californie", "kalifornien", "san francisco"), "us-west-1", "westus"),
    (("texas",), None, "southcentralus"),
    (("iowa",), None, "centralus"),
    (("montreal", "toronto", "canada", "kanada"), "ca-central-1", "canadacentral"),
    (("calgary",), "ca-west-1", None),
    (("sao paulo", "brazil", "brasil", "bresil", "brasilien"), "sa-east-1", "brazilsouth"),
    (("mexico", "mejico", "mexique", "mexiko", "queretaro"), "mx-central-1", "mexicocentral"),
    (("tokyo", "tokio", "japan", "japon", "japon"), "ap-northeast-1", "japaneast"),
    (("osaka",), "ap-northeast-3", "japanwest"),
    (("seoul", "seul", "korea", "corea", "coree", "sudkorea"), "ap-northeast-2", "koreacentral"),
    (("singapore", "singapur", "singapour"), "ap-southeast-1", "southeastasia"),
    (("hong kong", "hongkong"), "ap-east-1", "eastasia"),
    (("sydney", "sidney", "australia", "australie", "australien"), "ap-southeast-2", "australiaeast"),
    (("melbourne",), "ap-southeast-4", "australiasoutheast"),
    (("jakarta", "yakarta", "indonesia", "indonesie", "indonesien"), "ap-southeast-3", "indonesiacentral"),
    (("mumbai", "bombay", "india", "inde", "indien"), "ap-south-1", "centralindia"),
    (("hyderabad",), "ap-south-2", None),
    (("pune",), None, "centralindia"),
    (("bahrain", "barein", "bahrein"), "me-south-1", None),
    (("dubai", "uae", "emiratos", "emirats", "emirate"), "me-central-1", "uaenorth"),
    (("tel aviv", "israel"), "il-central-1", "israelcentral"),
    (("cape town", "ciudad del cabo", "le cap", "kapstadt"), "af-south-1", "southafricawest"),
    (
        ("johannesburg", "south africa", "sudafrica", "afrique du sud", "sudafrika"),
        "af-south-1",
        "southafricanorth",
    ),
    (("doha", "qatar", "katar"), None, "qatarcentral"),
    (("santiago", "chile", "chili"), None, "chilecentral"),
    (("berlin",), None, "germanynorth"),
    (("brussels", "bruselas", "bruxelles", "brussel", "belgium", "belgica", "belgique", "belgien"), None,
     "belgiumcentral"),
    (("copenhagen", "copenhague", "kopenhagen", "denmark", "dinamarca", "danemark", "danemark"), None,
     "denmarkeast"),
    (("auckland", "new zealand", "nueva zelanda", "nouvelle-zelande", "neuseeland"), None, "newzealandnorth"),
    (("kuala lumpur", "malaysia", "malasia", "malaisie", "malaysien"), "ap-southeast-5", "malaysiawest"),
    (("bangkok", "thailand", "tailandia", "thailande"), "ap-southeast-7", None),
    (("chicago", "illinois"), None, "northcentralus"),
    (("arizona", "phoenix"), None, "westus3"),
    (("washington state", "seattle"), None, "westus2"),
    (("finland", "finlandia", "finlande", "finnland", "helsinki", "hamina"), None, None),
    (("taiwan", "taipei", "taipeh"), None, None),
    (("south carolina",), None, None),
    # areas, not places: the usual region of each cloud there (as for GDPR with no region stated)
    (("europe", "european union", "the eu", "in eu", "union europea", "union europeenne", "europaische union",
      "europa", "l'europe"), "eu-west-1", "westeurope"),
    (("united states", "the usa", "the us", "the u.s.", "estados unidos", "ee.uu.", "etats-unis", "etats unis",
      "vereinigte staaten", "den usa"), "us-east-1", "eastus"),
    (("asia pacific", "apac", "asie-pacifique", "asia-pacifico", "asien-pazifik"), "ap-southeast-1", "southeastasia"),
    (("south america", "latin america", "latam", "sudamerica", "america latina", "amerique du sud",
      "amerique latine", "sudamerika", "lateinamerika"), "sa-east-1", "brazilsouth"),
)

# Azure display names ("West Europe") -> codes; AWS display names ("US East (Ohio)") are covered by places.
AZURE_DISPLAY: dict[str, str] = {
    "west europe": "westeurope",
    "north europe": "northeurope",
    "uk south": "uksouth",
    "uk west": "ukwest",
    "france central": "francecentral",
    "france south": "francesouth",
    "germany west central": "germanywestcentral",
    "germany north": "germanynorth",
    "sweden central": "swedencentral",
    "switzerland north": "switzerlandnorth",
    "norway east": "norwayeast",
    "italy north": "italynorth",
    "spain central": "spaincentral",
    "poland central": "polandcentral",
    "east us 2": "eastus2",
    "east us": "eastus",
    "west us 3": "westus3",
    "west us 2": "westus2",
    "west us": "westus",
    "central us": "centralus",
    "north central us": "northcentralus",
    "south central us": "southcentralus",
    "west central us": "westcentralus",
    "canada central": "canadacentral",
    "canada east": "canadaeast",
    "brazil south": "brazilsouth",
    "japan east": "japaneast",
    "japan west": "japanwest",
    "korea central": "koreacentral",
    "southeast asia": "southeastasia",
    "east asia": "eastasia",
    "australia east": "australiaeast",
    "australia southeast": "australiasoutheast",
    "central india": "centralindia",
    "south india": "southindia",
    "uae north": "uaenorth",
    "south africa north": "southafricanorth",
    "israel central": "israelcentral",
    "qatar central": "qatarcentral",
    "mexico central": "mexicocentral",
}

# Google Cloud regions in the same city or country as a place's AWS or Azure region (only the regions
# AutoDeploy knows for GCP, compiler/regions.py): Frankfurt, London, Tokyo, Sydney, Sao Paulo, Warsaw, Belgium
_GCP_SAME_PLACE = {
    "eu-central-1": "europe-west3", "eu-west-2": "europe-west2", "ap-northeast-1": "asia-northeast1",
    "ap-southeast-2": "australia-southeast1", "sa-east-1": "southamerica-east1", "polandcentral": "europe-central2",
    "belgiumcentral": "europe-west1",
}


# Google regions of places that have none on AWS or Azure, or another one (Iowa is us-central1)
_GCP_OWN = {
    "iowa": "us-central1", "south carolina": "us-east1", "finland": "europe-north1", "finlandia": "europe-north1",
    "finlande": "europe-north1", "finnland": "europe-north1", "helsinki": "europe-north1", "hamina": "europe-north1",
    "taiwan": "asia-east1", "taipei": "asia-east1", "taipeh": "asia-east1",
}
_GCP_AREA = {"eu-west-1": "europe-west1", "us-east-1": "us-central1", "ap-southeast-1": "asia-east1",
             "sa-east-1": "southamerica-east1"}


def _gcp(aws: str | None, azure: str | None) -> str | None:
    return _GCP_SAME_PLACE.get(aws or "") or _GCP_SAME_PLACE.get(azure or "")


PLACES: dict[str, dict[str, str | None]] = {}
_AREAS = 4  # the last entries of _PLACES
for _i, (_names, _aws, _azure) in enumerate(_PLACES):
    _area = _i >= len(_PLACES) - _AREAS
    for _n in _names:
        _g = _GCP_AREA.get(_aws or "") if _area else _GCP_OWN.get(_n) or _gcp(_aws, _azure)
        PLACES[_n] = {"aws": _aws, "azure": _azure, "gcp": _g}


def place_region(place: str, cloud: str) -> str | None:
    entry = PLACES.get(place)
    return entry.get(cloud) if entry else None


def equivalent(region: str, to_cloud: str) -> str | None:
    """The other cloud's region for the same place (used when a chat turn moves clouds)."""
    for _names, aws, azure in _PLACES:
        here = {"aws": aws, "azure": azure, "gcp": _gcp(aws, azure)}
        if region in here.values() and here.get(to_cloud):
            return here[to_cloud]
    return None


# the shapes of AWS and Google region codes ("eu-west-1", "europe-west4"): Azure's are plain words
_CODE_SHAPES = (
    ("aws", re.compile(r"(?<![a-z0-9-])(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?[a-z]+-\d+(?![a-z0-9-])")),
    ("gcp", re.compile(r"(?<![a-z0-9-])(?:us|europe|asia|australia|southamerica|northamerica|me|africa)-[a-z]+\d+"
                       r"(?![a-z0-9-])")),
)


def unknown_region_codes(norm: str) -> list[tuple[int, int, str, str]]:
    """(start, end, code, cloud) of each token shaped like a region code of `cloud` that is none of
    its regions AutoDeploy knows ("us-west-7", "europe-west4"): reported, never read as a place."""
    return [(m.start(), m.end(), m.group(0), cloud)
            for cloud, rx in _CODE_SHAPES for m in rx.finditer(norm) if m.group(0) not in REGIONS[cloud]]
