"""Which kind a request means and how many of it (issue 14, kind choice and counts).

A kind word matched on its own can name the wrong kind or the wrong number of resources:
- a cloud's service name built on "for" is written with the request's own preposition
  ("Cosmos DB para MongoDB", "Azure Cache pour Redis", "RDS für MySQL") or through its API
  ("Cosmos DB (API for MongoDB)"): one resource of the kind the whole name denotes;
- a product name next to a generic store noun ("a DynamoDB database", "eine Redis-Datenbank",
  "une base de donnees DynamoDB") is one resource of the product's kind, not a relational database more;
- code run by a CDN at its edge ("Lambda@Edge", "CloudFront Functions") is part of the CDN, not a function;
- a resource given to each of several others ("each queue with its own Lambda", "a Lambda per queue",
  "three queues with a DLQ each") is as many resources as those others;
- a plural named first with the definite article and counted later ("the Lambda functions ...; two
  Lambdas in Python") is one group: the count is its total, not more of them.
Kinds come from the registry (kind traits, KindSpec words); the human words per language live in the
tables below, one per concept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from autodeploy.compiler.kinds import KINDS

from . import kind_roles as roles
from . import lexicon as lx
from .lexicon import HOSTING_WORDS, NUMBER_RE, SERVICE_PLATFORM

# ---------------------------------------------------------------- service names --------------------

# the preposition a service name is built on, per language ("Azure Database for / para / pour / für ...")
_FOR = (r"(?:(?:account|compte|cuenta|konto) )?(?:\(?(?:api )?(?:for|para|pour|fur) "
        rf"|(?:en|with|con|avec|mit)(?: (?:{lx.ARTICLE_RE}))? api(?: (?:for|de|para|pour|fur))? )")


def localized(pattern: str) -> str:
    """A kind's word pattern with the English "for " of a service name ("cosmos db for mongo ?db",
    "azure database for ") also read in Spanish, French and German, optionally through its API."""
    return re.sub(r"(?<![a-z])for ", lambda _: _FOR, pattern)


# ---------------------------------------------------------------- product + generic noun -----------

# nouns that say "a store of data" without saying which kind: the product next to one names the kind
GENERIC_STORE = re.compile(r"databases?|datenbank(?:en)?|bases? de (?:datos|donnees)|dbs?|data ?stores?")
_PRODUCT_THEN_NOUN = re.compile(r"[\s-]*")
_NOUN_THEN_PRODUCT = re.compile(r"[\s-]*|\s*\(\s*|\s+(?:de type|del tipo|de tipo|vom typ|of type|type)\s+")


def _stores() -> frozenset[str]:
    """Kinds a product name may make of a generic store noun: every kind that holds data an application
    reads, but messages (what a queue or topic holds), disks, secrets and audit trails (a control's)."""
    other = set(roles.holders("fifo")) | set(roles.DISKS) | set(roles.referenced("secrets"))
    return frozenset(k for k, spec in KINDS.items()
                     if spec.nl is not None and "stores_data" in spec.traits and not spec.control and k not in other)


_STORE_KINDS = _stores()


def product_names_store(norm: str, keep: list[Any]) -> list[Any]:
    """ "a DynamoDB database", "eine Redis-Datenbank", "une base de donnees DynamoDB", "a NoSQL database
    (Cosmos DB)": a generic store noun right next to another data kind's own name is that resource's
    word, not a relational database of its own."""
    out = list(keep)
    for i, m in enumerate(keep):
        if m not in out or not GENERIC_STORE.fullmatch(norm[m.start : m.end]):
            continue
        for j, gap_rx in ((i - 1, _PRODUCT_THEN_NOUN), (i + 1, _NOUN_THEN_PRODUCT)):
            if not 0 <= j < len(keep):
                continue
            p = keep[j]
            first, second = (p, m) if j < i else (m, p)
            if (
                p in out
                and p.kind != m.kind
                and p.kind in _STORE_KINDS
                and not GENERIC_STORE.fullmatch(norm[p.start : p.end])
                and gap_rx.fullmatch(norm[first.end : second.start])
            ):
                p.extra.append((m.start, m.end))
                out.remove(m)
                break
    return out


# ---------------------------------------------------------------- edge code -------------------------

_RUNS_CODE = roles.holders("trigger")  # kinds that run code on an event
_EDGE_AFTER = re.compile(rf"\s*@\s*edge|[\s-]+(?:at|on|en|sur|am|an der|a la|al) (?:(?:{lx.ARTICLE_RE}) )?"
                         r"edge(?![a-z])")
_EDGE_BEFORE = re.compile(r"(?:edge|cloudfront|front door)[\s-]+$")


def edge_code(norm: str, text: str, keep: list[Any], report: Callable[[str], None]) -> list[Any]:
    """ "Lambda@Edge", "CloudFront Functions", "edge functions", "Funktionen am Edge": code a CDN runs
    at its edge locations belongs to the CDN (which the DSL cannot program): no function of its own,
    said under "not understood"."""
    out = []
    for m in keep:
        if m.kind in _RUNS_CODE:
            after = _EDGE_AFTER.match(norm, m.end)
            before = _EDGE_BEFORE.search(norm[max(0, m.start - 16) : m.start])
            if after or before:
                a = m.start - len(before.group(0)) if before else m.start
                b = after.end() if after else m.end
                report(f"{text[a:b].strip()!r}: code run at a CDN's edge (the DSL cannot program one; not created)")
                continue
        out.append(m)
    return out


# ---------------------------------------------------------------- one for each ---------------------

_EACH = r"each|every|cada|chaque|chacune?|jede[nmrs]?|jeweils"
_OWN = (r"its own|their own|a dedicated|a separate|one|su propi[oa]|sus propi[oa]s|una? (?:propi[oa]|dedicad[oa])"
        r"|son propre|sa propre|ses propres|leur propre|une? (?:propre|dediee?)"
        r"|(?:seine?[nmrs]?|ihre?[nmrs]?|eine?[nmrs]?) eigene[nmrs]?|eigene[nmrs]?")
_OWN_BEFORE = re.compile(rf"(?<![a-z])(?:{_OWN})\s+(?:[a-z0-9.-]+\s+){{0,2}}$")
SINGLETONS = frozenset(k for k, spec in KINDS.items() if spec.nl is not None and spec.nl.singleton)
_EACH_RX = re.compile(rf"(?<![a-z])(?:{_EACH})(?![a-z])")
_EACH_AFTER = re.compile(rf"\s+(?:{_EACH})(?![a-z])")
_PER_AFTER = re.compile(
    r"(?:\s+[a-z0-9.-]+){0,3}?\s+(?:per|por|par|pro|je|for each|for every|para cada|por cada|pour chaque"
    rf"|fur jede[nmrs]?)\s+(?:(?:{lx.ARTICLE_RE})\s+)?"
    # "a Lambda processes each queue", "une fonction lit chaque file": a verb, then each of the others
    rf"|(?:\s+[a-z]+){{1,2}}\s+(?:{_EACH})\s+"
)
_SENTENCE = re.compile(r"[;!?\n]|\.(?![a-z0-9])|:\s")
# two roles, then "each" and the resource: "source and target each a bucket", "origen y destino, cada
# uno un bucket", "source et cible : chacune un bucket", "Quelle und Ziel jeweils ein Bucket"
_ROLES_EACH = re.compile(
    r"(?<![a-z])[a-z]{3,}\s+(?:and|und|y|e|et)\s+[a-z]{3,}\s*[,:]?\s*"
    rf"(?:each|jeweils|je|cada uno|cada una|chacune?|chacun)\s*(?:[,:]\s*)?(?:{lx.INDEFINITE_RE})?\s*$"
)


def _other(o: Any, m: Any) -> bool:
    """Whether `o` may be what `m` is given to: another kind, or a dead-letter queue's queues."""
    return o.kind is not None and (o.kind != m.kind or (m.variant == "dlq" and o.variant != "dlq"))


def _how_many(spec: Any, kind: str) -> int:
    return sum(1 for r in spec.resources if r.kind == kind and r.from_text and not r.name.startswith("dead_letters"))


def one_each(norm: str, m: Any, mentions: Sequence[Any], spec: Any) -> int:
    """How many resources the mention `m` names when it is given to each of several others: "each
    queue with its own Lambda", "three queues, each with its own function", "a Lambda per queue",
    "cada cola con su propia Lambda", "une fonction par file", "jede Queue mit eigener Lambda",
    "three queues with a DLQ each". 0 when it is not (or the others are not several)."""
    if m.kind in SINGLETONS:
        return 0
    if _ROLES_EACH.search(norm[max(0, m.start - 60) : m.start]):
        return 2  # "Quelle und Ziel jeweils ein S3-Bucket": one for each of the two roles
    owner = None
    per = _PER_AFTER.match(norm, m.end)
    if per is not None and not _SENTENCE.search(per.group(0)):
        owner = next((o for o in mentions if o.start == per.end() and _other(o, m)), None)
    if owner is None:
        start = norm.rfind("\n", 0, m.start) + 1
        stop = max([start] + [x.end() for x in _SENTENCE.finditer(norm, start, m.start)])
        own = _OWN_BEFORE.search(norm[stop : m.start])
        each_after = _EACH_AFTER.match(norm, m.end)
        if own is not None and not own.group(0).startswith("one") and _EACH_RX.search(norm[stop : m.start]):
            before = [o for o in mentions if stop <= o.start < stop + own.start() and _other(o, m)]
            owner = before[-1] if before else None
        elif each_after is not None or (own is not None and own.group(0).startswith("one")
                                          and _EACH_AFTER.match(norm, m.end)):
            before = [o for o in mentions if stop <= o.start < m.start and _other(o, m)]
            owner = before[-1] if before else None
    if owner is None or owner.kind is None:
        return 0
    n = _how_many(spec, owner.kind)
    return n if 2 <= n <= 10 else 0


# ---------------------------------------------------------------- a group counted later ------------

_DEFINITE = re.compile(rf"(?:^|[^a-z])(?:{lx.alt(lx.PLURAL_ARTICLES)}|alle)\s+(?:[a-z0-9.-]+\s+)?$")


def counted_again(norm: str, existing: Sequence[Any]) -> Any:
    """ "Orchestrate the Lambda functions ...; two Lambdas in Python": the one resource made of a plural
    first named with the definite article and no count, which a later count of its kind totals."""
    if len(existing) != 1 or not existing[0].spans:
        return None
    a, b = existing[0].spans[0]
    word = norm[a:b]
    plural = bool(re.search(r"(?:s|en)$", word))
    if plural and _DEFINITE.search(norm[max(0, a - 30) : a]):
        return existing[0]
    return None


# ---------------------------------------------------------------- the items of a count -------------

_ANOTHER_WORD = re.compile(r"another(?: one)?|one more|otr[oa]|une? autre|eine? weitere[rs]?|die andere|the other")
_FIRST_ITEM = re.compile(rf"(?<![a-z])(?:{lx.alt(lx.ONE_WORDS)})\s+"
                         r"(?:for|para|pour|fur|de|del|du|with|con|avec|mit)\s")
_SENTENCE_BREAK = re.compile(r"[;!?\n]|\.(?![a-z0-9])")


def items_of_a_count(norm: str, keep: list[Any], count_before: Callable[[Any], Any]) -> list[Any]:
    """ "Two Postgres databases, one for orders and another for users", "deux files, une pour X et une
    autre pour Y": after a counted plural, "one for ... and another for ..." names its items, not one more."""
    out: list[Any] = []
    for m in keep:
        if _ANOTHER_WORD.fullmatch(norm[m.start : m.end]):
            heads = [p for p in out if p.kind == m.kind and not _SENTENCE_BREAK.search(norm[p.end : m.start])
                     and (c := count_before(p)) and c[0] == c[1] >= 2]
            if heads and _FIRST_ITEM.search(norm[heads[-1].end : m.start]):
                continue
        out.append(m)
    return out


# ---------------------------------------------------------------- where an app runs ----------------

_ON_MACHINES = re.compile(
    rf"\s+(?:runs? |running |deployed |hosted |laufen |lauft |tourne |corre )?(?:on|onto|auf|sur|en)\s+"
    rf"(?:(?:{lx.INDEFINITE_RE}|{lx.ARTICLE_RE}|our|nos|nuestras?|unsere[nmr]?|{NUMBER_RE})\s+)?"
)


_PLATFORM = re.compile(rf"(?<![a-z])(?:{SERVICE_PLATFORM}|containers?|contenedor(?:es)?|conteneurs?)(?![a-z])")


def app_on_machines(norm: str, keep: list[Any]) -> list[Any]:
    """ "a web app on two EC2 instances", "une application web sur deux instances EC2", "eine Web-App auf
    zwei EC2-Instanzen": an application put on virtual machines runs there; it is no container service
    of its own (a container platform named for it is: "an app on ECS")."""
    out: list[Any] = []
    for i, m in enumerate(keep):
        nxt = keep[i + 1] if i + 1 < len(keep) else None
        if (m.kind in roles.REPLICATED and nxt is not None and nxt.kind in roles.VMS
                and not _PLATFORM.search(norm[m.start : m.end])
                and _ON_MACHINES.fullmatch(norm[max([m.end] + [e for _, e in m.extra]) : nxt.start])):
            continue
        out.append(m)
    return out


# ---------------------------------------------------------------- copies of a service --------------

_HOSTING = re.compile(HOSTING_WORDS)


def ranged_copies(norm: str, keep: list[Any], count_before: Callable[[Any], Any],
                  set_copies: Callable[[Any, str, str, tuple[int, int]], None]) -> list[Any]:
    """ "a Cloud Run service with image X and between 1 and 5 instances", "un servicio ... y entre 2 y 6
    instancias": a range of bare instances in the sentence of a replicated service is how far the
    service scales (its replicas), not an autoscaling group of VMs."""
    out: list[Any] = []
    for m in keep:
        prev = out[-1] if out else None
        if (m.kind in roles.VMS and not m.instance and _HOSTING.fullmatch(norm[m.start : m.end])
                and prev is not None and prev.kind in roles.REPLICATED and "replicas" not in prev.sets
                and not _SENTENCE_BREAK.search(norm[prev.end : m.start])):
            count = count_before(m)
            if count and count[0] < count[1]:
                set_copies(prev, prev.kind, "replicas", count)
                prev.extra.append((m.start, m.end))
                continue
        out.append(m)
    return out


# ---------------------------------------------------------------- named again -----------------------

_CLAUSE_START = re.compile(r"(?:^|[,;:.!?(\n\u2013\u2014]|\s-)\s*$")
# what makes a bare engine name one more: its own version, purpose or name ("Postgres 15, Postgres 16")
_NEW_ONE_AFTER = re.compile(r"[\s-]*(?:v?\d|\(|(?:for|para|pour|fur|named|called|llamad[oa]|nommee?|namens)\s)")
_THE = re.compile(rf"(?:^|[^a-z])(?:(?:{lx.ARTICLE_RE})\s+|l')$")
_COPULA = re.compile(
    r"(?:it's|it is|this is|that's|which is|c'est|ce sera|il s'agit d'|es|sera|se trata de|das ist|es ist|dies ist"
    r"|acting as|serving as|(?<!well )(?<!such )as|als|comme|como|en tant que)"
    rf"\s+(?:{lx.INDEFINITE_RE}|unser[e]?|our|notre|nuestr[oa])?\s*$"
)


def named_again(norm: str, m: Any, existing: Sequence[Any]) -> Any:
    """The one resource of `existing` the mention `m` speaks of again, or None:
    - a bare engine name opening a clause ("..., Postgres will cache the hot rows", "– MySQL 8.0 on
      Azure") when the one resource of its kind runs that engine or was named with the definite
      article and no engine ("Die Datenbank ... – MySQL 8.0");
    - a predicate after a copula ("un EC2 t3.small public (c'est un bastion)", "an EC2 instance as a
      bastion"): what the resource is, not one more."""
    if len(existing) != 1:
        return None
    r = existing[0]
    head = norm[max(0, m.start - 40) : m.start]
    if _COPULA.search(head) and not _SENTENCE_BREAK.search(norm[r.spans[-1][1] : m.start] if r.spans else "."):
        return r
    if m.variant is None or not _CLAUSE_START.search(head) or not r.spans:
        return None
    if r.variant == m.variant:
        return None if _NEW_ONE_AFTER.match(norm, m.end) else r
    a, _ = r.spans[0]
    if r.variant is None and _THE.search(norm[max(0, a - 12) : a]):
        return r
    return None


# ---------------------------------------------------------------- the platform it runs on ----------

_ONTO_END = re.compile(
    r"^[^.;:!?()]{0,40}?\s(?:on|onto|to|in|auf|nach|sur|vers|dans|en|a)\s+"
    rf"(?:(?:{lx.ARTICLE_RE}|{lx.INDEFINITE_RE})\s+)?(?:(?:azure|aws|amazon|google)\s+)?$"
)
_SERVICE_PLATFORM = re.compile(SERVICE_PLATFORM)


def runs_on_platform(norm: str, keep: list[Any]) -> list[Any]:
    """ "Die Container sollen einfach auf Azure Container Apps laufen", "the app should be deployed to
    ECS Fargate": a container platform a few words after a resource of its kind, in the same clause,
    is where that resource runs, not one more of it."""
    out: list[Any] = []
    for m in keep:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == m.kind and m.kind in roles.REPLICATED
                and _SERVICE_PLATFORM.fullmatch(norm[m.start : m.end])
                and _ONTO_END.match(norm[max([prev.end] + [e for _, e in prev.extra]) : m.start])):
            prev.extra.append((m.start, m.end))
            continue
        out.append(m)
    return out
