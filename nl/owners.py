"""Whose a resource is (issue 14, resource precision on unseen text): a kind's word the request
names as a place something already is, or as someone else's, asks for no resource.

- already there, said before the word: "the users table already lives in our Postgres", "los datos
  ya estan en nuestra base MySQL", "les fichiers sont deja dans notre bucket", "die Tabelle liegt
  schon in unserer Postgres" (nl/not_wanted.py reads "already" after the word);
- someone else's: "the partner's Kafka", "the customer's bucket", "la cola del proveedor", "le bucket
  du client", "die Queue des Partners", "the vendor's API".
One table per concept, the four languages (accent-free, lower case); no kind name appears here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from autodeploy.compiler.kinds import KINDS

from . import kind_roles as roles
from .lexicon import ARTICLE_RE, CONTAINER_WORDS, HOSTING_WORDS, INDEFINITE_RE, PLURAL_ARTICLES, alt, mentions
from .part_words import names_a_kind

# the requester's own and a third party's: "our", "nuestra", "notre", "unsere"; "their", "leur", "ihre"
_POSSESSIVE = r"our|their|its|nuestr[oa]s?|notre|nos|leurs?|unser(?:e[mnrs]?)?|ihre?[mnrs]?"
# a definite determiner: an article (nl/lexicon.py) or a possessive; "l'" takes no space after it
_DET = rf"(?:(?:{ARTICLE_RE}|{_POSSESSIVE})(?:\s+|(?<='))|(?:{ARTICLE_RE}|{_POSSESSIVE})$)"

# "already" in the clause, then a place the word names: "already lives in our", "ya esta en la"
_ALREADY_IN = re.compile(
    r"(?<![a-z])(?:already|ya|deja(?! (?:el|la|los|las|lo|un|una|de|que|en)\b)|schon|bereits)\s+(?:[a-z'-]+\s+){0,3}?"
    rf"(?:(?:in|inside|on|at|into|en|dentro de|sobre|dans|sur|chez|in|auf|bei)\s+{_DET}"
    r"|(?:im|am|au|aux|al|del)\s+)(?:[a-z0-9-]+\s+)?$"
)


def already_in(norm: str, start: int) -> bool:
    """ "the users table already lives in our Postgres", "die Tabelle liegt schon in unserer
    Postgres": the word names where something already is, a resource the request has."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 60) : start])[-1]
    return bool(_ALREADY_IN.search(clause))


# who else owns things a request speaks of: a partner, a customer, a vendor, another team
_PARTY = (r"partners?|customers?|clients?|vendors?|suppliers?|providers?|third[- ]part(?:y|ies)|(?:other|another) team"
          r"|socios?|clientes?|proveedor(?:es)?|terceros?|otro equipo|partenaires?|fournisseurs?|prestataires?"
          r"|tiers|autre equipe|kunden?|lieferanten?|anbieters?|drittanbieters?|anderen teams?")
# "the partner's Kafka", "a customer's bucket"
_PARTY_BEFORE = re.compile(rf"(?<![a-z])(?:{_PARTY})(?:'s|s')\s+(?:[a-z0-9-]+\s+)?$")
# "the queue of the partner", "la cola del proveedor", "le bucket du client", "die Queue des Partners",
# with one word of its own between ("le serveur SFTP du fournisseur") or before the party ("the analytics vendor")
_PARTY_AFTER = re.compile(
    rf"(?:[\s-]+[a-z0-9-]+)?\s+(?:(?:of|de|von) (?:{_DET}|(?:{INDEFINITE_RE})\s+)|(?:del|du|des|d'|der|vom)\s*)"
    rf"(?:[a-z0-9-]+\s+)?(?:{_PARTY})(?![a-z])")

def someone_elses(norm: str, start: int, end: int, kind: str) -> bool:
    """ "the partner's Kafka", "le bucket du client", "die Queue des Partners": a resource a partner,
    a customer, a vendor or another team owns, which the request uses but does not ask for. A
    credential ("the vendor's API key", a kind rotated like a secret in the registry) is theirs to
    issue and the request's to keep."""
    if KINDS[kind].attr("rotation") is not None:
        return False
    return bool(_PARTY_BEFORE.search(norm[max(0, start - 40) : start]) or _PARTY_AFTER.match(norm, end))


# (an indefinite article too: "we already have a VPC and an RDS instance", "schon einen Bucket und eine Lambda")
_AND_ALSO = re.compile(r"\s*(?:,|and|as well as|y|e|et|ainsi que|und|sowie)\s+(?:(?:also|aussi|tambien|auch)\s+)?"
                       rf"(?:{_DET}|(?:{INDEFINITE_RE})\s+)?$")


def existing_list(norm: str, m: Any, prev: Any, prev_existing: bool) -> bool:
    """ "On a deja la base Postgres et le VPC", "we already have the database and the VPC": a kind's
    word joined by "and" (with no article of its own) to one the request already has is had too."""
    if prev is None or not prev_existing:
        return False
    last = max([prev.end] + [e for _, e in prev.extra])
    return bool(_AND_ALSO.fullmatch(norm[last : m.start]))


# "we use Datadog for monitoring", "usamos Grafana para la monitorizacion", "on utilise Sentry pour les
# alertes", "wir nutzen Datadog fur das Monitoring": a product the request does not ask for does the job
_USE_FOR = re.compile(
    r"(?<![a-z])(?:use|uses|using|rely on|relies on|have|already use|usamos|utilizamos|tenemos|usan|utilise|utilisons"
    r"|utilisent|avons|nutzen|verwenden|haben|setzen)\s+([a-z0-9.-]+)(?:\s+[a-z0-9.-]+)?\s+"
    rf"(?:for|para|pour|fur|als)\s+(?:{_DET}\s*)?$"
)


# what the request's own resources are made with: a cloud, an infrastructure-as-code tool
_PLATFORM = re.compile(r"aws|azure|gcp|google|amazon|microsoft|terraform|pulumi|cloudformation|bicep|arm|cdk|helm"
                       r"|kubernetes|k8s|docker")


def done_by_other(norm: str, start: int, names_a_kind: Callable[[str], bool]) -> bool:
    """ "We use Datadog for monitoring", "wir nutzen Datadog fur das Monitoring": what a product the
    request names but does not ask for (`names_a_kind` is false for it) already does is not asked for."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 60) : start])[-1]
    found = _USE_FOR.search(clause)
    return found is not None and not names_a_kind(found.group(1)) and not _PLATFORM.fullmatch(found.group(1))


# where things are that the request does not make: "the legacy database", "la base de datos antigua",
# "l'ancienne base", "die alte Datenbank", and on the premises: "the database in our data center"
_OLD = (r"legacy|old|antigu[oa]s?|viej[oa]s?|heredad[oa]s?|ancien(?:ne)?s?|vieux|vieilles?"
        r"|alte[nmrs]?|bisherige[nmrs]?")
# "the legacy database", "our old Oracle database", "l'ancienne base", "die alte Datenbank"
_OLD_BEFORE = re.compile(rf"(?<![a-z]){_DET}(?:{_OLD})\s+(?:[a-z0-9-]+\s+)?$")
# es/fr put the adjective after: "la base de datos antigua", "la base historique"
_OLD_AFTER = re.compile(r"\s+(?:antigu[oa]s?|viej[oa]s?|heredad[oa]s?|ancien(?:ne)?s?|vieux|vieilles?|historique)"
                        r"(?![a-z])")
_PREMISES = (r"on-?prem(?:ise|ises)?|on (?:the )?premises?"
             r"|in (?:our|the) (?:own )?(?:data ?cent(?:er|re)|office|basement)"
             r"|en (?:nuestro|el|nuestra) (?:propio )?(?:centro de datos|cpd|oficina)|en las instalaciones"
             r"|dans (?:notre|le|nos) (?:propre )?(?:datacenter|centres? de donnees|bureaux?|locaux)"
             r"|sur site|chez nous|im (?:eigenen )?rechenzentrum|in unserem (?:eigenen )?(?:rechenzentrum|buro)"
             r"|vor ort")
# "the database in our data center", "the database that stays on-prem", "la base que reste sur site"
_ON_PREMISES_AFTER = re.compile(
    rf"(?:\s+(?:of|de|du|des|der)\s+[a-z-]+)?"  # "la base de datos de origen es un Oracle on-premise"
    rf"\s+(?:(?:that|which|que|qui|die|der|das|is|are|es|son|est|sont|ist|sind)\s+(?:[a-z']+\s+){{0,3}}?)?"
    rf"(?:{_PREMISES})(?![a-z])")
# the premises an organisation has, naming its own things: "our office network", "the corporate network",
# "la red de la oficina", "le reseau de l'entreprise", "das Netzwerk der Klinik"
_PLACES = (r"office|offices|corporate|company|clinic|clinics|hospital|campus|store|stores|shop|branch|branches|factory"
           r"|plant|school|headquarters|hq|warehouse|home|oficinas?|empresa|corporativ[oa]|clinicas?|tiendas?|sede"
           r"|sucursal(?:es)?|fabrica|bureaux?|entreprise|societe|cliniques?|hopital|magasins?|siege|agences?|usine"
           r"|buros?|firma|unternehmens?|klinik|krankenhaus(?:es)?|praxis|filialen?|werk|zentrale")
_PLACE_BEFORE = re.compile(rf"(?<![a-z]){_DET}(?:[a-z0-9-]+\s+)?(?:{_PLACES})\s+$")
_PLACE_AFTER = re.compile(rf"\s+(?:(?:of|de) {_DET}|(?:del|du|des|der|unserer|unseres)\s+)(?:{_PLACES})(?![a-z])")


def left_where_it_is(norm: str, start: int, end: int, kind: str) -> bool:
    """ "a Redis cache in front of the legacy database", "la VM de la base de datos antigua", "the
    mainframe database in our data center", "our office network", "la red de la oficina": an old
    resource, one on the premises, or a place's own network (a kind other resources are placed in,
    per the registry; "la base de datos de la tienda" is the shop's new one) is one the request
    connects to, not one it asks for."""
    head = re.split(r"[,;:.!?()\n]", norm[max(0, start - 30) : start])[-1]
    placed = kind in roles.NETWORKS and bool(_PLACE_BEFORE.search(head) or _PLACE_AFTER.match(norm, end))
    return bool(_OLD_BEFORE.search(head) or _OLD_AFTER.match(norm, end) or _ON_PREMISES_AFTER.match(norm, end)
                or placed)


# a relative clause between the word and what is said of it: "the API that uses it is deployed by
# another team", "la base que usa la app ya existe"
_MAIN_VERB = re.compile(r"\s+(?:is|are|was|were|gets|lives|sits|runs|belongs|already|es|esta|son|estan|vive|ya|est|sont"
                        r"|vit|deja|ist|sind|wird|werden|liegt|lauft|schon|bereits)(?![a-z])")
_RELATIVE = re.compile(r"\s+(?:that|which|who|que|qui|die|der|das|den)(?=\s)")


def after_relative(norm: str, end: int, said: Callable[[int], bool]) -> bool:
    """Whether `said` (a predicate read from a position) holds right after a short relative clause
    (up to four words) after the word: "the API that uses it | is deployed by another team"."""
    found = _RELATIVE.match(norm, end)
    if found is None:
        return False
    words = list(re.finditer(r"\s+[a-z'-]+", norm[found.end() : found.end() + 40]))[:4]
    # the clause ends where the word's own verb starts ("... that uses it | is deployed"), not at a word
    # of the clause that has a predicate of its own ("que lee de la cola | que ya tenemos")
    return any(_MAIN_VERB.match(norm, found.end() + w.end()) and said(found.end() + w.end()) for w in words)


# what an application sends is a message, not a monitor: "sends an alert to Slack", "envia una alerta",
# "envoie une alerte", "schickt eine Benachrichtigung"
# (said of a subject, never the imperative: "send an alert when the CPU is high" asks for a monitor)
_SENDS = re.compile(r"(?<![a-z])(?:sends|sending|posts|emails|pushes"
                    r"|(?:que|qui)\s+(?:envia|manda|envoie|envoient|envian|mandan)|schickt|sendet|verschickt)"
                    rf"\s+(?:(?:{INDEFINITE_RE}|one)\s+|{_DET})?(?:[a-z0-9-]+\s+)?$")


def sent_message(norm: str, start: int, kind: str) -> bool:
    """ "a Lambda that sends an alert to Slack", "the consumer sends an email alert": a word of a
    kind that watches others (a `watch` setting in the registry) is what an application sends."""
    if KINDS[kind].attr("watch") is None:
        return False
    head = re.split(r"[,;:.!?()\n]", norm[max(0, start - 40) : start])[-1]
    return bool(_SENDS.search(head))


_PRODUCT_BEFORE = re.compile(rf"(?<![A-Za-z]){_DET}([A-Za-z][\w.-]*)\s+$", re.IGNORECASE)
_DEFINITE_BEFORE = re.compile(rf"(?<![A-Za-z]){_DET}$", re.IGNORECASE)
_PRODUCT_AFTER = re.compile(r"\s+(?:de|d'|del|du)\s*([A-Za-z][\w.-]*)")


def product_machine(text: str, start: int, end: int, hosting: str, names_a_kind: Callable[[str], bool]) -> bool:
    """ "our Splunk instance", "the Jenkins server", "nuestra instancia de Splunk", "le serveur
    Jenkins": a word for where something runs, named by a product that is no kind of the registry
    (a capitalised name) with "our"/"the", is that product's machine, which the request uses."""
    if not re.fullmatch(hosting, text[start:end].lower()):
        return False
    before = _PRODUCT_BEFORE.search(text[max(0, start - 40) : start])
    after = _PRODUCT_AFTER.match(text, end)
    definite = _DEFINITE_BEFORE.search(text[max(0, start - 12) : start])
    name = before.group(1) if before else (after.group(1) if after and definite else "")
    return bool(name) and name[0].isupper() and not names_a_kind(name.lower()) and not re.search(r"\d", name)


# a clause of ours: "we already have", "que ya tenemos", "que nous avons deja", "die wir schon haben"
_OURS = re.compile(r"\s+(?:that |which )?(?:we|i|que|qu'|die|den|das)\s")


def _after_modifier(norm: str, end: int, said: Callable[[int], bool]) -> bool:
    """ "los servidores web ya existen", "les serveurs web existent deja": what is said after one
    modifier word right after the word; "a bucket in another region we already have": a clause of
    ours about it after a short phrase."""
    found = re.match(r"\s+(?!(?:that|which|who|que|qui|die|der|das|is|are|es|est|ist)\b)[a-z-]+", norm[end:])
    if found is not None and said(end + found.end()):
        return True
    for word in list(re.finditer(r"\s+[a-z'-]+", norm[end : end + 40]))[:4]:
        pos = end + word.end()
        if _OURS.match(norm, pos) and said(pos):
            return True
    return False


def why_not_asked(text: str, norm: str, m: Any, end: int, named: bool, prev: Any, had: Callable[[Any], bool],
                  there_from: Callable[[int], bool]) -> str:
    """Why the mention `m` (its words up to `end`) asks for no resource, by whose it is: "existing"
    (there already, old, on the premises), "external" (someone else's, a product's, a message),
    "deferred" (needed only if something happens), or "". `named`: a resource of its kind is named
    already; `had(prev)`: the mention before is one the request has; `there_from(pos)`: "is already
    there" is said from `pos` on (nl/not_wanted.py)."""
    assert m.kind is not None
    first = all(a > m.start for a, _ in m.extra)  # what is read before the word is read before all its words
    if not named and first and already_in(norm, m.start):
        return "existing"  # "the users table already lives in our Postgres"
    if first and if_needed(norm, m.start, end):
        return "deferred"  # "if we ever need a queue we'll add it later"
    any_kind = functools.partial(names_a_kind, kind="*")
    if first and (someone_elses(norm, m.start, end, m.kind) or done_by_other(norm, m.start, any_kind)
                  or account_word(norm, m.start, m.end, m.kind)):
        return "external"  # "the partner's Kafka", "we use Datadog for monitoring"
    if not m.extra and (left_where_it_is(norm, m.start, end, m.kind) or after_relative(norm, end, there_from)
                        or _after_modifier(norm, end, there_from)):
        return "existing"  # "in front of the legacy database", "the API that uses it is run by another team"
    if not named and not m.extra and (access_to(norm, m.start, m.end) or reached_or_run(norm, m.start, m.end)):
        return "external"  # "an instance role with S3 read access", "VPC endpoints for S3", "LB Controller"
    if not m.extra and (sent_message(norm, m.start, m.kind)
                        or product_machine(text, m.start, m.end, HOSTING_WORDS, names_a_kind)
                        or users_of_it(norm, m.start, m.end, rf"{HOSTING_WORDS}|{CONTAINER_WORDS}")):
        return "external"  # "a Lambda that sends an alert to Slack", "our Splunk instance"
    if not named and prev is not None and existing_list(norm, m, prev, had(prev)):
        return "existing"  # "on a deja la base Postgres et le VPC"
    return ""


# another account holds it: "the S3 inventory report from the audit account", "la cuenta de auditoria",
# "le compte d'audit", "das Audit-Konto"
_ACCOUNT_AFTER = re.compile(r"[\s-]+(?:accounts?|subscriptions?|konto|kontos|konten)(?![a-z])")
_IN_THE = re.compile(rf"(?<![a-z])(?:from|in|into|to|of|across|desde|en|de|depuis|dans|aus|im|in|von)\s+"
                     rf"(?:{_DET}|(?:another|a separate|otra|un autre|einem anderen)\s+)$")
_ACCOUNT_BEFORE = re.compile(r"(?<![a-z])(?:cuentas?|comptes?|suscripcion|abonnement)\s+(?:de |d')\s*(?:la |l')?$")


def account_word(norm: str, start: int, end: int, kind: str) -> bool:
    """ "from the audit account", "in the logging subscription", "la cuenta de auditoria": a kind's
    word naming a cloud account or subscription, not a resource (unless the kind's own words are an
    account: "a Blob storage account")."""
    if any(re.search(r"accounts?|cuentas?|comptes?|konto", p) for k, _, p, _ in mentions() if k == kind):
        return False
    # a place the account is: "from the audit account", "in another account" ("a Cosmos DB account" is one)
    placed = _IN_THE.search(norm[max(0, start - 30) : start])
    return bool(placed and _ACCOUNT_AFTER.match(norm, end) or _ACCOUNT_BEFORE.search(norm[max(0, start - 20) : start]))


# who uses the resource: "the application servers connect over TLS", "los servidores de aplicacion se
# conectan", "les serveurs applicatifs y accedent", "die Server greifen darauf zu"
_USE_VERB = re.compile(
    r"(?:\s+(?:de |d')?[a-z-]+)?\s+(?:(?:will|can|must|should|only|all|se|s'|y|darauf)\s+)?(?:connect|talk|call|read"
    r"|write|access|use|reach|query|hit|pull|conectan|conecta|acceden|usan|leen|escriben|consultan|connectent"
    r"|accedent|utilisent|lisent|ecrivent|interrogent|verbinden|greifen|nutzen|lesen|schreiben|rufen|fragen)"
    r"(?![a-z])")
_THE_PLURAL = re.compile(rf"(?:^|[\s(])(?:{alt(PLURAL_ARTICLES)}|our|nuestr[oa]s|nos|unsere)\s+(?:[a-z-]+\s+)?$")


def users_of_it(norm: str, start: int, end: int, generic: str) -> bool:
    """ "the application servers connect over TLS", "los servidores de aplicacion se conectan": the
    definite plural of a generic word for machines or containers (`generic`) that is the subject of
    a verb of use is who uses a resource the request names, not more machines."""
    word = norm[start:end]
    return bool(re.fullmatch(generic, word) and word.endswith(("s", "en", "es"))
                and _THE_PLURAL.search(norm[max(0, start - 30) : start]) and _USE_VERB.match(norm, end))


# a need in a condition: "if we ever need a queue", "si algun dia necesitamos una cola", "si un jour il faut
# une file", "falls wir je eine Queue brauchen": what the request may want later, not now
_IF_NEEDED = re.compile(
    r"(?<![a-z])(?:if|in case|should|si|en caso de que|au cas ou|falls|wenn|sofern)\s+(?:[a-z']+\s+){0,4}?"
    r"(?:need|needs|want|require|necesit\w*|hace falta|quer\w*|faut|besoin d[e']|voul\w*|brauch\w*|benotig\w*"
    r"|wollen)\s+(?:[a-z']+\s+){0,2}$|(?<![a-z])(?:falls|wenn|sofern)\s+(?:[a-z']+\s+){0,4}$")
_NEED_AFTER = re.compile(r"\s+(?:[a-z']+\s+){0,1}(?:brauchen|benotigen|wollen|braucht|benotigt)(?![a-z])")


def if_needed(norm: str, start: int, end: int) -> bool:
    """ "if we ever need a queue we'll add it later", "si un jour il faut une file", "falls wir je
    eine Queue brauchen": a word in a clause that makes its need a condition asks for nothing now."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 50) : start])[-1]
    found = _IF_NEEDED.search(clause)
    if found is None:
        return False
    german = re.match(r"(?:falls|wenn|sofern)\s", found.group(0))
    return not german or bool(_NEED_AFTER.match(norm, end))


# a permission on it: "S3 read access", "access to DynamoDB", "permisos sobre S3", "acces en lecture a S3",
# "Zugriff auf DynamoDB": the bare word names what a role may touch, not a resource to make
_ACCESS_BEFORE = re.compile(
    r"(?<![a-z])(?:access|permissions?|rights?|acceso|permisos?|derechos?|acces|droits?|zugriff|zugriffsrechte"
    r"|berechtigung(?:en)?)(?:\s+(?:[a-z]+\s+){0,2}?)?\s+(?:to|on|for|over|a|al|sobre|en|de|du|aux?|sur|auf|zu|fur)\s+$")
_ACCESS_AFTER = re.compile(r"[\s-]+(?:(?:read|write|full|read-only|readonly|admin|list)[\s-]+)?(?:access|permissions?)"
                           r"(?![a-z])")


def access_to(norm: str, start: int, end: int) -> bool:
    """ "a Lambda role with access to DynamoDB", "an instance role with S3 read access": a bare
    kind's word (no article of its own) that a permission is on asks for no resource."""
    return bool(_ACCESS_BEFORE.search(norm[max(0, start - 40) : start]) or _ACCESS_AFTER.match(norm, end))


# an endpoint a network opens to a service: "VPC endpoints for S3 and DynamoDB", "Gateway-Endpunkte fur S3",
# "endpoints de S3 y DynamoDB", "des endpoints pour S3": the services reached, not resources of the request
_ENDPOINT_FOR = re.compile(
    r"(?:endpoints?|[a-z-]*endpunkte?n?|points? de terminaison|puntos? de (?:enlace|conexion)|private ?links?)\s+"
    r"(?:for|to|of|de|del|pour|fur|zu|a|para|vers)\s+(?:[a-z0-9-]+(?:\s*,\s*|\s+(?:and|y|et|und|&)\s+))*$")
# software that runs in a resource, named after a product: "the AWS Load Balancer Controller", "the Application
# Gateway Ingress Controller", "the EBS CSI driver"
_SOFTWARE_AFTER = re.compile(r"[\s-]+(?:[a-z]+[\s-]+)?(?:controllers?|operators?|drivers?|plugins?|add-?ons?|agents?"
                             r"|exporters?)(?![a-z])")


def reached_or_run(norm: str, start: int, end: int) -> bool:
    """ "VPC endpoints for S3 and DynamoDB", "the AWS Load Balancer Controller": a kind's word naming
    what a network endpoint reaches, or software named after it, asks for no resource."""
    clause = re.split(r"[;:.!?()\n]", norm[max(0, start - 60) : start])[-1]
    return bool(_ENDPOINT_FOR.search(clause) or _SOFTWARE_AFTER.match(norm, end))
