"""Kind words that ask for no resource (issue 14, resource precision): a resource the request
turns down in so many words.

mentions.negated reads a negation right before a kind's word ("no cache", "keine Queue"). These
read the other ways people turn one down, in all four languages:
- after the word: "Aurora no, RDS MySQL", "Redis: non.", "a cache is not needed", "Redis no hace
  falta", "le cache n'est pas necessaire", "ein Cache ist nicht notig";
- a verb of need, negated: "we don't need a queue", "pas besoin de file", "no necesitamos una cola";
- a substitute: "instead of a queue", "en lugar de una cola", "au lieu d'une file", "statt einer Queue".
"""

from __future__ import annotations

import functools
import re
from typing import Any

from autodeploy.compiler.kinds import KINDS, kinds_with, kinds_with_attr

from . import kind_roles as roles
from . import lexicon as lx
from . import mentions as mx
from .lexicon import CONTAINER_WORDS, HOSTING_WORDS, NODE_WORDS

_DETERMINER = rf"(?:(?:{lx.alt(lx.DETERMINERS)})\s*)?"
# "instead of", "don't need": what comes right before the word (one modifier may sit between)
_DENY_BEFORE = re.compile(
    r"(?:^|[^a-z'])(?:instead of|rather than|in place of|en (?:lugar|vez) de|au lieu d[e']|plutot qu[e']"
    r"|a la place d[e']|(?:an)?statt|anstelle(?: von)?"
    r"|(?:do|does|did)(?:n't| not) (?:need|want|require)|no need (?:for|of)|without the need for"
    r"|no (?:necesit\w+|quer\w+|hace(?:n)? falta)|sin necesidad de"
    r"|pas besoin d[e']|(?:n'|ne )?(?:avons|avez|a|ont) pas besoin d[e']|ne (?:veut|voulons|voulez) pas d[e']"
    r"|(?:brauchen|benotigen|wollen|mochten)(?: wir| sie)? (?:auch )?(?:kein\w*|nicht)"
    r")(?:\s+|(?<='))" + _DETERMINER + r"(?:[a-z0-9-]+\s+)?$"
)
# what comes right after it: "Aurora no,", "Redis: non.", "a cache is not needed"
_DENY_AFTER = re.compile(
    rf"\s*:?\s*(?:{lx.alt(lx.ANSWER_NO)}|nicht)\s*(?:[,;.!?)]|$)"
    r"|\s+(?:is|are|was)(?: not|n't) (?:needed|required|necessary|wanted)|\s+not (?:needed|required|necessary)"
    r"|\s+no (?:es |son )?(?:necesari[oa]s?|requerid[oa]s?)|\s+no (?:hace|hacen) falta|\s+sobra"
    r"|\s+(?:n'est|ne sont) pas (?:necessaire|utile|requis|voulu)e?s?"
    r"|\s+(?:ist|sind|wird|werden) nicht (?:notig|noetig|erforderlich|benotigt|gebraucht|gewunscht)"
)


def denied(norm: str, start: int, end: int) -> bool:
    """Whether the kind's word at [start, end) is turned down ("instead of a queue", "Aurora no",
    "a cache is not needed"): no resource of it is asked for."""
    head = norm[max(0, start - 50) : start]
    head = re.split(r"[,;:.!?()\n]", head)[-1]
    return bool(_DENY_BEFORE.search(head) or _DENY_AFTER.match(norm, end))


_FRAMEWORKS = r"soc ?2|hipaa|pci(?:[- ]dss)?|iso ?27001|gdpr|rgpd|dsgvo"
# Phrases whose words hold a kind's word but name no resource (they only guard their words), in the
# four languages: a key that encrypts nothing ("SSH-Schlussel", "cle de partition", "clave SSH"),
# S3's server access logging (its "server" is no VM)
GUARDS = (
    r"(?:ssh|partition|partitions|sortier|sort|primar|lizenz)[- ]?schlussel(?:n)?"
    r"|(?:claves?|llaves?) (?:ssh|de (?:particion|ordenacion|ordenamiento)|primarias?|de licencia)"
    r"|cles? (?:ssh|de (?:partition|tri)|primaires?|de licence)",
    r"(?:server|servidor|serveur)[- ]access[- ]log(?:s|ging)?|(?:registros?|journaux|journal) d[e'] ?acces (?:al|au) "
    r"(?:servidor|serveur)",
    # a network's routes, not a table: "Routing-Tabelle", "tabla de enrutamiento"
    r"rout(?:ing|en)[- ]?tabellen?|tablas? de enrutamiento",
    # a compliance audit, not an audit trail: "SOC 2 audit", "auditoria SOC 2", "Prufung nach HIPAA"
    rf"(?:audits?|auditorias?|auditoria|prufungs?)\s+(?:(?:nach|de|du|for|para|pour)\s+)?(?:{_FRAMEWORKS})"
    rf"|(?:{_FRAMEWORKS})[- ](?:audits?|auditorias?|prufungs?)",
    # an instance's detailed monitoring, not a monitor ("monitoring detaille desactive")
    r"(?:monitoring|surveillance|supervision) (?:detaillee?|avancee?|de base)",
    # what is encrypted, not a secret: "secrets encryption on" (a cluster's envelope encryption)
    r"secrets?[- ]encryption|cifrado de (?:los )?secretos|chiffrement des secrets|secrets?-verschlusselung",
    # a cluster's API endpoint in es/fr word order ("endpoint API non public", "el endpoint de la API")
    r"endpoints? (?:(?:de l'|de la |del |der )?api)|points? de terminaison (?:de l')?api"
    r"|punto de acceso (?:de la )?api",
    # encryption on the server's side, not a server: "server-side encryption", "cote serveur"
    r"server[- ]side(?: encryption)?|(?:cifrado )?del lado del servidor|(?:chiffrement )?cote serveur"
    r"|serverseitige?[nrs]?|sse-(?:s3|kms|c)",
    # a verb after its subject: "a Lambda that caches rates in memory", "a job which queues work"
    r"(?<=\bthat )(?:cach|queu)(?:es|ed)|(?<=\bwhich )(?:cach|queu)(?:es|ed)|(?<=\bit )(?:cach|queu)(?:es|ed)",
)


def absorb(into: Any, m: Any) -> None:
    """`m` is `into` named again: its words, engine, instance type and settings join it (as the
    merge of adjacent mentions does), so "for the server t3.large" keeps the type."""
    into.extra.append((m.start, m.end))
    into.extra.extend(m.extra)
    into.variant = into.variant or m.variant
    into.instance = into.instance or m.instance
    into.sets = {**m.sets, **into.sets}
    into.weak = into.weak and m.weak


def _same_variant(a: Any, b: Any) -> bool:
    """Whether two mentions may be one resource: a dead-letter queue is never the queue it serves."""
    if (a.variant == "dlq") != (b.variant == "dlq"):
        return False
    return a.variant is None or b.variant is None or a.variant == b.variant


_DEF = rf"(?:(?:{lx.ARTICLE_RE}|its|su|son|sa|sein(?:e|en|em)?|ihr(?:e|en|em)?)\s+|l')"
_KEPT_IN = re.compile(
    rf"(?:^|[^a-z])(?:(?:in|im|into|inside|en|dans|auf)\s+{_DEF}?"
    # "the Twilio API key stored as a secret", "das Passwort als Secret", "comme secret"
    rf"|(?:as|als|comme|como|en tant que)\s+(?:(?:{lx.INDEFINITE_RE})\s+)?"
    # "a secret for the admin password", "a secret holding the Postgres admin password"
    rf"|(?:for|fur|para|pour|holding|containing|storing|with|que contiene|qui contient|mit)\s+{_DEF}"
    r"(?:[a-z0-9]+[\s-]+){0,2})$"
)
_BREAK = re.compile(
    r"[;:!?\n]|\.(?![a-z0-9])|(?<![a-z])(?:and|y|e|et|und|or|o|ou|oder|plus|also|then|as well as)(?![a-z])")


def kept_in(norm: str, keep: list[Any]) -> list[Any]:
    """ "an API key for Stripe in Secrets Manager", "queue the orders in SQS", "une cle pour la base
    dans Key Vault": a kind's word after "in" (no article of its own, or "the") in the clause of a
    mention of the same kind names where that one is kept, not one more."""
    out: list[Any] = []
    for m in keep:
        prev = next((p for p in reversed(out) if p.kind == m.kind), None)
        if (prev is not None and _KEPT_IN.search(norm[max(0, m.start - 45) : m.start])
                and not _BREAK.search(norm[max([prev.end] + [e for _, e in prev.extra]) : m.start])
                and _same_variant(prev, m)):
            absorb(prev, m)
            continue
        out.append(m)
    return out


_HOLDS = re.compile(
    rf"\s+(?:for|fur|para|pour|holding|storing|to (?:store|hold|keep)|para (?:guardar|almacenar)"
    rf"|pour (?:stocker|garder|conserver)|zum (?:speichern|ablegen)(?: von)?)\s+{_DEF}?(?:[a-z0-9]+[\s-]+){{0,2}}$"
)


def _vault_kept(kind: str) -> bool:
    """A kind kept in a vault like a key: one rotated like a key (a secret), per the registry; a
    store a vault's key encrypts ("a Key Vault for the storage account") is not kept in it."""
    return KINDS[kind].attr("rotation") is not None


def vaults_of_others(norm: str, keep: list[Any]) -> list[Any]:
    """ "a Key Vault for the SFTP password", "un Key Vault para guardar el secreto", "ein Key Vault
    fur das API-Passwort": a key kind's weak word (a vault) holding a resource of another kind kept
    in vaults, named right after it, is where that one is kept, not a key of its own."""
    out: list[Any] = []
    for i, m in enumerate(keep):
        nxt = keep[i + 1] if i + 1 < len(keep) else None
        if (m.weak and m.kind in roles.KEYS and nxt is not None and nxt.kind != m.kind and not nxt.weak
                and _vault_kept(nxt.kind) and _HOLDS.fullmatch(norm[m.end : nxt.start])):
            continue
        out.append(m)
    return out


# What a resource stores or hands out, not the resource: "VM snapshots", "database dumps",
# "container images", "API responses", "Datenbank-Backups", "les images des conteneurs". Accent-free.
# Not "version" ("Redis version 7.2" is the resource itself), nor what a kind makes by itself
# ("SNS notifications", "CloudTrail logs", "CloudWatch metrics").
_ARTIFACTS = (
    r"snapshots?|dumps?|images?|backups?|exports?|urls?|packages?|artifacts?|responses?|credentials?"
    r"|connection strings?|(?:admin |root |master )?passwords?"
    # es
    r"|instantaneas?|volcados?|imagen(?:es)?|copias?(?: de seguridad)?|respaldos?|exportaciones?|paquetes?"
    r"|artefactos?|respuestas?|credenciales?|contrasenas?"
    # fr
    r"|instantanes?|sauvegardes?|paquets?|artefacts?|reponses?|identifiants?|mots? de passe"
    # de
    r"|sicherungen?|exporte?|pakete?|artefakte?|antworten?|zugangsdaten|(?:admin-)?passw(?:orter|ort)"
)
_ARTIFACT_AFTER = re.compile(rf"[\s-]+(?:{_ARTIFACTS})(?![a-z])")
_ARTIFACT_BEFORE = re.compile(
    rf"(?<![a-z])(?:{_ARTIFACTS})(?:\s+v?\d[\d.]*)?\s+(?:of|de|du|des|del|der|d')\s*"
    rf"(?:(?:{lx.ARTICLE_RE})\s+|l')?$"
)
# what holds what another resource stores or answers: a data store, or what caches an origin (a CDN)
_STORES = kinds_with("stores_data") | kinds_with_attr("origin")
_SENTENCE = re.compile(r"[;!?\n]|\.(?![a-z0-9])")


def _artifact(norm: str, m: Any) -> bool:
    if m.extra:  # it took other words of its kind ("the API ... Container App"): a resource of its own
        return False
    return bool(_ARTIFACT_AFTER.match(norm, m.end) or _ARTIFACT_BEFORE.search(norm[max(0, m.start - 40) : m.start]))


def artifact_words(norm: str, keep: list[Any]) -> list[Any]:
    """ "a bucket for VM snapshots", "los backups de la base de datos", "Container-Images": a kind's
    word that only qualifies what a resource holds or makes names the resource of that kind the
    request names elsewhere, or, when a store (or a CDN) of its sentence is what holds it, none."""
    plain = [m for m in keep if not _artifact(norm, m)]
    out: list[Any] = []
    for m in keep:
        if m in plain:
            out.append(m)
            continue
        same = [p for p in plain if p.kind == m.kind and _same_variant(p, m)]
        if same:
            absorb(same[0], m)
            continue
        lo, hi = m.start, m.end
        if any(p.kind != m.kind and p.kind in _STORES and not _SENTENCE.search(norm[min(lo, p.start) : max(hi, p.end)])
               for p in plain):
            continue  # kept in a store of its sentence: "a bucket for VM snapshots"
        out.append(m)
    return out


_MACHINE = rf"(?:{NODE_WORDS}|{HOSTING_WORDS})"
_MACHINE_IN_WORD = re.compile(rf"[\s-]{_MACHINE}$")
_MACHINE_AFTER = re.compile(rf"[\s-]+{_MACHINE}(?![a-z])")
_MACHINE_BEFORE = re.compile(rf"(?<![a-z]){_MACHINE}\s+(?:(?:de|of|von)\s+|d')?$")


def counts_machines(norm: str, m: Any) -> bool:
    """ "three Redis nodes", "Drei Redis-Knoten", "tres nodos Redis", "two OpenSearch instances": the
    count is of the machines one resource runs on, not of resources."""
    return bool(_MACHINE_IN_WORD.search(norm[m.start : m.end]) or _MACHINE_AFTER.match(norm, m.end)
                or _MACHINE_BEFORE.search(norm[max(0, m.start - 20) : m.start]))


_ITEMS = re.compile(r"\s*[,+&/]\s*|\s+(?:and|y|et|und)\s+")


def names_in_parens(norm: str, keep: list[Any], count_before: Any) -> list[Any]:
    """ "Two SQS queues (orders + orders-dlq)": a parenthesis right after a counted plural that lists
    as many names as the count names them; a kind's word inside a name is no resource of its own."""
    drop: list[Any] = []
    for m in keep:
        count = count_before(m)
        opened = re.match(r"\s*\(([^()]{1,80})\)", norm[m.end :])
        if not count or count[0] != count[1] or count[1] < 2 or opened is None:
            continue
        if len([x for x in _ITEMS.split(opened.group(1)) if x.strip()]) != count[1]:
            continue
        lo, hi = m.end + opened.start(1), m.end + opened.end(1)
        drop += [n for n in keep if n.kind == m.kind and lo <= n.start and n.end <= hi]
    return [m for m in keep if not any(m is d for d in drop)]


_THE = (rf"(?:{lx.ARTICLE_RE}|its|their|su|sus|son|sa|leur|sein(?:e|en|em)?|ihr(?:e|en|em)?)\s+"
        r"(?:(?:own|propio|propre|eigene[nm]?)\s+)?")
_THE_CONTAINER = re.compile(rf"(?<![a-z]){_THE}$")
_CONTAINER = re.compile(r"containers?|contenedor(?:es)?|conteneurs?")


def containers_of_others(norm: str, keep: list[Any]) -> list[Any]:
    """ "a SageMaker endpoint ...; the container pulls weights at startup", "le conteneur doit appeler
    une API": "the container" of a resource that runs an image of its own (an `image` attribute in
    the registry) is that resource's, not a container service."""
    imaged = [m for m in keep if m.kind not in roles.REPLICATED and KINDS[m.kind].attr("image") is not None]
    if not imaged or any(m.kind in roles.REPLICATED and not _CONTAINER.fullmatch(norm[m.start : m.end])
                         for m in keep):
        return keep
    out = []
    for m in keep:
        if (m.kind in roles.REPLICATED and _CONTAINER.fullmatch(norm[m.start : m.end])
                and _THE_CONTAINER.search(norm[max(0, m.start - 20) : m.start])):
            imaged[0].extra.append((m.start, m.end))
            continue
        out.append(m)
    return out


_FOR_THE = re.compile(rf"(?<![a-z])(?:for|para|pour|fur|zum|zur)\s+(?:(?:{lx.ARTICLE_RE}|our|nuestro|notre|nos"
                      r"|unser(?:e|en)?)\s+|l')$")


def served_weak(norm: str, keep: list[Any]) -> list[Any]:
    """ "a Postgres database for the backend", "un bucket pour le frontend": a weak word (a backend, a
    worker) that another resource of the request is for names who uses it, not one more resource."""
    if not any(not m.weak for m in keep):
        return keep
    return [m for m in keep if not (m.weak and _FOR_THE.search(norm[max(0, m.start - 20) : m.start]))]


_EXTERNAL_AFTER = re.compile(
    r"\s+(?:externa?s?|externes?|externe[nmrs]?|de terceros|tierce|tiers|von drittanbietern)(?![a-z])")
_EXTERNAL_BEFORE = re.compile(r"(?<![a-z])(?:external|third[- ]party|partner|externe[nmrs]?|exterior)\s+$")


def external(norm: str, m: Any) -> bool:
    """ "call an external API", "une API externe", "eine externe API": an application someone else
    runs, which the request calls but does not ask for (a service's word only: an "external load
    balancer" is a public one)."""
    return m.kind in roles.REPLICATED and bool(
        _EXTERNAL_AFTER.match(norm, m.end) or _EXTERNAL_BEFORE.search(norm[max(0, m.start - 20) : m.start]))


_COPIES_OF = re.compile(
    r"\s*,?\s*(?:with|con|avec|mit|running|runs|having|on|sur|auf|en|de|of|a|aus)\s+[^,;:.!?()]{0,24}$")


def copies_of_service(norm: str, keep: list[Any], count_before: Any) -> list[Any]:
    """ "an ECS service with 3 containers", "un servicio ECS con 3 contenedores", "Ein ECS-Service mit
    3 Containern", "EKS on 3 EC2 instances": counted copies right after a resource are its replicas,
    machines or nodes, not resources of their own."""
    out: list[Any] = []
    for m in keep:
        prev = out[-1] if out else None
        attr = _copies_word(norm, m, prev)
        count = count_before(m) if attr else None
        if (count is not None and prev is not None
                and _COPIES_OF.fullmatch(norm[max([prev.end] + [e for _, e in prev.extra]) : m.start])):
            mx.set_copies(prev, prev.kind, attr, count)
            prev.extra.append((m.start, m.end))
            continue
        out.append(m)
    return out


def _copies_word(norm: str, m: Any, prev: Any) -> str:
    """The attribute of `prev` that the counted mention `m` right after it fills: a service's
    replicas ("with 3 containers"), a resource's machines ("ElastiCache with two cache nodes"), a
    cluster's nodes ("a Kubernetes cluster on 3 VMs"); "" when `m` is a resource of its own."""
    if prev is None:
        return ""
    word = norm[m.start : m.end]
    if prev.kind == m.kind and m.kind in roles.REPLICATED and re.fullmatch(CONTAINER_WORDS, word):
        return "replicas"
    if prev.kind == m.kind and mx.copies_attr(m.kind) and counts_machines(norm, m):
        return mx.copies_attr(m.kind)
    if prev.kind in roles.CLUSTERS and m.kind in roles.VMS and not m.instance:
        return "nodes"
    return ""


@functools.cache
def _words_of(kind: str) -> frozenset[str]:
    """The plain words of a kind's own NL patterns ("kafka[- ]topics?" holds "topics")."""
    spec = KINDS[kind].nl
    return frozenset(re.findall(r"[a-z]{3,}", " ".join(w.pattern for w in spec.words))) if spec else frozenset()


_PART_GAP = re.compile(r"[^,;:.!?()]{0,12}?\s(?:with|con|avec|mit|for|para|pour|fur|on|in|en|sur|auf|de|of|du|des)"
                       r"\s+[^,;:.!?()]{0,14}$")


def parts_of_others(norm: str, keep: list[Any]) -> list[Any]:
    """ "a Kafka cluster with 3 topics", "un cluster MSK avec un topic par service": a bare word that
    another kind's own words use for a part of it ("Kafka topics") names that part of the resource
    just before it, not a resource of its own kind."""
    out: list[Any] = []
    for m in keep:
        word = norm[m.start : m.end]
        prev = out[-1] if out else None
        if (prev is not None and prev.kind != m.kind and re.fullmatch(r"[a-z]+", word)
                and {word, word + "s", word.removesuffix("s")} & _words_of(prev.kind)
                and _PART_GAP.fullmatch(norm[max([prev.end] + [e for _, e in prev.extra]) : m.start])):
            prev.extra.append((m.start, m.end))
            continue
        out.append(m)
    return out


def _identifier(text: str, m: Any) -> str:
    """The identifier-style token (lower case, parts joined by "-" or "_") the mention's word is
    part of, or "": "raw-events-bucket", "process_orders_lambda", "app-db"."""
    token, _ = _identifier_span(text, m)
    return token


def _identifier_span(text: str, m: Any) -> tuple[str, int]:
    a, b = m.start, m.end
    while a > 0 and re.match(r"[A-Za-z0-9_-]", text[a - 1]):
        a -= 1
    while b < len(text) and re.match(r"[A-Za-z0-9_-]", text[b]):
        b += 1
    token = text[a:b].strip("-_")
    if token == text[m.start : m.end] or not re.search(r"[a-z0-9][-_][a-z0-9]", token) or token != token.lower():
        return "", b
    return token, b


def names_as_identifiers(text: str, norm: str, keep: list[Any]) -> list[Any]:
    """ "a bucket called raw-events-bucket", "a Lambda named process-orders-lambda", "a Postgres
    database app-db": a kind's word inside a lower-case identifier after a resource of that kind in
    its clause is that resource's name, not one more resource. ("Upload-Bucket", a capitalised
    compound, is a word.)"""
    out: list[Any] = []
    for m in keep:
        token, end = _identifier_span(text, m)
        same_head = any(n.kind == m.kind and m.end <= n.start and n.end <= end for n in keep)
        if token and text[m.end : end].strip("-_") and not same_head:
            continue  # "audit-db": a name's head is its last word, the rest qualifies it
        prev = next((p for p in reversed(out) if p.kind == m.kind), None)
        if (prev is not None and token and _same_variant(prev, m)
                and not _BREAK.search(norm[max([prev.end] + [e for _, e in prev.extra]) : m.start])):
            absorb(prev, m)
            continue
        out.append(m)
    return out
