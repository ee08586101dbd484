"""Words the offline translator understands, in English, Spanish, French and German.

Patterns run on accent-free lower-case text (see offline.normalize), so "réplicas" is "replicas"
and "Schlüssel" is "schlussel". One table per concept; the translator holds no vocabulary itself.
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS

NUMBER_WORDS: dict[str, int] = {
    # en
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a pair of": 2,
    "un par de": 2,
    "une paire de": 2,
    "ein paar": 2,
    # es
    "un": 1,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    # fr
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    # de
    "ein": 1,
    "eine": 1,
    "einen": 1,
    "einem": 1,
    "einer": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "funf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwolf": 12,
}
NUMBER_RE = (
    r"(?:\d+|" + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)) + ")"
)

# Real words one letter away from a kind's word ("junction" / function): never read as a misspelling
REAL_WORDS = frozenset({"junction", "junctions", "buckle", "rocket", "pocket", "locket", "dabase", "sunction",
                        "databank", "network", "networks", "lambada", "container", "contains", "fonctionne",
                        "funktioniert", "function", "functions", "functional", "postures", "posters",
                        "secreta", "secretas", "secretary", "services", "service", "valley", "valleys"})

# Words that make the next mention a reference to something already named ("each queue").
ANAPHORA = frozenset(
    {
        "each",
        "every",
        "the",
        "that",
        "this",
        "it",
        "cada",
        "el",
        "la",
        "los",
        "las",
        "le",
        "les",
        "chaque",
        "ce",
        "cette",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "jede",
        "jeder",
        "jedes",
        "jeden",
    }
)

# Range connectors: "2 to 8", "entre 2 y 6", "2 a 10", "2 bis 8", "2-10".
RANGE_SEP = r"(?:\s*(?:-|–|\.\.)\s*|\s+(?:to|and|a|y|et|bis|und|hasta|au)\s+)"

# Services the DSL has no kind for: guarded from the kinds' words and reported by INEXPRESSIBLE
# Cloud services users name that a kind may or may not cover: (how a user writes it, its pattern).
# One that some KindSpec's words read is that kind's; the rest are reported under "not understood"
# and guarded from the kinds' words ("MongoDB database" is not a database). So adding a kind for a
# service needs no edit here: its words take the service over.
_SERVICES = (
    ("mongodb", r"mongo ?db(?: atlas)?|mongo"),
    ("documentdb", r"documentdb"),
    ("kubernetes", r"kubernetes|k8s"),
    ("eks", r"eks"),
    ("aks", r"aks"),
    ("gke", r"gke"),
    ("elasticsearch", r"elasticsearch"),
    ("opensearch", r"opensearch"),
    ("api gateway", r"api[- ]gateways?"),
    # no kind for these either: DNS, certificates, identity, e-mail, private links, warehouses
    ("route 53", r"route ?53(?: hosted zones?| records?)?|hosted zones?|dns (?:zones?|records?|entries)"
                 r"|(?:registros?|entradas?) dns|enregistrements? dns|dns-eintrage?|cloud dns|azure dns"),
    ("acm", r"acm(?:[- ](?:certs?|certificates?|zertifikate?))?|(?:tls |ssl |https )?certificates?|certificados?"
            r"(?: tls| ssl)?|certificats?(?: tls| ssl)?|(?:tls-|ssl-)?zertifikate?"),
    ("cognito", r"cognito(?: user pools?)?|user pools?|azure ad(?: b2c)?|entra id|identity platform"),
    ("ses", r"ses(?: domain identit(?:y|ies))?|simple email service"),
    ("vpn", r"(?:site-to-site )?vpns?(?: gateways?)?|direct connect|expressroute|transit gateways?|vpc peering"),
    ("redshift", r"redshift|athena|emr|synapse|snowflake|databricks|data warehouses?"),
    # code at the edge: a CDN's own functions, not a function resource ("CloudFront Functions" are
    # read by nl/kind_choice.py's edge_code, which says so in its note)
    ("lambda@edge", r"lamb?da@edge"),
    # database engines the DSL has none of: never made a Postgres database silently
    ("oracle", r"oracle(?: rds)?|(?:microsoft |ms )?sql server|mssql|azure sql|db2|cockroach ?db|cassandra|neo4j"
               r"|couchbase|influx ?db|timescale(?: ?db)?|cosmos ?db for postgre ?sql"),
    ("custom domain", r"custom domains?(?: [a-z0-9.-]+\.[a-z]{2,})?|(?:own|eigene[nrm]?|propio|propre) domains?"
                      r"(?: [a-z0-9.-]+\.[a-z]{2,})?|dominio propio|domaine personnalise"),
)


def _read_by_a_kind(text: str) -> bool:
    return any(re.fullmatch(w.pattern, text) for k in KINDS.values() for w in (k.nl.words if k.nl else ()))


UNSUPPORTED_SERVICES = "|".join(p for text, p in _SERVICES if not _read_by_a_kind(text)) or r"(?!x)x"

# Phrases that must not be read as a kind; they only guard their words from the kinds' patterns.
# A kind's own words live in its KindSpec (compiler/kinds*.py, `nl=NLNames(words=...)`), never here.
NOT_KINDS: tuple[str, ...] = (
    r"web application firewall|waf|application firewall",
    r"inside the network|within the network|dentro de la red|dans le reseau|im netzwerk",
    r"instance types?|tipo de instancia|type d'instance",
    # words that contain a kind's name but are not that kind: parts of another noun phrase, a verb,
    # a file name ("route table", "cache static assets", "lambda.js", "security group")
    r"route tables?|routing tables?|tablas? de rut(?:as|eo)|tables? de routage|routentabellen?"
    r"|security groups?|target groups?|internet gateways?|nat gateways?|subnet groups?"
    r"|grupos? de seguridad|groupes? de securite|sicherheitsgruppen?"
    r"|cach(?:e|es|ing) (?:static|the|our|your|its|all|images|assets|content|responses|files|pages)"
    r"(?: assets| files| content| pages| images| responses)?"
    r"|[a-z0-9_-]+\.(?:js|mjs|cjs|ts|py|java|go|rb|zip|jar|json|ya?ml|tf|sh|txt|csv)(?![a-z0-9])",
    r"encrypted|encryption|cifrad[oa]s?|cifrado|chiffree?s?|chiffrement|verschlusselt"
    r"|verschlusselung",
    # services the DSL has no kind for (reported by INEXPRESSIBLE), and "serverless" in es/fr/de,
    # whose words would otherwise read as an API, a function, a container service or a server
    rf"(?:{UNSUPPORTED_SERVICES})(?: (?:databases?|clusters?|db))?|step[- ]functions?"
    r"|(?:ecr |elastic )?container registr(?:y|ies)|ecr"
    r"|registros? de contenedores|registres? de conteneurs|container-registr(?:y|ies)"
    r"|sin servidor|sans serveur|serverlose?[nrs]?",
    # "host" as a verb: "We host our API on ...", "Host a static website on S3"
    r"(?:^|(?<=[.;:!?,] )|(?<=\bto )|(?<=\band )|(?<=\bwe )|(?<=\bi )|(?<=\bplease )|(?<=\bthen ))host(?:s|ed|ing)?"
    r"(?= (?:a|an|the|our|my|your|their|its|it|them|this|static|everything|on|in)\b)",
    # keys that are not encryption keys: a table's or a row's, an SSH key pair, an IAM access key
    r"(?:partition|sort|primary|hash|range|foreign|composite|ssh) keys?|key pairs?|access keys?",
    # "Queue up jobs in SQS": the verb opening a clause
    r"(?:^|(?<=[.;:!?,] )|(?<=\band )|(?<=\bto )|(?<=\bthen )|(?<=\bplease ))queu(?:e|ing)"
    r"(?= (?:up|the|them|it|jobs|messages|tasks|requests|events|work|everything)\b)",
    # "Cache product images in a CDN": the verb opening a clause, its object next (not "cache layer"),
    # then where the caching happens (without it, "cache sessions" asks for a cache)
    r"(?:^|(?<=[.;:!?,] )|(?<=\band )|(?<=\bto )|(?<=\bthen )|(?<=\bplease ))cach(?:e|ing)"
    r"(?= (?!(?:in|on|for|with|of|at|layer|tier|clusters?|nodes?|instances?|servers?|and|or|using|that|which"
    r"|is|as|redis|memcached?|valkey|elasticache)\b)[a-z][a-z' -]{0,40}? (?:in|on|with|using|via|at|through"
    r"|behind) )",
    # a cluster's API endpoint is not a container API (nl/platforms.py reads its privacy)
    r"(?:api[- ])?(?:server )?endpoints?|api[- ]servers?|puntos? de acceso|points? de terminaison|endpunkte?",
    # a kind's word as the modifier of another noun: what is encrypted, a key that encrypts nothing
    # ("disk encryption", "webhook signing key", "idempotency keys"), caching as a French verb
    r"(?:disk|disco|disque|volume|festplatten|storage|at[- ]rest)[- ](?:encryption|cifrado|chiffrement)"
    r"|(?:signing|idempotency|idempotence|license|licence|webhook|dedup(?:lication)?|lookup|session|cache"
    r"|object|row|item|unique|natural|surrogate|routing|shard(?:ing)?) keys?"
    r"|mettre en cache|mise en cache|mis en cache|en cache|cloudwatch[- ]logs?(?: groups?)?|log groups?"
    r"|network (?:access|isolation|traffic|acls?|rules?|polic(?:y|ies)|interfaces?|settings?|connectivity)"
    r"|(?:acceso|aislamiento|trafico) de (?:la )?red|(?:acces|isolation|trafic) (?:au )?reseau",
)


def mentions() -> tuple[tuple[str | None, str | None, str, bool], ...]:
    """(kind, variant, pattern, weak) for every phrase the translator reads: the guards above (kind
    None), then every kind's words from the registry, so a new kind is understood from its KindSpec."""
    out: list[tuple[str | None, str | None, str, bool]] = [(None, None, p, False) for p in NOT_KINDS]
    for k in KINDS.values():
        for w in k.nl.words if k.nl is not None else ():
            out.append((k.name, w.variant, w.pattern, w.weak))
    return tuple(out)


# words for where something runs, not a resource of their own when they name another one:
# "a Postgres server", "un servidor PostgreSQL", "ein Redis-Server", "a database server"
HOSTING_WORDS = r"servers?|servern|servidor(?:es)?|serveurs?|instances?|instancias?|instanz(?:en)?|hosts?"
# an API that another compute resource serves: "a REST API with Lambda", "our API on two EC2 instances"
API_WORDS = r"(?:rest |graphql |http |web |rest-)?apis?"
# what makes a request serverless: an API it names is then a function
SERVERLESS = r"serverless|sin servidor|sans serveur|serverlose?[nrs]?"
# a table that can only be one inside a relational database when one is named ("a users table")
PLAIN_TABLE = r"tables?|tablas?|tabellen?"

# the nodes of a Kubernetes cluster's node group
NODE_WORDS = r"nodes?|nodos?|noeuds?|nœuds?|knoten"

# a service mention that names copies ("4 containers") or only the platform ("a container service")
CONTAINER_WORDS = r"containers?|containern|contenedores|conteneurs|container|tasks?|workers|trabajadores"
SERVICE_PLATFORM = (
    r"container[- ]services?|ecs services?|ecs|fargate|container apps?|app service|containers?|contenedor(?:es)?"
    r"|conteneurs?|container-dienste?|(?:azure )?container instances?|aci|elastic beanstalk|beanstalk"
)

VM_TYPE = (r"\b(?:[a-z][0-9][a-z0-9-]*\.(?:nano|micro|small|medium|large|xlarge|[0-9]+xlarge|metal))\b"
           # Compute Engine machine types: "e2-medium", "n2-standard-4"
           r"|\b(?:e2|n1|n2d?|n4|c2d?|c3d?|c4|t2[ad])-(?:micro|small|medium|standard-\d+|highmem-\d+|highcpu-\d+)\b")
AZURE_VM_TYPE = r"\bstandard_[a-z0-9]+(?:_[a-z0-9]+)*\b"
DB_TYPE = r"\bdb\.[a-z0-9-]+\.[a-z0-9]+\b"
CACHE_TYPE = r"\bcache\.[a-z0-9-]+\.[a-z0-9]+\b"

COMPLIANCE: tuple[tuple[str, str], ...] = (
    ("hipaa", r"hipaa|hitrust"),
    ("pci_dss", r"pci(?:[- ]?dss)?"),
    ("soc2", r"soc[- ]?(?:2|ii)"),
    ("gdpr", r"gdpr|rgpd|dsgvo|general data protection regulation|datenschutz-?grundverordnung"
             r"|reglamento general de proteccion de datos|reglement general sur la protection des donnees"),
)

CLOUD_STRONG: tuple[tuple[str, str], ...] = (
    ("gcp", r"\bgcp\b|google cloud(?: platform)?"),
    ("azure", r"azure|microsoft cloud"),
    ("aws", r"(?<![a-z])aws(?![a-z])|amazon web services|amazon"),  # not "laws", "draws"
)
CLOUD_HINTS: tuple[tuple[str, str], ...] = (
    (
        "aws",
        r"s3|lamb?das?|dynamo(?: ?db)?|sqs|sns|cloudfront|cloudtrail|fargate|ec2|rds|kms|elasticache|aurora|\balb\b|vpc"
        r"|\bnlb\b|ecs|aws_[a-z0-9_]+|glue|sagemaker|\befs\b|\bebs\b|\beks\b|cloudwatch"
        r"|kinesis|firehose|\bmsk\b|documentdb|docdb|amazon mq"
        r"|secrets[- ]manager|route ?53|\bacm\b|cognito|\bses\b|opensearch|auto[- ]?scaling[- ]gr(?:oup|uppe)"
        r"|\biam\b|\bsagemaker\b|api gateway|elastic beanstalk|\bebs\b|aws_",
    ),
    (
        "azure",
        r"key vault|service[- ]bus|blob storage|cosmos ?db|app service|container apps?|function apps?"
        r"|front door|application gateway|storage accounts?|vnet|azurerm_[a-z0-9_]+|api management|azure files"
        r"|data factory|managed disks?|\baks\b|event ?hubs?"
        r"|key[- ]vault|activity[- ]logs?|\bblobs?\b|blob-|scale[- ]sets?|\bvmss\b|entra|azure ad|log analytics"
        r"|flexible servers?|cosmos|azure monitor|storage-konto|compte de stockage|cuenta de almacenamiento",
    ),
    (
        "gcp",
        r"cloud run|cloud sql|memorystore|\bgcs\b|cloud storage|bigquery|pub/?sub|\bgke\b|compute engine"
        r"|firestore|filestore|cloud functions?|spanner|\bgce\b|cloud armor|cloud cdn|artifact registry"
        r"|google_[a-z0-9_]+|\bpkg\.dev\b|gcr\.io",
    ),
)

ENVIRONMENTS: tuple[tuple[str, str], ...] = (
    ("dev", r"\bdev\b|development|desarrollo|developpement|entwicklung(?:s?umgebung)?|sandbox"),
    ("staging", r"staging|pre-?production|preproduccion|pre-?prod|vorproduktion|preproduction|pre-produccion"),
    ("test", r"\btest(?:ing)?\b|\bqa\b|pruebas|de test|testumgebung"),
    ("prod", r"\bproduction\b|\bprod\b|produccion|produktion(?:s?umgebung)?|produktiv(?:umgebung|system|betrieb)?"),
)

RUNTIMES: tuple[tuple[str, str], ...] = (
    # (regex, runtime); the first match wins, so versioned forms come first
    (r"python\s*3\.13", "python3.13"),
    (r"python\s*3\.12", "python3.12"),
    (r"python\s*3\.11", "python3.11"),
    (r"python\s*3\.10", "python3.10"),
    (r"python", "python3.12"),
    (r"node(?:\.?js)?\s*20", "nodejs20.x"),
    (r"node(?:\.?js)?\s*22", "nodejs22.x"),
    (r"node\.?js|\bnode\b|javascript|typescript", "nodejs22.x"),
    (r"java\s*17", "java17"),
    (r"java(?:\s*21)?", "java21"),
    (r"\.net(?:\s*8)?|dotnet(?:\s*8)?|c#", "dotnet8"),
    (r"ruby", "ruby3.3"),
    (r"golang|(?<=in )go|rust", "provided.al2023"),
)

# A word near a number that decides which attribute the number sets.
KW_BACKUP = r"backups?|copias? de seguridad|respaldos?|sauvegardes?|backups?|sicherungen?|datensicherung"
KW_AUDIT = r"audit|cloudtrail|trail|logs?|registros?|journal|journaux|protokoll"
KW_RETAIN = (
    r"kept|keep|retain(?:ed)?|retention|stored? for|guard[ae]|guardar|conserv|retencion|aufbewahr"
    r"|object[- ]lock|bloqueo|verrouill"
)
KW_EXPIRE = r"delet|expir|borr[ae]|elimin|supprim|suppression|effac|caduc|caduqu|losch|ablauf|verfall|purge"
KW_ARCHIVE = r"archiv(?:e|ed|ing|o|ar|er|age|ierung|ieren|iert)?|glacier|deep archive"
# a file system's move to infrequent access ("IA after 14 days", "accès peu fréquent après 14 jours")
KW_IA = r"infrequent(?:ly)? access(?:ed)?|\bia\b|acces peu frequent|acceso poco frecuente|selten genutzt"
KW_ROTATE = r"rotat|rota|rote|rotier|renouvel"  # "que rote cada 60 días"
KW_DISK = r"disks?|discos?|disques?|festplatten?|volumes?|ebs|speicherplatz je"
KW_MEMORY = r"memory|ram|memoria|memoire|arbeitsspeicher|speicher"
KW_STORAGE = r"storage|almacenamiento|stockage|speicher"
KW_TIMEOUT = (
    r"timeout|time-?out|tiempo (?:de espera|limite|maximo)|delai d'(?:expiration|attente)|delai|zeitlimit"
    r"|zeituberschreitung|max(?:imum)? (?:execution|run) ?time|tiempo de ejecucion|duree d'execution|laufzeit"
)

PUBLIC = (
    r"public|publicly accessible|publico|publica|publicos|publicas|publique|publiques|publics"
    r"|publiquement|publicamente"
    r"|offentlich(?:e|er|en|es|em)?|internet[- ]facing|exposed to the internet"
)
PRIVATE = (
    r"private|privado|privada|prive|privee|privat(?:e|er|en|es|em)?|not public|no publico|non public"
    r"|nicht offentlich"
)
INTERNAL = (
    r"internal|intern[oa]s?|internes?|intern(?:e|er|en|es|em)?"
    r"|only talks inside the network|inside the network|private api"
)
HTTPS = r"over https|via https|exposed over https|https"
# a network's NAT gateways in each language ("passerelles NAT", "puertas de enlace NAT", "NAT-Gateways"),
# or "NAT" alone ("one NAT per AZ", "2 NATs")
NAT_WORDS = (
    r"nat[- ]gateways?|nat[- ]gateway-?s?|gateways? nat|passerelles? (?:de )?nat|puertas? de enlace nat"
    r"|pasarelas? nat|nat(?:s|-instanzen)?"
)
MULTI_AZ = (
    r"multi[-_ ]?az|high availability|highly available|alta disponibilidad|haute disponibilite"
    r"|hochverfugbar(?:e|er|en|es|em|keit)?|multi-zone"
    # zone redundancy, as Azure and GCP name it: "zone-redundant", "zonenredundante HA", "zone redondante"
    r"|zone[- ]?redundan(?:t|cy|ce)|zonenredundan(?:t|te|ter|ten|tem|z)|zone redondante|redondance (?:de |par )?zone"
    r"|redundancia (?:de|por) zonas?|redundante? (?:de|por|entre) zonas|haute dispo"
    # "HA" only as a mode ("in HA mode", "en mode HA", "im HA-Modus"): alone it is a Spanish verb
    r"|ha[- ](?:mode|modus|setup|configuration)|(?:mode|modo) ha(?![a-z])"
)
# a standby in another zone said as a spread with no count: "HA across zones", "en varias zonas",
# "sur plusieurs zones", "über mehrere Zonen" (a counted "3 zones" is a network's `zones`)
SPREAD_ZONES = (
    r"across (?:multiple |several |different )?(?:azs|zones|availability zones)"
    r"|(?:en|entre|a traves de) (?:varias|multiples|distintas|diferentes) zonas(?: de disponibilidad)?"
    r"|(?:sur|dans|entre) plusieurs zones(?: de disponibilite)?|(?:uber|in|auf) mehrere(?:n)? (?:zonen|azs)"
)
WEBSITE = (
    r"(?:hosting |hosts |serving |serves |for )?(?:a |an )?static (?:web ?)?site(?: hosting)?|static website hosting"
    r"|website hosting|sitio web estatico|site (?:web )?statique|statische (?:webseite|website)"
    # the hosting feature named in each language: "alojamiento de sitio web", "hébergement web",
    # "Website-Hosting"
    r"|(?:alojamiento|hospedaje|hosting) (?:de )?(?:(?:sitios?|paginas?) )?web|hebergement (?:de )?(?:sites? )?web"
    r"|(?:webseiten|website|web)-?hosting"
)
VERSIONING = (
    r"versioning|versioned|versionado|versionad[oa]s?|versionamiento|versionnage|versionnement|versionnee?s?|versionierung"
    r"|versioniert(?:e|er|en|es|em)?"
)
# The polarity rule (docs/generate.md): a negation right before a setting ("non publique", "sin
# versionado", "ohne Verschlüsselung", "keine öffentliche") or right after it ("versioning
# disabled", "versionado deshabilitado", "Versionierung deaktiviert") turns it around; accents are
# already stripped and every gender/number form is listed.
NEGATION_BEFORE = (
    r"not|no|non|never|without|sin|sans|ohne|nicht|nie|niemals|kein|keine|keinen|keiner|keinem|keines|keinerlei"
    r"|nunca|jamais"
    r"|w/o|pas de|pas d'|pas|ni|nada de|ningun|ninguna|aucun|aucune|disable|disabled|turn off|switch off"
    r"|desactiva|desactivar|deshabilita|deshabilitar"
    r"|desactiver|desactivez|deaktiviere|deaktivieren|deaktiviert(?:e|em|en|er|es)?"
    r"|abgeschaltet(?:e|em|en|er|es)?|ausgeschaltet(?:e|em|en|er|es)?|disabled"
)
# auxiliaries a negation may stand before its setting with: "should not be public", "no tiene que ser
# pública", "ne doit pas être publique", "darf nicht öffentlich sein"
AUXILIARIES = (
    r"be|is|are|being|ever|should|must|tiene|tienen|que|ser|debe|deben|deberia|puede|estar|sea|sean|este|esten"
    r"|etre|doit|doivent|devrait|peut|est|sont|sein|werden|darf|durfen|soll|sollen|ist|sind"
)
NEGATION_AFTER = (
    r"disabled|off|turned off|switched off|false|not enabled|deshabilitad[oa]s?|desactivad[oa]s?"
    r"|desactivee?s?|deaktiviert|ausgeschaltet|aus|no habilitad[oa]s?|non activee?s?|nicht aktiviert"
    r"|ausschalten|abschalten|abstellen|deaktivieren|desactivar|deshabilitar|desactiver|disable|turn off"
    r"|abgeschaltet|apagad[oa]s?|eteinte?s?|coupee?s?"
)
# a German attribute word heading a compound: "Sichtbarkeitszeit", "Aufbewahrungsdauer", "Backupzeitraum"
COMPOUND_TAIL = r"s?-?(?:zeit|dauer|wert|grosse|limit|frist|zeitraum|anzahl|periode|einstellung)"
# a switch turned on by an adjective before it: "aktiviertem Monitoring", "enabled tracing"
ON_BEFORE = (
    r"enabled|activated|turned on|aktiviert(?:e|em|en|er|es)?|eingeschaltet(?:e|em|en|er|es)?"
    r"|activad[oa]s?|habilitad[oa]s?|activee?s?"
)
# nouns a setting word qualifies before its negation: "public endpoint off", "acceso público deshabilitado"
SETTING_NOUNS = r"access|endpoints?|ip|network access|acceso|acces|zugriff|zugang|endpunkt|endpoint publico|token"
# A negation placed after its setting with words between, ending the clause or followed by a word of
# need: "Löschschutz brauchen wir keinen", "TLS muss leider aus sein", "Zugriffslogs ebenfalls aus",
# "öffentlich erreichbar auf keinen Fall", "encryption is not needed", "Multi-AZ no hace falta".
# Only these closed-class words may sit between ("Verschlüsselung nicht vergessen" stays on).
NEGATION_FILLERS = (
    r"brauchen|braucht|benotigen|wir|ich|man|es|leider|ebenfalls|auch|bitte|naturlich|vorerst|erstmal|bleibt"
    r"|bleiben|muss|mussen|sollte|kann|hier|dabei|erreichbar|zuganglich|we|do|does|really|also|either|for now"
    r"|is|are|be|lo|la|los|las|nos|la verdad|tampoco|aussi|on|en|ici|vraiment|pour l'instant"
)
NEGATION_CLOSING = r"nicht|kein|keine|keinen|keinerlei|auf keinen fall|aus|off|nope|no way|en aucun cas|pas"
NEGATION_NEED = (
    r"sein|werden|notig|erforderlich|gebraucht|benotigt|needed|required|necessary|necesari[oa]s?|hace falta"
    r"|necesitamos|se necesita|necessaire|requis|besoin|exportieren|exportar|exporter|exported|shipped"
    # what completes a negated "public": "öffentlich nicht erreichbar", "public, not reachable"
    r"|erreichbar|zuganglich|reachable|accessible|accesible|exposed|expuest[oa]s?|exposee?s?"
)
# a verb between a switch and its on-word: "Tracing stays on", "Netzwerkisolation bleibt an"
STAYS = r"is|are|stays|remains|bleibt|bleiben|ist|sigue|siguen|queda|reste|restent|est"
SWITCH_OFF = (
    r"abschalten|ausschalten|deaktivieren|disable|disabled|turn(?:ed)? off|switch(?:ed)? off|desactivar|apagar"
    r"|deshabilitar|desactiver|couper"
)
EXPORTED = r"exported|shipped|exportad[oa]s?|exportee?s?|exportiert(?:e|en)?"
ENCRYPTION = (
    r"encrypted|encryption|encrypt|cifrad[oa]s?|cifrado|encriptad[oa]s?|chiffree?s?|chiffrement"
    r"|verschlusselt(?:e|er|en|es|em)?|verschlusselung"
)
UNENCRYPTED = r"unencrypted|sin cifrar|non chiffree?s?|unverschlusselt(?:e|er|en|es|em)?"
# (attribute, the words that say it is off by themselves)
NEGATIVE_FORMS: tuple[tuple[str, str], ...] = (
    ("encryption", UNENCRYPTED),
    ("versioning", r"unversioned|non-versioned|sin versionar|non versionnee?s?|unversioniert(?:e|er|en|es|em)?"),
)
TLS = (
    r"tls|ssl|in[- ]transit encryption|transit[_ ]encryption(?:[_ ]enabled)?|encryption in transit"
    r"|cifrado en transito|chiffrement en transit"
)
DELETION_PROTECTION = (
    r"deletion protection|proteccion contra (?:el |la )?(?:borrado|eliminacion|supresion)"
    r"|protection contre (?:la suppression|l'effacement)|loschschutz|schutz vor (?:versehentlichem )?loschen"
)
STORAGE_CLASS: tuple[tuple[str, str], ...] = (
    ("intelligent", r"intelligent[- ]tiering|intelligent"),
    ("archive", r"archive|glacier|archivo|archivage|archiv"),
    ("infrequent", r"infrequent(?:ly)?(?: access)?|acceso poco frecuente|acces peu frequent|selten"),
)
CHEAP = (
    r"cheap|cheapest|low[- ]cost|inexpensive|barat[oa]|economic[oa]|pas cher|bon marche|economique"
    r"|gunstig|billig|kostengunstig|as cheap as possible|small|pequen[oa]|petite?|klein(?:e|en|er)?"
)
DATA_CLASSES: tuple[tuple[str, str], ...] = (
    (
        "phi",
        r"\bphi\b|health records|medical records|patient data|datos medicos|donnees de sante"
        r"|gesundheitsdaten|patientendaten",
    ),
    ("pci", r"card data|cardholder|card numbers|datos de tarjetas|donnees de carte|kartendaten"),
    ("pii", r"\bpii\b|personal data|datos personales|donnees personnelles|personenbezogene"),
)

BUDGET_CUE = (
    r"under|below|less than|no more than|at most|max(?:imum)?|up to|budget|cap(?:ped)?|limit"
    r"|menos de|maximo|presupuesto|hasta|como maximo|moins de|au maximum|au plus|jusqu'a|plafond"
    r"|unter|hochstens|maximal|bis zu|weniger als|spend|spending|gasto|depenses?|ausgaben"
    r"|pas plus de|no mas de|nicht mehr als|not more than|pasar(?:nos)? de|depasser|uberschreiten"
)
PER_MONTH = (
    r"(?:a|per|/|each|every)\s*(?:month|mo)\b|monthly|al mes|por mes|mensual(?:es)?|par mois|/mois"
    r"|mensuels?|im monat|pro monat|monatlich|/monat"
)
CURRENCY = r"\$|usd|us dollars?|dollars?|dolares|dollar|bucks"
# hundredths of a US dollar ("25 cents an hour"); the German/French "Cent"/"centimes" are euro cents
US_CENTS = r"cents|us cents?|centavos(?: de dolar)?"
# a word that makes an amount approximate, between its cue and the amount: "budget ~0.5 USD/hour",
# "presupuesto de unos 300 dólares", "budget d'environ 200 $", "Budget etwa 500 Dollar"
APPROX = (
    r"~|about|around|roughly|approx(?:imately|\.)?|some|unos|unas|aproximadamente|alrededor de|environ"
    r"|a peu pres|etwa|ca\.?|circa|rund|ungefahr"
)
EURO = r"€|eur|euros?"
# other currencies than USD: a budget in one is reported, never read as dollars ("2000 $ CAD")
# "200 dollars canadiens", "500 Australian dollars": dollars, but not US dollars
FOREIGN_DOLLAR = (
    r"canadiens?|canadian|canadienses?|kanadischen?|australiens?|australian|australianos?|australischen?"
    r"|mexicanos?|mexicains?|neo-?zelandais|new zealand|singapore|singapour|hong kong"
)
OTHER_CURRENCY = (
    rf"{EURO}|(?:\$\s*)?(?:cad|aud|nzd|sgd|hkd|mxn)|c\$|ca\$|a\$|chf|gbp|£|jpy|¥|inr|₹|brl|r\$|sek|nok|dkk|pln"
)
LOAD_UNIT = (
    r"(?:requests?|reqs?|peticiones|solicitudes|requetes|anfragen|zugriffe)\s*(?:per|/|por|par|pro)\s*"
    r"(?:second|sec|s|segundo|seconde|sekunde)|rps|req/s"
)
INJECTION = (
    r"ignore (?:all |the )?(?:previous|prior|above) (?:instructions|rules)|disregard (?:the )?"
    r"(?:previous|above)|ignora las instrucciones|ignore(?:z)? les instructions|ignoriere (?:alle )?"
    r"(?:vorherigen )?anweisungen|system prompt|jailbreak"
)

# Other names users give an attribute (its own name, "_" as a space or a hyphen, is always read).
_THROUGHPUT_UNITS = r"throughput units?|unidades de (?:rendimiento|throughput)|unites de debit|durchsatzeinheiten"
ATTR_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("retention", r"(?:message |log |object )?retention(?: period)?|retention[_ ]in[_ ]days"),
    ("backup", r"backups?(?:[_ ]retention)?(?:[_ ]period)?|backup[_ ]retention[_ ]period|sauvegardes?"
               r"|copias? de seguridad|respaldos?|sicherungen?|datensicherung"),
    ("partition_key", r"partition[_ ]key|hash[_ ]key|(?:clave|llave) de particion|cle de partition"
                      r"|partitions?-?schlussel|pk"),  # "pk user_id": the abbreviation single-table designs use
    ("sort_key", r"sort[_ ]key|range[_ ]key|(?:(?:clave|llave) )?de (?:ordenacion|ordenamiento)|cle de tri"
                 r"|sortier-?schlussel|sk"),
    ("replicas", r"desired[_ ]count|task[_ ]count|desired tasks"),
    ("nodes", r"num[_ ]cache[_ ]nodes|number of (?:cache )?nodes|node[_ ]count|cache[_ ]nodes"),
    ("health_path", r"health[_ ]check(?:[_ ]path)?"),
    ("public", r"publicly[_ ]accessible|public[_ ]access"),
    ("encryption", r"storage[_ ]encrypted|encrypted|server[_ -]side[_ ]encryption"),
    ("fifo", r"fifo[_ ](?:queue|topic)"),
    ("billing", r"billing[_ ]mode"),
    # "a chart pinned to 4.11.3", "épinglé à", "fijada en", "gepinnt auf"
    ("version", r"engine[_ ]version|pinned (?:to|at)|epinglee? (?:a|en)|fijad[oa] (?:a|en)|gepinnt auf"),
    ("storage", r"(?:allocated )?storage|allocated[_ ]storage"),
    ("max_receives", r"max(?:imum)?[_ ]?receives?(?: ?count)?|max[_ ]receive[_ ]count|receives|delivery attempts"
                     r"|(?:reintentos|intentos|tentatives|versuche|zustellversuche|retries)(?: max(?:imo|imum)?)?"),
    ("visibility_timeout", r"visibility[_ ]timeout(?:[_ ]seconds)?|visibility|visibilidad|visibilite"
                           r"|sichtbarkeits-?timeout|sichtbarkeit"),
    ("concurrency", r"(?:reserved )?concurrency|reserved[_ ]concurrent[_ ]executions|concurrencia(?: reservada)?"
                    r"|concurrence(?: reservee)?|parallelitat|nebenlaufigkeit|concurrent executions"
                    r"|simultaneous executions|gleichzeitige(?:n)? ausfuhrungen"
                    r"|ejecuciones (?:simultaneas|concurrentes)|executions (?:simultanees|concurrentes)"),
    ("pitr", r"point[- ]in[- ]time[- ]recovery|recuperacion a un punto en el tiempo|restauration a un instant"),
    ("rotation", r"(?:key |automatic )?rotation|rotacion(?: de claves)?|rotation des cles|schlusselrotation"
                 r"|rotierung"),
    ("access_logs", r"access[- ]logs?|access logging|(?:registros?|logs) de acceso|(?:journaux|logs) d'acces"
                    r"|zugriffsprotokolle?|zugriffslogs?"),
    ("flow_logs", r"(?:vpc )?flow logs?|registros? de flujo|journaux de flux"),
    ("log_validation", r"log(?: file)? validation|log file integrity|validacion de (?:los )?(?:logs|registros)"
                       r"|validation des (?:journaux|logs)|log-?validierung"
                       # the console's "log file validation" in each language: the files named
                       r"|validation des fichiers (?:journaux|de (?:log|logs|journalisation))"
                       r"|validacion de (?:los )?archivos de (?:log|logs|registro)"
                       r"|validierung der log-?dateien|log-?datei-?validierung"),
    ("monitoring", r"(?:detailed )?(?:monitoring|monitorizacion|monitoreo)(?: detaillee?| detallad[oa])?"
                   r"|surveillance detaillee|uberwachung"),
    ("auth", r"auth(?:entication)?|autenticacion|authentification|authentifizierung|fine[- ]grained access control"
             r"|(?:feingranulare[rnms]? )?zugriffskontrolle|control de acceso(?: detallado)?"
             r"|controle d'acces(?: fin)?"),
    ("https_only", r"https[- ]only|https (?:seulement|uniquement|solamente|only)|solo https|nur https"),
    # the same attributes in Spanish, French and German, and the names Terraform and consoles use
    ("port", r"puerto|port"),
    ("length", r"longitud|longueur|lange|caracteres|characters|chars|zeichen"),
    ("deletion_window", r"deletion window|ventana de (?:borrado|eliminacion)|fenetre de suppression|loschfrist"
                        r"|wartezeit (?:vor|bis zur) loschung"),
    ("multi_region", r"multi[- ]?region(?:al)?|all regions|todas las regiones|toutes les regions|alle regionen"),
    ("data_events", r"data events|eventos de datos|evenements de donnees|datenereignisse"),
    ("dashboard", r"dashboards?|panel(?:es)?|tablero|tableau de bord"),
    ("tracing", r"(?:x-?ray )?tracing|trazas|trazabilidad|tracage|ablaufverfolgung"),
    ("crawler", r"crawlers?|rastreador"),
    ("one_zone", r"(?:one|1)\s*[- ]\s*zone|una sola zona|une seule zone|eine zone"),
    ("isolation", r"(?:network )?isolation(?: reseau)?|aislamiento(?: de red)?|netzwerkisolierung|netzwerkisolation"),
    ("prometheus", r"(?:managed )?prometheus(?: gere| gestionado)?"),
    ("handler", r"handler|manejador|gestionnaire"),
    ("namespace", r"namespace|espacio de nombres|espace de noms"),
    ("workers", r"workers|trabajadores"),
    ("masters", r"(?:dedicated )?masters?|maestros?(?: dedicados)?|maitres?(?: dedies)?"
                r"|(?:dedizierte[nr]? )?master(?:-?knoten)?"),
    ("price_class", r"price[ _-]?class|preisklasse|clase de precio|classe de prix"),
    # Azure sizes Event Hubs (a stream, or Kafka's endpoint) in throughput units: the registry's
    # kafka.brokers and stream.shards say so
    ("brokers", rf"brokers?|brokern|{_THROUGHPUT_UNITS}"),
    ("shards", rf"shards?|partitions?|partitionen|particiones|fragmentos|{_THROUGHPUT_UNITS}"),
    ("instances", r"instances?|instancias|instanzen"),
    ("storage_class", r"storage[- ]?(?:class|klasse)|clase de almacenamiento|classe de stockage"),
    ("node_disk", r"node disks?|disco de (?:los )?nodos|disque (?:des )?noeuds"),
    ("transfer", r"egress|transfer(?:encia)?|trafic sortant|datentransfer"),
    ("throughput", r"throughput|debit|rendimiento|durchsatz|ru/s"),
    ("audience", r"audience|audiencia|publikum"),
    ("logs", r"logs|journaux|registros|protokolle"),
    ("logging", r"logging|journalisation|protokollierung"),
    ("throttle", r"throttl(?:e|ed|ing)|rate[- ]limit(?:ed|ing)?|drosselung|gedrosselt|begrenzt|limitiert"
                 r"|limitad[oa]|limitee?|limitation(?: de debit)?|limite de (?:debit|tasa|peticiones|requetes)"),
    ("issuer", r"issuer|emisor|emetteur|aussteller"),
    ("model_data", r"model (?:artifact|data)|artefact(?:o)?|artefakt"),
)
# attributes whose value may follow their name with nothing between, when the value ends the
# phrase: "partition key user_id", "clé de tri sk", "namespace ingress", "handler app.main"
BARE_STRING_ATTRS = ("partition_key", "sort_key", "namespace", "handler", "chart", "audience", "issuer",
                     "access_point", "model_data", "email")

# Names that carry their unit: "message_retention_seconds = 86400", "memory_size = 512" (MB)
ATTR_UNIT_NAMES: tuple[tuple[str, str, str], ...] = (
    ("retention", r"message[_ ]retention[_ ]seconds", "seconds"),
    ("visibility_timeout", r"visibility[_ ]timeout[_ ]seconds", "seconds"),
    ("memory", r"memory[_ ]size", "mb"),
)

# Other names for an attribute's value: (attribute, value, words)
_THROUGHPUT = r"throughput|debit|rendimiento|durchsatz"


def _either(mode: str) -> str:
    """ "elastic throughput", "throughput elastic", "mode de débit elastic", "elastischem Durchsatz"."""
    return (rf"(?:{mode})[\s-]+(?:{_THROUGHPUT})|(?:{_THROUGHPUT})(?: mode)?(?: (?:en |in |im )?modo?)?\s+(?:{mode})"
            rf"|(?:mode|modo|modus) (?:de |d')?(?:{_THROUGHPUT})\s+(?:{mode})")


def _term(years: int, what: str) -> str:
    """A commitment of `years` years in any order: "reserved for 1 year", "1-year reservation", "1yr
    reserved pricing", "Reserved Instances (1 Jahr Laufzeit)", "reservadas por 1 año", "1y savings plan".
    Number words are digits by then, padded ("one year" reads "1   year")."""
    n = rf"{years}\s*[- ]?(?:y|yrs?|years?|anos?|ans?|jahre?n?)(?![a-z])"
    return (rf"(?:{what})(?: instances?)?(?:[^.;:]|\.(?=[a-z0-9])){{0,24}}?"
            rf"(?:for |por |pour |sur |de |a |durante |auf |fur |uber |\()?{n}|{n}[- ](?:\w+[- ])?(?:{what})")


VALUE_SYNONYMS: tuple[tuple[str, str, str], ...] = (
    # Azure Blob access tiers: "cool tier", "nivel de acceso esporádico", "niveau d'accès froid",
    # "kalte Zugriffsebene"
    ("storage_class", "infrequent", r"cool (?:access )?tier|(?:tier|nivel)(?: de acceso)? (?:cool|esporadico)"
                                    r"|niveau (?:d'acces )?(?:cool|froid|rafraichi)"
                                    r"|(?:kalte[rnms]?|cool)[- ]?(?:zugriffsebene|tier|stufe)"),
    ("storage_class", "archive", r"archive (?:access )?tier|(?:nivel|tier)(?: de acceso)? (?:de )?archivo"
                                 r"|niveau (?:d'acces )?archive|archiv-?(?:zugriffsebene|tier|stufe)"),
    ("billing", "on_demand", r"pay[_ -]per[_ -]request|on[- ]demand|bajo demanda|a la demande|nach bedarf"),
    ("arch", "arm64", r"graviton\d?|arm-based|arm64|arm"),
    ("arch", "x86_64", r"x86(?:[_-]64)?|amd64"),
    ("type", "application", r"\balbs?\b|application load balancers?|application gateways?"
                            r"|balanceador(?:es)? (?:de carga )?(?:de )?aplicaci?on(?:es)?"
                            r"|equilibreurs? de charge (?:d')?applications?|equilibreurs? de charge applicatifs?"
                            r"|(?:anwendungs|application)-load-balancer"),
    ("type", "network", r"\bnlbs?\b|network load balancers?|balanceador(?:es)? de carga de red"
                        r"|equilibreurs? de charge (?:de )?reseau|(?:netzwerk|network)-load-balancer"),
    ("billing", "provisioned", r"provisioned|a?provisionad[oa]|provisionnee?|provisioniert|capacidad a?provisionada"
                               r"|bereitgestellte[rnms]? kapazitat"),
    # the standby half in each language: "actif/veille", "activo/en espera", "Aktiv/Standby", "aktiv-passiv"
    ("mode", "active_standby", r"(?:active|activo|actif|aktiv)[/ -](?:standby|passive|pasivo|passif|passiv"
                               r"|(?:en )?veille|(?:en )?espera)"),
    # a broker's deployment: "a 3-node cluster", "un cluster de 3 nœuds", "ein 3-Knoten-Cluster"
    ("mode", "cluster", r"cluster mode|modo (?:de )?cluster|mode cluster|cluster-modus"
                        # (number words are digits by now, padded: "three-node" reads "3    -node")
                        r"|\d+\s*[- ]\s*(?:node|knoten)[- ]cluster"
                        r"|clust(?:er|eres) (?:de |of |mit |avec |con )?\d+\s+(?:nodes|nodos|noeuds|knoten)"
                        r"|clust(?:er|eres) \(\d+\s+(?:nodes|nodos|noeuds|knoten)\)"),
    ("mode", "single", r"single[- ]instance|single[- ]node|(?:de )?una sola instancia|instancia unica"
                       r"|instance unique|une seule instance|einzelinstanz|einzelne[nr]? instanz"),
    # the mode's word before or after the throughput noun, in the request's language or in English
    ("throughput_mode", "elastic", _either(r"elastic|elastique|elastico|elastische[mnrs]?")),
    ("throughput_mode", "provisioned", _either(r"provisioned|provisionnee?|provisionado|bereitgestellte[mnrs]?")),
    ("performance", "max_io", r"max[ -]?i/?o"),
    ("purchase", "reserved_1y", _term(1, r"reserv\w*|ri|reservations?")),
    ("purchase", "reserved_3y", _term(3, r"reserv\w*|ri|reservations?")),
    ("purchase", "savings_plan_1y", _term(1, r"savings[- ]plans?|plan(?:es)? de ahorro|plans? d'economies|sparplan")),
    ("purchase", "savings_plan_3y", _term(3, r"savings[- ]plans?|plan(?:es)? de ahorro|plans? d'economies|sparplan")),
    ("auth", "jwt", r"jwt"),
    # an API anyone may call: "anonymous access", "acceso anónimo", "accès anonyme", "anonymer Zugriff"
    ("auth", "none", r"anonymous (?:access|calls|callers|invocations?)|(?:acceso|llamadas?) anonim[oa]s?|acces anonyme"
                     r"|appels? anonymes?"
                     r"|anonyme[rnms]? (?:zugriff|zugang|aufruf)"),
    # an API called with SigV4: "IAM auth", "autenticación IAM", "authentification IAM", "IAM-Auth"
    ("auth", "iam", r"iam[ -]auth(?:entication|orizer)?|sigv4|(?:autenticacion|authentification|authentifizierung)"
                    r" (?:por |par |via )?iam"),
    ("auth", "scram", r"scram"),
    ("price_class", "PriceClass_All", r"(?:price class|classe de prix|clase de precio)[^,;.]{0,12}?"
                                      r"(?:all|toutes les regions|todas las regiones)"),
    ("price_class", "PriceClass_100", r"(?:price class|classe de prix|clase de precio) 100"),
    ("price_class", "PriceClass_200", r"(?:price class|classe de prix|clase de precio) 200"),
)

# Requests the DSL cannot state yet: reported under "not understood", never dropped silently.
INEXPRESSIBLE: tuple[tuple[str, str], ...] = (
    (
        r"(?:skip(?:s|ping)?|without|no|sin|sans|ohne) (?:the |a |un |une |el |la |le |den )?final snapshot"
        r"|final[_ ]snapshot|skip_final_snapshot|instantanea final|instantane final|finalen? snapshot",
        "final snapshot: the DSL has no setting for it; deletion protection stays on",
    ),
    (
        r"max(?:imum)?[_ ]allocated[_ ]storage|max(?:imum)? storage|storage autoscaling",
        "storage autoscaling: the DSL has no maximum storage; `storage` is the allocated size",
    ),
    (
        r"storage[_ ]type\s*(?:=|:|of|is)?\s*(?:gp2|gp3|io1|io2|standard)|(?:gp2|io1|io2) storage",
        "storage type of a database: the DSL has no setting for it",
    ),
    (UNSUPPORTED_SERVICES, "the DSL has no kind for this service"),
    (r"aurora serverless(?: v?[12])?|serverless (?:databases?|postgres(?:ql)?|mysql)",
     "a serverless database: the DSL's database is provisioned (an instance class)"),
    (r"read replicas?|replicas? de lectura|repliques? (?:en|de) lecture|lesereplikate?",
     "read replicas: the DSL has no replica databases (`multi_az` is a standby, not a reader)"),
    (
        r"iso[- ]?/?(?:iec[- ])?2700[0-9]|iso[- ]?27017|iso[- ]?27018|fedramp(?: (?:moderate|high|low))?"
        r"|nist(?: sp)?(?: 800-53| 800-171| csf)?|cis benchmarks?|ccpa|lgpd|pipeda|sox|sarbanes[- ]oxley|ferpa|glba"
        r"|cjis|itar|nis ?2|bsi[- ]?c5|dora regulation|(?:hebergement )?certifie hds|hds",
        "a compliance framework the DSL has no rules for (it knows hipaa, pci_dss, soc2, gdpr)",
    ),
    (r"step[- ]functions?", "Step Functions: the DSL has no state machines"),
    (r"(?:ecr |elastic )?container registr(?:y|ies)|ecr|registros? de contenedores|registres? de conteneurs",
     "container registry: the DSL has no kind for it; a service names its `image`"),
)

# a queue said to be standard is not FIFO: "a standard queue", "file SQS standard", "Standard-Queue"
STANDARD_QUEUE = (
    r"standard (?:sqs )?queues?|(?:sqs )?queues? \(?standard\)?|colas? (?:sqs )?estandar|files? (?:sqs )?standard"
    r"|standard-(?:queue|warteschlange)"
)

# "a bucket called raw-events", "una cola llamada pedidos": the physical `name`
NAMED = (
    r"(?:called|named|with the name|nombrad[oa]|llamad[oa]|con el nombre|appelee?|nommee?|du nom de"
    r"|namens|mit dem namen|genannt"
    # the naming verb in a relative clause: "que se llame", "qui s'appelle", "der heißt"
    r"|que se (?:llame|llama|llamara)|qui s'appell?e(?:ra)?|(?:der|die|das) (?:heis?st|heis?sen soll))"
    r"\s+[\"'`]?([a-z0-9][a-z0-9._-]*[a-z0-9])[\"'`]?"
)

# ------------------------------------------------------------------ function words ----------------
# One table per concept, per language, every gender/number form (accent-free). The NL modules build
# their patterns from these with `alt()`; tests/nl/test_no_word_lists.py fails when a module
# declares its own copy (the copies had drifted: one knew "keines", another not).


def words(*tables: dict[str, tuple[str, ...]] | tuple[str, ...]) -> frozenset[str]:
    """Every entry of the given tables (per-language dicts or plain tuples), for token checks."""
    return frozenset(w for t in tables for ws in (t.values() if isinstance(t, dict) else (t,)) for w in ws)


def alt(*tables: dict[str, tuple[str, ...]] | tuple[str, ...]) -> str:
    """A regex alternation of every entry of the given tables, longest first (so "pas de" is tried
    before "pas"); multi-word entries keep their spaces."""
    return "|".join(re.escape(w).replace("\\ ", " ") for w in sorted(words(*tables), key=lambda w: (-len(w), w)))


# negation particles and adverbs: "not public", "no es pública", "non chiffré", "nicht öffentlich"
NEGATORS: dict[str, tuple[str, ...]] = {
    "en": ("not", "no", "never"),
    "es": ("no", "nunca", "jamas"),
    "fr": ("non", "pas", "ne pas", "jamais"),
    "de": ("nicht", "nie", "niemals"),
}
# a negation joined to its word by a hyphen: "non-FIFO", "no-FIFO", "nicht-öffentlich", "un-encrypted"
NEGATION_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("non", "no", "un"), "es": ("no",), "fr": ("non",), "de": ("nicht", "un"),
}
# the preposition of absence: "without", "sin", "sans", "ohne"
WITHOUT: dict[str, tuple[str, ...]] = {"en": ("without",), "es": ("sin",), "fr": ("sans",), "de": ("ohne",)}
# a determiner that denies its noun: "no queue", "ninguna cola", "aucune file", "keine Queue" (every case)
NO_DETERMINERS: dict[str, tuple[str, ...]] = {
    "en": ("no",),
    "es": ("ningun", "ninguna", "ni"),
    "fr": ("aucun", "aucune", "pas de", "pas d'", "ni"),
    "de": ("kein", "keine", "keinen", "keiner", "keinem", "keines"),
}
# definite articles
ARTICLES: dict[str, tuple[str, ...]] = {
    "en": ("the",),
    "es": ("el", "la", "los", "las"),
    "fr": ("le", "la", "les", "l'"),
    "de": ("der", "die", "das", "den", "dem"),
}
# the articles before a change word that make it a change of a resource already named ("the changes",
# "el cambio", "der Änderungs-"): narrower than ARTICLES on purpose; with "la"/"les" the Spanish
# "que la lambda se dispare con cada cambio" reads the function as one already named, and none is made
REFERRING_ARTICLES: dict[str, tuple[str, ...]] = {
    "en": ("the",), "es": ("el",), "fr": ("le",), "de": ("der", "den", "dem", "die", "das"),
}
# a preposition and a definite article in one word: "del contenedor", "du conteneur", "vom Cluster" (French "des"
# is left out: it is also the indefinite plural, "des conteneurs")
CONTRACTED_ARTICLES: dict[str, tuple[str, ...]] = {
    "es": ("del", "al"), "fr": ("du", "au", "aux"), "de": ("zum", "zur", "vom", "im", "am", "beim"),
}
# plural definite articles: "the queues", "los/las", "les", "die" (a group named as a whole)
PLURAL_ARTICLES: dict[str, tuple[str, ...]] = {"en": ("the",), "es": ("los", "las"), "fr": ("les",), "de": ("die",)}
# "one" as a pronoun or numeral: "one of them", "una de ellas", "l'une", "eine davon", "eins"
ONE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("one",),
    "es": ("uno", "una", "un"),
    "fr": ("un", "une", "l'un", "l'une"),
    "de": ("eins", "ein", "eine", "einer", "eines", "einen", "einem"),
}
# indefinite articles
INDEFINITE: dict[str, tuple[str, ...]] = {
    "en": ("a", "an"),
    "es": ("un", "una"),
    "fr": ("un", "une"),
    "de": ("ein", "eine", "einen", "einem", "einer", "eines"),
}
# partitive and contracted determiners: "del", "du", "des logs", "de la"
PARTITIVES: dict[str, tuple[str, ...]] = {
    "es": ("de", "del"),
    "fr": ("du", "des", "de", "de la", "d'"),
}
# any determiner that may stand between a verb and its noun ("skip THE dashboard", "omitir EL", "ANY cache")
DETERMINERS: tuple[str, ...] = ("any", *sorted(words(ARTICLES, INDEFINITE, PARTITIVES)))
# a switch's state said after it: "logging enabled", "acceso deshabilitado", "Zugriff aus"
SWITCHED_ON: dict[str, tuple[str, ...]] = {
    "en": ("enabled", "on"),
    "es": ("habilitado", "habilitada", "habilitados", "habilitadas", "activado", "activada", "activados", "activadas"),
    "fr": ("active", "activee", "actives", "activees"),
    "de": ("aktiviert", "an", "eingeschaltet"),
}
SWITCHED_OFF: dict[str, tuple[str, ...]] = {
    "en": ("disabled", "off"),
    "es": ("deshabilitado", "deshabilitada", "deshabilitados", "deshabilitadas",
           "desactivado", "desactivada", "desactivados", "desactivadas"),
    "fr": ("desactive", "desactivee", "desactives", "desactivees"),
    "de": ("deaktiviert", "aus", "ausgeschaltet"),
}
# a bare answer "no" to a question: "Public access? No.", "¿Cola? Para nada", "Öffentlich? Nein"
ANSWER_NO: dict[str, tuple[str, ...]] = {
    "en": ("no", "nope", "never", "none", "not really"),
    "es": ("no", "nunca", "nada", "para nada", "ninguno"),
    "fr": ("non", "jamais", "rien", "pas vraiment"),
    "de": ("nein", "niemals", "auf keinen fall", "eher nicht"),
}
# the tables above as ready alternations, for patterns that take one as a whole
ARTICLE_RE = alt(ARTICLES)
INDEFINITE_RE = alt(INDEFINITE)
DETERMINER_RE = alt(DETERMINERS)
