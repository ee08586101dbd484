"""Kind words that name a part, the contents or a feature of a resource the request names
(issue 14, resource precision on unseen text), wherever they stand:

- a part another kind's own words use ("Kafka topics"): "an MSK cluster ...; every topic gets 12
  partitions", "un cluster Kafka, chaque topic avec 6 partitions";
- the contents of a resource named before, as a bare plural: "a storage account ... - delete blobs
  after 180 days", "Speicherkonto fur Rechnungen, Blobs nach 90 Tagen loschen";
- the API a product speaks: "Cosmos DB with the MongoDB API", "the Kubernetes API", "l'API Kafka";
- the disk a virtual machine has: "three EC2 instances, each with a 200 GB data disk", "una VM
  con un disco de datos de 256 GB" (two or more disks, or "extra" ones, stay volumes).
A word with an article or a count of its own ("a topic", "two disks") asks for one of its own.
Which words are parts comes from the registry (the kinds' own NL words), never a list of kinds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TEnum

from . import kind_roles as roles
from .app_services import disks_before
from .extras import _words_of, absorb
from .lexicon import API_WORDS, ARTICLE_RE, INDEFINITE_RE, NUMBER_WORDS, PLURAL_ARTICLES, alt, mentions

Count = Callable[[Any], "tuple[int, int] | None"]

# a determiner that makes a word one of its own: an indefinite article, "another", a number
_OWN = "|".join(sorted({re.escape(w) for w in NUMBER_WORDS if " " not in w}, key=len, reverse=True))
_OWN_BEFORE = re.compile(
    rf"(?<![a-z])(?:{INDEFINITE_RE}|one|another|otr[oa]s?|autres?|weitere[nmrs]?|new|nuev[oa]s?"
    rf"|nouvel(?:le)?s?|nouveaux?|neue[nmrs]?|\d+|{_OWN})\s+(?:[a-z0-9.-]+\s+)?$"
)
_CLAUSE = re.compile(r"[,;:.!?()\n]")


def _own(norm: str, m: Any, count_before: Count) -> bool:
    """Whether the mention has an article or a count of its own ("a topic", "2 topics")."""
    head = _CLAUSE.split(norm[max(0, m.start - 30) : m.start])[-1]
    return bool(_OWN_BEFORE.search(head)) or count_before(m) is not None


def _same_role(a: Any, b: Any) -> bool:
    """A dead-letter queue is never the queue it serves."""
    return (a.variant == "dlq") == (b.variant == "dlq")


def _plain(norm: str, m: Any) -> str:
    word = norm[m.start : m.end]
    return word if re.fullmatch(r"[a-z]+", word) else ""


Owner = Callable[[Any, list[Any]], Any]


def _fold(keep: list[Any], owner_of: Owner, merge: Callable[[Any, Any], None] | None = None) -> list[Any]:
    """`keep` less the mentions `owner_of(m, kept so far)` names an owner for: their words join that
    owner's (`merge`, by default as one more span of it)."""
    out: list[Any] = []
    for m in keep:
        owner = owner_of(m, out)
        if owner is None:
            out.append(m)
        elif merge is not None:
            merge(owner, m)
        else:
            owner.extra.append((m.start, m.end))
    return out


def _last_end(m: Any) -> int:
    return max([m.end] + [e for _, e in m.extra])


# a universal quantifier: "every topic", "each topic", "cada topic", "chaque topic", "jedes Topic", "all topics"
_EVERY = re.compile(r"(?<![a-z])(?:every|each|all(?: the)?|cada|tod[oa]s (?:l[oa]s )?|chaque|tou(?:te)?s les"
                    r"|jede[mnrs]?|alle[n]?)\s+$")


def parts_of_named(norm: str, keep: list[Any]) -> list[Any]:
    """ "an MSK cluster with 3 brokers; every topic gets 12 partitions": "every" with a word that
    another named kind's own words use for a part of it ("Kafka topics") speaks of those parts, not
    of resources of the word's own kind, when no other word asks for one of that kind."""
    def owner_of(m: Any, _: list[Any]) -> Any:
        word = _plain(norm, m)
        if (not word or not _EVERY.search(norm[max(0, m.start - 20) : m.start])
                or any(n.kind == m.kind and n is not m for n in keep)):
            return None
        return next((n for n in keep if n.kind != m.kind and not n.weak
                     and {word, word + "s", word.removesuffix("s")} & _words_of(n.kind)), None)
    return _fold(keep, owner_of)


_DEFINITE = re.compile(rf"(?:^|\s)(?:{alt(PLURAL_ARTICLES)}|den)\s+$")


def _plural_of(word: str, kind: str) -> bool:
    """ "blobs", "Blobs": a plural the kind's own words write as one ("blobs?"); "postgres" is none."""
    stems = [(word[: -len(e)], e) for e in ("s", "es", "en") if word.endswith(e) and len(word) - len(e) >= 3]
    return any(re.search(rf"(?<![a-z]){re.escape(s)}{e}\?", p) for s, e in stems for k, _, p, _ in mentions()
               if k == kind)


def contents_again(norm: str, keep: list[Any], count_before: Count) -> list[Any]:
    """ "a storage account for backups - cool tier, delete blobs after 180 days": a bare plural
    (no article, or "the", and no count) of a kind named before speaks of that resource (its
    contents, its copies), not of more resources."""
    def owner_of(m: Any, out: list[Any]) -> Any:
        head = _CLAUSE.split(norm[max(0, m.start - 30) : m.start])[-1]
        bare = not head.strip() or _DEFINITE.search(head) or not re.search(r"(?:^|\s)[a-z']+\s+[a-z0-9.-]+\s+$", head)
        if (m.weak or m.kind is None or m.extra or not bare or not _plural_of(norm[m.start : m.end], m.kind)
                or _own(norm, m, count_before)):
            return None
        return next((p for p in reversed(out) if p.kind == m.kind and not p.weak and _same_role(p, m)), None)
    return _fold(keep, owner_of, absorb)


@functools.cache
def _kind_words(kind: str | None = None) -> tuple[re.Pattern[str], ...]:
    """The patterns of the words of `kind` (of every kind but a service's when None, of every kind
    when "*")."""
    return tuple(re.compile(rf"(?:{p})") for k, _, p, weak in mentions()
                 if not weak and (kind == "*" or (k == kind if kind else k not in roles.REPLICATED)))


def names_a_kind(token: str, kind: str | None = None) -> bool:
    """Whether `token` is a word of `kind` (of any kind but a service's when None)."""
    return any(rx.fullmatch(token) for rx in _kind_words(kind))


def api_of_product(norm: str, keep: list[Any]) -> list[Any]:
    """ "Cosmos DB with the MongoDB API", "the Kubernetes API", "l'API Kafka", "die S3-API": an API
    word right after (or, in es/fr, right before) the word of a product of another kind is the API
    that product speaks, a feature of the resource the request names, not a service of its own."""
    others = [n for n in keep if n.kind not in roles.REPLICATED and not n.weak]

    def owner_of(m: Any, _: list[Any]) -> Any:
        if not others or m.kind not in roles.REPLICATED or not re.fullmatch(API_WORDS, norm[m.start : m.end]):
            return None
        before = re.search(r"([a-z0-9]+)[\s-]$", norm[max(0, m.start - 20) : m.start])
        after = re.match(r"[\s-]([a-z0-9]+)(?![a-z0-9])", norm[m.end : m.end + 20])
        spanish_order = bool(re.search(r"(?:^|\s)(?:la|l'|el)\s*$", norm[max(0, m.start - 4) : m.start]))
        if before is not None and names_a_kind(before.group(1)):
            at = max(0, m.start - 20) + before.start(1)
        elif after is not None and spanish_order and names_a_kind(after.group(1)):
            at = m.end
        else:
            return None
        return min(others, key=lambda n: abs(n.start - at))
    return _fold(keep, owner_of)


_WITH = re.compile(r"\s*\)?\s*,?\s*(?:(?:each|every one|cada una?|chacune?|jeweils|je)\s+)?"
                   r"(?:with|having|con|avec|mit)\s+"
                   rf"(?:(?:{INDEFINITE_RE}|one|its own|su propio|son propre|eigene[mnr]?)\s+)?"
                   r"(?:[a-z0-9.-]+\s+){0,3}$")
_EXTRA = re.compile(r"(?<![a-z])(?:extra|additional|more|separate|adicional(?:es)?|separad[oa]s?|supplementaires?"
                    r"|separee?s?|zusatzliche[nmrs]?|weitere[nmrs]?|separate[nmrs]?)(?![a-z])")


def _extra(norm: str, m: Any) -> bool:
    """ "two 128 GB disks", "an additional disk": volumes of their own."""
    head = _CLAUSE.split(norm[max(0, m.start - 30) : m.start])[-1]
    return bool(_EXTRA.search(head)) or (disks_before(norm, m.start) or 1) > 1


def disks_of_vms(norm: str, keep: list[Any], vms: Sequence[str]) -> list[Any]:
    """ "three EC2 instances, each with a 200 GB data disk", "una VM con un disco de datos de 256 GB":
    one disk word tied by "with" to the virtual machine right before it is that machine's own disk
    (its size a setting of the machine); two disks, or "extra" ones, are volumes of their own."""
    def owner_of(m: Any, out: list[Any]) -> Any:
        prev = out[-1] if out else None
        if (prev is None or m.kind not in roles.DISKS or prev.kind not in vms or _extra(norm, m)
                or not _WITH.fullmatch(norm[_last_end(prev) : m.start])):
            return None
        return prev
    return _fold(keep, owner_of)


def attribute_values(norm: str, keep: list[Any]) -> list[Any]:
    """ "aws_lb (type network, internet-facing)", "load balancer, type: network": a kind's word
    right after the name of an attribute of another named resource that takes it as a value (an
    enum of the registry) is that value, not a resource."""
    def owner_of(m: Any, _: list[Any]) -> Any:
        word = _plain(norm, m)
        head = norm[max(0, m.start - 20) : m.start]
        return next((n for n in keep if n.kind != m.kind and word and any(
            isinstance(a.type, TEnum) and {word, word.removesuffix("s")} & set(a.type.values)
            and re.search(rf"(?<![a-z]){re.escape(a.name)}\s*[:=]?\s*$", head) for a in KINDS[n.kind].attrs)), None)
    return _fold(keep, owner_of)


# a cluster's profiles or namespaces that a platform word names: "Fargate profiles for the batch
# namespace", "perfiles Fargate", "profils Fargate", "Fargate-Profile", "Fargate fur den Namespace batch"
_PROFILE = re.compile(r"(?<![a-z])(?:profiles?|perfil(?:es)?|profils?|profil(?:e|en)?|namespaces?"
                      r"|espacios? de nombres|espaces? de noms)(?![a-z])")


def profiles_of_cluster(norm: str, keep: list[Any], clusters: Sequence[str]) -> list[Any]:
    """ "EKS 1.31 with Fargate profiles for the batch namespace", "EKS-Cluster, Fargate fur den
    Namespace batch": a service's word next to a profile or a namespace, in the sentence of a
    cluster, names where that cluster runs pods, not a service of its own."""
    named = [n for n in keep if n.kind in clusters]

    def owner_of(m: Any, _: list[Any]) -> Any:
        if m.kind not in roles.REPLICATED or not _PROFILE.search(norm[max(0, m.start - 12) : m.end + 30]):
            return None
        return next((n for n in named if not re.search(r"[;!?\n]|\.(?![a-z0-9])",
                                                        norm[min(n.end, m.end) : max(n.start, m.start)])), None)
    return _fold(keep, owner_of)


_TOOL = re.compile(r"(?<![a-z])(?:with|using|via|through|by|con|usando|mediante|avec|par|en utilisant|mit|uber|per)"
                   r"\s+$")


def tool_again(norm: str, keep: list[Any]) -> list[Any]:
    """ "install the ingress-nginx chart on it with helm", "deploy it using Helm": a bare word of a
    kind already named, after "with"/"using", is the tool that makes that resource, not one more."""
    def owner_of(m: Any, out: list[Any]) -> Any:
        if m.extra or not _TOOL.search(norm[max(0, m.start - 16) : m.start]):
            return None
        return next((p for p in reversed(out) if p.kind == m.kind and not p.weak and _same_role(p, m)), None)
    return _fold(keep, owner_of, absorb)


_LIKE = re.compile(r"\s*,?\s*(?:something like|some(?:thing)? such as|such as|e\.?g\.?|i\.e\.?|algo como|algo tipo|tipo"
                   r"|quelque chose comme|du genre|genre|so etwas wie|sowas wie|etwa|z\.?\s?b\.?)\s+")


def described_again(norm: str, keep: list[Any]) -> list[Any]:
    """ "a Redis cache, something like ElastiCache", "una cola, algo como SQS", "un cache, genre
    ElastiCache", "eine Queue, so etwas wie SQS": a word of the same kind right after "something
    like" says what the one before is, not one more."""
    def owner_of(m: Any, out: list[Any]) -> Any:
        prev = out[-1] if out else None
        if prev is None or prev.kind != m.kind or not _same_role(prev, m):
            return None
        return prev if _LIKE.fullmatch(norm[_last_end(prev) : m.start]) else None
    return _fold(keep, owner_of, absorb)


_IN_OWNER = re.compile(rf"\s+(?:in|inside|of|on|en|de|del|dans|du|im|in|auf|von)\s+(?:(?:{ARTICLE_RE})\s*)?")


def part_in_owner(norm: str, keep: list[Any]) -> list[Any]:
    """ "un contenedor en Blob Storage", "a container in the storage account", "ein Container im
    Speicherkonto": a bare word another kind's own words use for a part of it ("blob containers"),
    put in a resource of that kind named right after, is that part, not a resource of its own."""
    def owner_of(m: Any, _: list[Any]) -> Any:
        word = _plain(norm, m)
        i = next((j for j, n in enumerate(keep) if n is m), -1)
        nxt = keep[i + 1] if 0 <= i < len(keep) - 1 else None
        if (not word or nxt is None or nxt.kind == m.kind or nxt.weak
                or not {word, word + "s", word + "es", word.removesuffix("s")} & _words_of(nxt.kind)):
            return None
        return nxt if _IN_OWNER.fullmatch(norm[_last_end(m) : nxt.start]) else None
    return _fold(keep, owner_of)


# a relative clause saying what passes through the resource before: "an SNS topic through which alarms
# go to the ops team", "ein SNS-Topic, uber das Alarme gehen", "un topic SNS par lequel passent les alertes"
_THROUGH_WHICH = re.compile(
    r"\s*,?\s*(?:through which|via which|over which|by which|uber (?:das|den|die|welche[ns]?)|durch (?:das|den|die)"
    r"|par (?:lequel|laquelle|lesquels|lesquelles|ou)|por (?:el|la|los|las) que|por (?:donde|el cual|la cual))\s+"
    rf"(?:(?:{alt(PLURAL_ARTICLES)})\s+)?$")


def carried_by(norm: str, keep: list[Any]) -> list[Any]:
    """ "ein SNS-Topic, uber das Alarme ans Ops-Team gehen": what passes through the resource named
    right before is what it carries, not a resource of its own."""
    def owner_of(m: Any, out: list[Any]) -> Any:
        prev = out[-1] if out else None
        if prev is None or prev.kind == m.kind or m.extra:
            return None
        return prev if _THROUGH_WHICH.fullmatch(norm[_last_end(prev) : m.start]) else None
    return _fold(keep, owner_of)


def heading_again(norm: str, keep: list[Any], vms: Sequence[str]) -> list[Any]:
    """ "Servidor de partidas en Azure: un balanceador ... y un conjunto de 4 a 12 VMs", "Game server:
    an NLB and 4 VMs": a heading's machine word, before the colon that opens the request, is the
    machines the list after it names, not one more."""
    colon = re.match(r"[^:.;!?\n]{0,60}:", norm)
    if colon is None:
        return keep

    def owner_of(m: Any, _: list[Any]) -> Any:
        if m.kind not in vms or m.end > colon.end() or m.instance:
            return None
        return next((n for n in keep if n.kind == m.kind and n.start > colon.end() and not n.weak), None)
    return _fold(keep, owner_of, absorb)
