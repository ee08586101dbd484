"""Kind words that qualify another noun (issue 14, resource precision): "cache headers", "queue
depth", "stream processing", "profundidad de la cola", "en-tetes de cache", "Cache-Header". The
word names a measure, a setting or an activity, not a resource: when the request names a resource
of that kind elsewhere it is that one ("an SQS queue and a queue depth alarm"); when it names none,
the word asks for nothing ("a CDN that honours cache headers", "a Lambda for stream processing").

A feature of one resource is not a second one either: "a DynamoDB table and a Lambda that reads the
stream" (the table's change stream, which the DSL states as the function's trigger).
One table per language of head nouns; no kind name appears here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx

# what a resource does or is set up with, not a resource: "cache headers", "stream processing",
# "Cache-Header", "Stream-Verarbeitung" (after the word), "cabeceras de cache", "traitement de flux"
_ACTIVITY_AFTER = (r"headers?|hit(?:[- ](?:ratio|rate))?s?|miss(?:es)?|invalidations?|busting|control|behaviou?rs?"
                   r"|processing|header|trefferquote|invalidierung|verarbeitung"
                   # the subject matter of a talk: "the queue question", "die Cache-Frage"
                   r"|questions?|discussions?|debate|decisions?|frage|diskussion|entscheidung")
_ACTIVITY_BEFORE = (r"cabeceras?|encabezados?|invalidacion(?:es)?|procesamiento|tasa de aciertos|aciertos"
                    r"|en-tetes?|entetes?|invalidations?|traitement|taux de succes"
                    r"|(?:la )?cuestion|(?:el )?debate|(?:la )?question|(?:le )?debat")
# a measure of the resource: "queue depth", "Queue-Tiefe", "profundidad de la cola", "longueur de la file"
_MEASURE_AFTER = r"depth|length|lag|age|backlog|tiefe|lange|ruckstau"
_MEASURE_BEFORE = r"profundidad|longitud|profondeur|longueur"
_DE = rf"\s+(?:(?:de|del|du|des|d')\s*(?:(?:{lx.ARTICLE_RE})\s*)?|en\s+)$"


# the last part of a German compound is its head: "Queue-Namen", "Topic-Schema" name no queue or topic
_COMPOUND_HEAD = r"-(?:namen?|schemas?|konfiguration|einstellungen)(?![a-z])"


def _head(norm: str, start: int, end: int, after: str, before: str) -> bool:
    return bool(re.match(rf"[\s-](?:{after})(?![a-z])|{_COMPOUND_HEAD}", norm[end:])
                or re.search(rf"(?<![a-z])(?:{before}){_DE}", norm[max(0, start - 30) : start]))


def qualifies(norm: str, start: int, end: int) -> bool:
    """Whether the kind's word at [start, end) only qualifies a measure, a setting or an activity
    ("queue depth", "cache headers"): with a resource of that kind named, it is that one."""
    return _head(norm, start, end, _ACTIVITY_AFTER + "|" + _MEASURE_AFTER, _ACTIVITY_BEFORE + "|" + _MEASURE_BEFORE)


# what lives in the user's browser or the client, not in the cloud: "browser cache", "Browser-Cache",
# "cache navigateur", "cache del navegador", "client-side cache", "cache cote client"
_CLIENT_SIDE_BEFORE = re.compile(r"(?<![a-z])(?:browser|client-side|client side|clientseitige[nmrs]?)[\s-]$")
_CLIENT_SIDE_AFTER = re.compile(r"\s+(?:(?:du|del|de la) )?(?:navigateur|navegador|browser|cote client"
                                r"|del lado del cliente)(?![a-z])")


def activity(norm: str, start: int, end: int) -> bool:
    """Whether the kind's word at [start, end) only qualifies an activity or a setting ("cache
    headers", "stream processing"): with no resource of that kind named, it asks for none. (A
    measure, "queue backlog", still speaks of the resource measured.)"""
    return _head(norm, start, end, _ACTIVITY_AFTER, _ACTIVITY_BEFORE) or bool(
        _CLIENT_SIDE_BEFORE.search(norm[max(0, start - 20) : start]) or _CLIENT_SIDE_AFTER.match(norm, end))


# ------------------------------------------------------------------ a feature of another --------------

# kinds whose items change and can be read as a feed: a key-value table (its partition key says so)
_FEEDING = tuple(k for k, spec in KINDS.items() if spec.attr("partition_key") is not None)
# kinds a function is triggered by (the registry's `trigger` reference)
_TRIGGERS = tuple(getattr(getattr(a, "type", None), "kinds", ())) if (a := next(
    (spec.attr("trigger") for spec in KINDS.values() if spec.attr("trigger") is not None), None)) else ()
_DEFINITE = re.compile(
    rf"(?:^|[^a-z])(?:{lx.alt(lx.REFERRING_ARTICLES)}|its|su|son|sa|sein(?:e|en|em)?|ihr(?:e|en|em)?|[a-z]+'s)\s+"
    r"(?:(?:change|changes|cambios|modifications|anderungs)\s+)?$")


def feed_of_other(norm: str, m: Any, named: Sequence[Any]) -> bool:
    """ "a DynamoDB table and a Lambda that reads the stream", "una Lambda que lee el stream": a
    definite word of a kind no function can be triggered by, when the request names a resource whose
    changes can be read as a feed (and no other word of that kind), is that resource's feed."""
    if m.kind in _TRIGGERS or not any(n.kind in _FEEDING and n.kind in _TRIGGERS for n in named):
        return False
    if any(n.kind == m.kind and n is not m for n in named):
        return False
    word = norm[m.start : m.end]
    if " " in word.strip() or not _DEFINITE.search(norm[max(0, m.start - 25) : m.start]):
        return False
    # "the stream" with a brand of its own ("the Kinesis stream") is a resource of its own
    return re.fullmatch(r"[a-z]+", word) is not None


# ------------------------------------------------------------------ what another holds or where -------

_FOR_BARE = re.compile(r"[\s-]+(?:for|fur|pour|para|zum|zur)\s+$")
_IN_PLACE = re.compile(rf"(?<![a-z])(?:in|en|dans|im|into|inside)\s+(?:(?:{lx.ARTICLE_RE})\s*)?"
                       r"(?:(?:azure|aws|amazon|google|gcp)\s+)?$")
_ITSELF = re.compile(r"\s+(?:itself|themselves|selbst|lui-meme|elle-meme|eux-memes|meme|mismo|misma|mismos|mismas)"
                     r"(?![a-z])")


def held_by_other(norm: str, m: Any, prev: Any) -> bool:
    """ "an SNS topic for alarms", "ein SNS-Topic fur Alarme", "un bucket pour logs": a bare plural
    right after "for" that follows another resource is what that one carries or holds."""
    if prev is None or prev.kind == m.kind:
        return False
    word = norm[m.start : m.end]
    last = max([prev.end] + [e for _, e in prev.extra])
    return bool(re.fullmatch(r"[a-z]+(?:s|e|en|n)", word) and not re.search(r"[,;:.!?()]", norm[last : m.start])
                and _FOR_BARE.fullmatch(norm[last : m.start]))


def kept_at(norm: str, m: Any, named: Sequence[Any]) -> bool:
    """ "a secret for the DB password in Azure Key Vault", "un secreto en Key Vault": a weak word (a
    vault) after "in" names where a resource of another kind its sentence names is kept; "in the
    container itself", "en la app misma": where something happens, not a resource."""
    if _ITSELF.match(norm, m.end):
        return True
    if not m.weak or not _IN_PLACE.search(norm[max(0, m.start - 25) : m.start]):
        return False
    return any(n.kind != m.kind and not n.weak and n.end <= m.start
               and not re.search(r"[;!?\n]|\.(?![a-z0-9])", norm[n.end : m.start]) for n in named)


_THE_API = re.compile(rf"(?<![a-z])(?:{lx.ARTICLE_RE}|its|su|son|sa|ihre?n?|seine?n?)\s*"
                      r"(?:(?:kubernetes|k8s|cluster|control[- ]plane)\s+)?$")


def api_of_cluster(norm: str, m: Any, named: Sequence[Any], clusters: Sequence[str], api_words: str) -> bool:
    """ "Un AKS ..., con la API no publica", "an EKS cluster with its API private": the API of a
    cluster named before it in the sentence is the cluster's endpoint, not a service."""
    if not re.fullmatch(api_words, norm[m.start : m.end]) or not _THE_API.search(norm[max(0, m.start - 30) : m.start]):
        return False
    return any(n.kind in clusters and n.end <= m.start
               and not re.search(r"[;!?\n]|\.(?![a-z0-9])", norm[n.end : m.start]) for n in named)


_WITH = re.compile(rf"\s*,?\s*(?:with|con|avec|mit|plus|and|y|et|und)\s+(?:(?:{lx.INDEFINITE_RE}|{lx.ARTICLE_RE}"
                   r"|full|complete|completo|vollem|vollstandigem)\s*)?"
                   r"(?:(?P<log>journalisation|registro|protokollierung|logging)\s+(?:de |d'|des |del |der )?)?$")
_LOG_WORD = re.compile(r"(?<![a-z])(?:logs?|logging|registros?|journal|journaux|journalisation|protokoll\w*)(?![a-z])")
_BRAND = re.compile(r"cloudtrail|activity log|aktivitatsprotokoll|journal d'activite|registros? de actividad")


def logs_of_other(norm: str, m: Any, prev: Any, logged: Sequence[str]) -> bool:
    """ "a Postgres database with audit logging", "une base avec journalisation d'audit", "eine
    Datenbank mit Audit-Logging": a generic log word right after "with" following a resource that
    keeps logs of its own (a `logs` setting in the registry) is that resource's logs, not a trail."""
    if prev is None or prev.kind == m.kind or prev.kind not in logged:
        return False
    word = norm[m.start : m.end]
    last = max([prev.end] + [e for _, e in prev.extra])
    tie = _WITH.fullmatch(norm[last : m.start])
    if tie is None or _BRAND.search(word):
        return False
    return bool(tie.group("log") or _LOG_WORD.search(word))


_FOR_OWN = re.compile(rf"\s+(?:for|para|pour|fur)\s+(?:our|my|{lx.ARTICLE_RE}|nuestr[oa]s?|mi|notre|nos|mon|ma"
                      r"|unser(?:e[nmrs]?)?|mein(?:e[nmrs]?)?)\s*(?:[a-z0-9-]+\s+)?$")


_OUR_HEAD = re.compile(r"(?:^|[.;!?\n]\s*)(?:for|para|pour|fur)\s+(?:our|my|nuestr[oa]s?|mi|notre|nos|mon|ma"
                       r"|unser(?:e[nmrs]?)?|mein(?:e[nmrs]?)?)\s+(?:[a-z0-9]+[\s-])?$")


def runs_own(norm: str, m: Any, prev: Any) -> bool:
    """ "a Cloud Run service for our API", "un servicio ECS para nuestra API": a word of the same
    kind right after "for our" is what the resource before it runs, that one again."""
    if prev is None or prev.kind != m.kind or "dlq" in (prev.variant, m.variant):
        return False
    last = max([prev.end] + [e for _, e in prev.extra])
    return bool(_FOR_OWN.fullmatch(norm[last : m.start]))


def heading_for_own(norm: str, m: Any, nxt: Any) -> bool:
    """ "Pour notre API de facturation : trois conteneurs sur Fargate", "For our checkout API: 2
    containers on ECS": a heading naming the request's own application, followed by what runs it,
    asks for that one only (with its count), not one more."""
    if nxt is None or nxt.kind != m.kind or not _OUR_HEAD.search(norm[max(0, m.start - 20) : m.start]):
        return False
    return bool(re.fullmatch(r"[^.;!?\n:]{0,40}:\s*(?:[a-z0-9-]+\s+){0,2}", norm[m.end : nxt.start]))


_OUR_SUBJECT = re.compile(
    r"(?<![a-z])(?:that|which|where|to which|que|al que|a la que|donde|ou|auquel|dans lequel|die|das|den|in den"
    rf"|in das|wo)\s+(?:(?:{lx.ARTICLE_RE}) |l')?(?:our|nuestr[oa]s?|notre|nos|unser(?:e[nmrs]?)?)\s+"
    r"(?:[a-z0-9-]+\s+)?$")


def our_user(norm: str, start: int) -> bool:
    """ "a bucket that our web app uploads to", "un bucket donde nuestra app sube fotos", "un bucket
    ou notre app depose", "ein Bucket, in den unsere App hochladt": the request's own application,
    the subject of a clause about the resource asked for, uses it; it is not asked for here."""
    return bool(_OUR_SUBJECT.search(norm[max(0, start - 40) : start]))


_ON_MACHINES = re.compile(r"\s+(?:(?:running|deployed|hosted|installed|lauft|laufend|desplegada?|deployee?)\s+)?"
                          r"(?:on|onto|auf|sur|en|across|uber)\s+(?:[a-z0-9]+\s+){0,2}$")


def app_on_machines(norm: str, m: Any, nxt: Any, vms: Sequence[str], platform: str) -> bool:
    """ "a web app on two EC2 instances", "eine Web-App auf zwei EC2-Instanzen", "une appli web sur
    deux VM": an application put on virtual machines runs there; it is no managed service of its own
    (a platform's own word, "an ECS service on EC2", still is)."""
    if nxt is None or nxt.kind not in vms or re.search(rf"(?<![a-z])(?:{platform})(?![a-z])", norm[m.start : m.end]):
        return False
    return bool(_ON_MACHINES.fullmatch(norm[m.end : nxt.start]))


# ------------------------------------------------------------------ the owner of a thing -------------

# what a resource owns that the request speaks of: its key, password, credentials, replica, snapshot
_THING = (r"(?:ssh |private |public |access |admin )?(?:keys?|passwords?|credentials?|secrets?|logins?|tokens?"
          r"|connection strings?|(?:read )?replicas?|snapshots?|endpoints?|certificates?"
          r"|(?:clave|llave)s?(?: ssh| privada| de acceso)?|contrasenas?|credenciales?|replicas?(?: de lectura)?"
          r"|cadenas? de conexion|(?:cle|cles)(?: ssh| privee| d'acces)?|mots? de passe|identifiants?"
          r"|replicas?(?: en lecture)?|chaines? de connexion|(?:ssh-)?schlussel|passworter|passwort|kennwort"
          r"|zugangsdaten|replikat|replikate|verbindungszeichenfolge)")
_OF_THE = re.compile(rf"(?<![a-z])(?:{_THING})\s+(?:(?:of|de|del|du|des|von|d')\s*"
                     rf"(?:{lx.ARTICLE_RE}|our|nuestr[oa]s?|notre|nos|unsere[mrn]?)"
                     r"|del|du|des|vom|der|des|unserer|unseres)\s*$")
_S_THING = re.compile(rf"[\s-](?:{_THING})(?![a-z])")
_DEF_BEFORE = re.compile(r"(?<![a-z])(?:the|our|its|their|[a-z]+'s)\s+$")


def owner_of_thing(norm: str, start: int, end: int) -> bool:
    """ "a secret for the SSH key of the bastion", "la clave SSH del bastion", "the DB password", "a
    read replica of the DB", "das Passwort der Datenbank": a definite word owning the thing the
    request speaks of names a resource the request does not ask for (when it names none of that
    kind itself); "a new database and its password" still asks for one."""
    if _OF_THE.search(norm[max(0, start - 45) : start]):
        return True
    return bool(_S_THING.match(norm, end) and _DEF_BEFORE.search(norm[max(0, start - 12) : start]))


# ------------------------------------------------------------------ the users of a store -------------

_BETWEEN = re.compile(
    r"(?<![a-z])(?:between|among|entre|zwischen|unter)\s+"
    rf"(?:(?:{lx.alt(lx.PLURAL_ARTICLES)}|our|all (?:the|our)|nuestr[oa]s|todas las|todos los|nos|tous les"
    r"|toutes les|den"
    r"|unsere[n]?|alle[n]?)\s+)(?:[a-z0-9-]+\s+)?$")
_FOR_THE = re.compile(rf"(?<![a-z])(?:for|para|pour|fur)\s+(?:{lx.alt(lx.PLURAL_ARTICLES)}|den)\s+(?:[a-z0-9-]+\s+)?$")
# whose they are: "the VMs of the render team", "las VMs del equipo", "les conteneurs de l'equipe data"
_WHOSE = re.compile(rf"\s+(?:of|del|de la|de los|de las|du|des|de l'|der|des|vom|von)\s+"
                    rf"(?:(?:{lx.ARTICLE_RE}|our) |l')?"
                    r"(?:[a-z0-9-]+\s+)?(?:team|teams|equipo|equipos|equipe|equipes|teams?|abteilung|department"
                    r"|departamento|departement|group|grupo|groupe|gruppe)(?![a-z])")


def users_of_store(norm: str, m: Any, prev: Any, compute: Sequence[str]) -> bool:
    """ "Azure Files to share files between the VMs of the render team", "un EFS partage entre les
    conteneurs de l'equipe data", "ein Dateisystem fur die Container des Teams": the machines or
    containers a store named before is shared between, or that belong to a team, are its users,
    not more resources ("a file system shared by our containers" alone may still ask for them)."""
    if prev is None or prev.kind in compute or m.kind not in compute:
        return False
    last = max([prev.end] + [e for _, e in prev.extra])
    if re.search(r"[;!?\n]|\.(?![a-z0-9])", norm[last : m.start]) or m.start - last > 90:
        return False
    before = norm[max(0, m.start - 40) : m.start]
    return bool(_BETWEEN.search(before) or (_BETWEEN.search(before) or _FOR_THE.search(before))
                and _WHOSE.match(norm, m.end))
