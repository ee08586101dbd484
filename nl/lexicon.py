"""Words the offline translator understands, in English, Spanish, French and German.

Patterns run on accent-free lower-case text (see offline.normalize), so "réplicas" is "replicas"
and "Schlüssel" is "schlussel". One table per concept; the translator holds no vocabulary itself.
"""

from __future__ import annotations

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

# (kind, variant, pattern, weak). Weak mentions ("worker") give way to a neighbouring strong one.
# kind None: a phrase that must not be read as a kind ("web application firewall").
MENTIONS: tuple[tuple[str | None, str | None, str, bool], ...] = (
    (None, None, r"web application firewall|waf|application firewall", False),
    (None, None, r"inside the network|within the network|dentro de la red|dans le reseau|im netzwerk", False),
    (None, None, r"instance types?|tipo de instancia|type d'instance", False),
    # words that contain a kind's name but are not that kind: parts of another noun phrase, a verb,
    # a file name ("route table", "cache static assets", "lambda.js", "security group")
    (
        None,
        None,
        r"route tables?|routing tables?|tablas? de rut(?:as|eo)|tables? de routage|routentabellen?"
        r"|security groups?|target groups?|internet gateways?|nat gateways?|subnet groups?"
        r"|grupos? de seguridad|groupes? de securite|sicherheitsgruppen?"
        r"|cach(?:e|es|ing) (?:static|the|our|your|its|all|images|assets|content|responses|files|pages)"
        r"(?: assets| files| content| pages| images| responses)?"
        r"|[a-z0-9_-]+\.(?:js|mjs|cjs|ts|py|java|go|rb|zip|jar|json|ya?ml|tf|sh|txt|csv)(?![a-z0-9])",
        False,
    ),
    (
        None,
        None,
        r"encrypted|encryption|cifrad[oa]s?|cifrado|chiffree?s?|chiffrement|verschlusselt"
        r"|verschlusselung",
        False,
    ),
    (
        "secret",
        None,
        r"(?:database |db |stripe |third[- ]party )?passwords?|(?:stripe |third[- ]party )?api[- ]keys?"
        r"|secrets?(?: manager)?|secretos?|contrasenas?(?: de (?:la )?base de datos)?|mots? de passe"
        r"|passworter|passwort|geheimnisse?|claves? de api|cles? d'api|api-schlussel",
        False,
    ),
    (
        "queue",
        "dlq",
        r"dead[- ]letter(?: queues?)?|dlqs?|colas? de mensajes fallidos|files? de lettres mortes"
        r"|dead-letter-queues?",
        False,
    ),
    (
        "bucket",
        None,
        r"aws_s3_bucket|s3[- ]buckets?|s3|buckets?|object storage|blob storage|blob containers?|blobs?"
        r"|storage accounts?|almacenamiento de objetos|stockage (?:d')?objets?|objektspeicher",
        False,
    ),
    # "a mySQL instance" is one database, not a database and a VM; "PostgresSQL" is a common spelling
    (
        "database",
        "postgres",
        r"(?:aurora |rds |amazon rds for )?(?:postgres(?:s?ql)?|postgre|psql)(?: (?:db |database )?instances?)?",
        False,
    ),
    ("database", "mysql", r"(?:aurora |rds |amazon rds for )?mysql(?: (?:db |database )?instances?)?", False),
    ("database", "mariadb", r"(?:rds )?(?:mariadb|maria db)(?: (?:db |database )?instances?)?", False),
    (
        "database",
        None,
        r"aws_db_instance|aws_rds_cluster|(?:rds|db|database) instances?|instancias? (?:de )?(?:rds|bases? de datos)"
        r"|relational databases?|databases?|rds|bases? de datos|bases? de donnees|base(?= postgres|"
        r" mysql| mariadb| sql| relationnelle)|datenbank(?:en)?|sql servers?|\bdbs?\b",
        False,
    ),
    ("cache", "redis", r"(?:elasticache (?:for )?)?redis(?: (?:cache )?(?:clusters?|instances?|nodes?))?", False),
    ("cache", "memcached", r"(?:elasticache (?:for )?)?memcached?(?: (?:clusters?|instances?))?", False),
    ("cache", "valkey", r"(?:elasticache (?:for )?)?valkey(?: (?:clusters?|instances?))?", False),
    (
        "cache",
        None,
        r"aws_elasticache_(?:cluster|replication_group)|elasticache(?: (?:clusters?|instances?))?|caches?"
        r"|in-memory cache|cache en memoria",
        False,
    ),
    (
        "table",
        None,
        r"aws_dynamodb_table|dynamodb(?:[- ]tables?)?|dynamo|cosmos ?db|nosql tables?|key[- ]value tables?|tables?"
        r"|tablas?|tabellen?",
        False,
    ),
    (
        "queue",
        None,
        r"aws_sqs_queue|sqs(?:[- ]queues?)?|service bus queues?|message queues?|queues?|colas?|files? d'attente"
        r"|files?(?= sqs)|warteschlangen?|sqs-warteschlangen?",
        False,
    ),
    (
        "topic",
        None,
        r"sns(?:[- ]topics?)?|pub/?sub topics?|topics?|event grid|temas?(?= sns)|sujets?(?= sns)"
        r"|service bus topics?",
        False,
    ),
    (
        "function",
        None,
        r"lambdas?(?:[- ]functions?|[- ]funktion(?:en)?)?|azure functions?|function apps?"
        r"|serverless functions?|functions?|funcion(?:es)?(?: lambda| serverless)?"
        r"|fonctions?(?: serverless| lambda)?"
        r"|funktion(?:en)?|cloud functions?",
        False,
    ),
    (
        "load_balancer",
        None,
        r"aws_lb|aws_alb|application load balancers?|network load balancers?|load[- ]balancers?|albs?|nlbs?"
        r"|elbs?|application gateway|balanceador(?:es)? de carga|repartiteurs? de charge|lastverteiler"
        r"|load-balancer",
        False,
    ),
    ("cdn", None, r"cdn|cloudfront|front door|content delivery network|red de entrega de contenidos", False),
    (
        "audit",
        None,
        r"cloudtrail|audit(?:[- ]logs?|[- ]trail|[- ]logging)?|activity logs?|registros? de auditoria"
        r"|auditoria|journal d'audit|journaux d'audit|audit-logs?|prufprotokolle?",
        False,
    ),
    (
        "key",
        None,
        r"kms[- ]keys?|kms|customer[- ]managed keys?|encryption keys?|key vault(?: keys?)?"
        r"|claves? kms|claves? propias?|clave de cifrado|cles? kms|coffres? de cles|cle de chiffrement"
        r"|kms-schlussel|schlussel|own keys?|keys?",
        False,
    ),
    (
        "network",
        None,
        r"aws_vpc|vpcs?|vnets?|virtual networks?|private networks?|networks?|subnets?|redes? privadas?"
        r"|reseaux? prives?|netzwerk(?:e)?|subredes?|sous-reseaux",
        False,
    ),
    (
        "service",
        None,
        r"containeri[sz]ed (?:apis?|services?|apps?)|container apps?|container[- ]services?"
        r"|container-dienste?|containers?|microservices?|micro-services?|microservicios?|web ?apps?|web-apps?"
        r"|web applications?|aplicaci?on(?:es)? web|applications? web|app service|fargate|ecs services?"
        r"|\bapis?\b"
        r"|contenedor(?:es)?|conteneurs?|conteneurisee?s?|containerisierte?n? apis?|websites? dynamiques?"
        r"|webanwendungen?|web services?|rest apis?|graphql apis?|frontends?",
        False,
    ),
    # weak: a resource only when the request names no service outright ("a mobile game backend")
    ("service", None, r"workers?|trabajador(?:es)?|backend services?|backends?", True),
    (
        "vm",
        None,
        r"virtual machines?|maquinas? virtuales|machines? virtuelles?|virtuelle maschinen?|\bvms?\b"
        r"|ec2(?: instances?)?|instances?|instancias?|servers?|servidor(?:es)?|serveurs?|bastion(?: hosts?)?"
        r"|hosts?|jump ?boxe?s?",
        False,
    ),
)

# a service mention that names copies ("4 containers") or only the platform ("a container service")
CONTAINER_WORDS = r"containers?|contenedores|conteneurs|container|tasks?"
SERVICE_PLATFORM = (
    r"container[- ]services?|ecs services?|fargate|container apps?|app service|containers?|contenedor(?:es)?"
    r"|conteneurs?|container-dienste?"
)

VM_TYPE = r"\b(?:[a-z][0-9][a-z0-9-]*\.(?:nano|micro|small|medium|large|xlarge|[0-9]+xlarge|metal))\b"
AZURE_VM_TYPE = r"\bstandard_[a-z0-9]+(?:_[a-z0-9]+)*\b"
DB_TYPE = r"\bdb\.[a-z0-9-]+\.[a-z0-9]+\b"
CACHE_TYPE = r"\bcache\.[a-z0-9-]+\.[a-z0-9]+\b"

COMPLIANCE: tuple[tuple[str, str], ...] = (
    ("hipaa", r"hipaa|hitrust"),
    ("pci_dss", r"pci(?:[- ]?dss)?"),
    ("soc2", r"soc[- ]?(?:2|ii)"),
    ("gdpr", r"gdpr|rgpd|dsgvo"),
)

CLOUD_STRONG: tuple[tuple[str, str], ...] = (
    ("gcp", r"\bgcp\b|google cloud(?: platform)?"),
    ("azure", r"azure|microsoft cloud"),
    ("aws", r"aws|amazon web services|amazon"),
)
CLOUD_HINTS: tuple[tuple[str, str], ...] = (
    (
        "aws",
        r"s3|lambdas?|dynamodb|sqs|sns|cloudfront|cloudtrail|fargate|ec2|rds|kms|elasticache|aurora|\balb\b|vpc"
        r"|\bnlb\b|ecs",
    ),
    (
        "azure",
        r"key vault|service bus|blob storage|cosmos ?db|app service|container apps?|function apps?"
        r"|front door|application gateway|storage accounts?|vnet",
    ),
)

ENVIRONMENTS: tuple[tuple[str, str], ...] = (
    ("dev", r"\bdev\b|development|desarrollo|developpement|entwicklung(?:s?umgebung)?|sandbox"),
    ("staging", r"staging|pre-?production|preproduccion|preprod|vorproduktion"),
    ("test", r"\btest(?:ing)?\b|\bqa\b|pruebas|de test|testumgebung"),
    ("prod", r"\bproduction\b|\bprod\b|produccion|produktion"),
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
    r"kept|keep|retain(?:ed)?|retention|stored? for|guarde|guardar|conserv|retencion|aufbewahr"
    r"|object[- ]lock|bloqueo|verrouill"
)
KW_EXPIRE = r"delet|expir|borra|elimina|supprim|losch|purge"
KW_ARCHIVE = r"archiv(?:e|ed|ing)? after|move to glacier|archivar despues|archiver apres"
KW_ROTATE = r"rotat|rota|rotier|renouvel"
KW_DISK = r"disks?|discos?|disques?|festplatten?|volumes?|ebs|speicherplatz je"
KW_MEMORY = r"memory|ram|memoria|memoire|arbeitsspeicher|speicher"
KW_STORAGE = r"storage|almacenamiento|stockage|speicher"
KW_TIMEOUT = r"timeout|time-?out|tiempo de espera|delai|zeitlimit"

PUBLIC = (
    r"public|publicly accessible|publico|publica|publicos|publicas|publique|publiques|publics"
    r"|offentlich(?:e|er|en|es|em)?|internet[- ]facing|exposed to the internet"
)
PRIVATE = (
    r"private|privado|privada|prive|privee|privat(?:e|er|en|es|em)?|not public|no publico|non public"
    r"|nicht offentlich"
)
INTERNAL = r"internal|interno|interne|intern|only talks inside the network|inside the network|private api"
HTTPS = r"over https|via https|exposed over https|https"
MULTI_AZ = (
    r"multi[- ]?az|high availability|highly available|alta disponibilidad|haute disponibilite"
    r"|hochverfugbar(?:keit)?|multi-zone"
)
VERSIONING = r"versioning|versioned|versionado|versionnage|versionierung|versioniert"
# The polarity rule (docs/generate.md): a negation right before a setting ("non publique", "sin
# versionado", "ohne Verschlüsselung", "keine öffentliche") or right after it ("versioning
# disabled", "versionado deshabilitado", "Versionierung deaktiviert") turns it around; accents are
# already stripped and every gender/number form is listed.
NEGATION_BEFORE = (
    r"not|no|non|never|without|sin|sans|ohne|nicht|kein|keine|keinen|keiner|keinem|keines|nunca|jamais"
    r"|pas de|pas|ni|disable|disabled|turn off|switch off|desactiva|desactivar|deshabilita|deshabilitar"
    r"|desactiver|desactivez|deaktiviere|deaktivieren|deaktiviert"
)
NEGATION_AFTER = (
    r"disabled|off|turned off|switched off|false|not enabled|deshabilitad[oa]s?|desactivad[oa]s?"
    r"|desactivee?s?|deaktiviert|ausgeschaltet|aus|no habilitad[oa]s?|non activee?s?|nicht aktiviert"
)
ENCRYPTION = (
    r"encrypted|encryption|encrypt|cifrad[oa]s?|cifrado|encriptad[oa]s?|chiffree?s?|chiffrement"
    r"|verschlusselt(?:e|er|en|es|em)?|verschlusselung"
)
UNENCRYPTED = r"unencrypted|sin cifrar|non chiffree?s?|unverschlusselt(?:e|er|en|es|em)?"
TLS = r"tls|ssl|in[- ]transit encryption|cifrado en transito|chiffrement en transit"
DELETION_PROTECTION = (
    r"deletion protection|proteccion contra (?:el )?borrado|protection contre la suppression|loschschutz"
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
)
PER_MONTH = (
    r"(?:a|per|/|each|every)\s*(?:month|mo)\b|monthly|al mes|por mes|mensual(?:es)?|par mois|/mois"
    r"|mensuels?|im monat|pro monat|monatlich|/monat"
)
CURRENCY = r"\$|usd|us dollars?|dollars?|dolares|dollar"
EURO = r"€|eur|euros?"
LOAD_UNIT = (
    r"(?:requests?|reqs?|peticiones|solicitudes|requetes|anfragen|zugriffe)\s*(?:per|/|por|par|pro)\s*"
    r"(?:second|sec|s|segundo|seconde|sekunde)|rps|req/s"
)
INJECTION = (
    r"ignore (?:all |the )?(?:previous|prior|above) (?:instructions|rules)|disregard (?:the )?"
    r"(?:previous|above)|ignora las instrucciones|ignore(?:z)? les instructions|ignoriere (?:alle )?"
    r"(?:vorherigen )?anweisungen|system prompt|jailbreak"
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
)

# "a bucket called raw-events", "una cola llamada pedidos": the physical `name`
NAMED = (
    r"(?:called|named|with the name|nombrad[oa]|llamad[oa]|con el nombre|appelee?|nommee?|du nom de"
    r"|namens|mit dem namen|genannt)\s+[\"'`]?([a-z0-9][a-z0-9._-]*[a-z0-9])[\"'`]?"
)
