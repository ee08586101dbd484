"""Two words of a request that name one resource, not two (issue 14, the right kind and count).

- The tool a resource is made with, named after it: "the ingress-nginx chart on it using Helm",
  "el chart de prometheus vía Helm", "le chart cert-manager, installé avec Helm", "das Chart per Helm":
  a bare word (no article, no count) of the kind just named in the same sentence, right after an
  instrument preposition, is that resource again.
- What a resource is, said in a parenthesis right after its word: "the db box (an r6i.2xlarge EC2
  instance)", "le serveur de la base (une VM Standard_E4s_v5)", "der Datenbank-Host (eine EC2-Instanz)":
  a parenthesis that opens with an article and names a resource of another kind says what the word
  before it is; that word (and the one or two after it: "box", "server", "host") is the role the
  resource plays, not a resource of its own kind.
Kinds are compared, never named; the words here are prepositions and articles, one table each.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx
from .extras import absorb

# an instrument: "using", "via", "with" ... (a bare kind word after it names the means, not one more)
_BY_MEANS_OF = (r"using|via|through|with|by means of|usando|utilizando|mediante|con|avec|par|en utilisant"
                r"|mit|per|uber|mittels")
_INSTRUMENT = re.compile(rf"(?<![a-z])(?:{_BY_MEANS_OF})\s+$")
_SENTENCE = re.compile(r"[;!?\n]|\.(?![a-z0-9])")
# "(an ...", "(une ...", "(eine ...": an indefinite article opening a parenthesis, after at most three
# words ("box", "de la base"), maybe before a machine size ("(a Standard_E4s_v5 VM)")
_A = rf"one|{lx.INDEFINITE_RE}"
_OPENS = re.compile(rf"(?:\s+[a-z][a-z'-]{{1,14}}){{0,3}}\s*\(\s*(?:{_A})\s+(?:[a-z0-9]+_[a-z0-9_]+\s+)?")
# a genitive between a head noun and its complement: "server of the", "serveur de la", "VM der", "-"
_OF_THE = re.compile(r"\s*-\s*|\s+(?:(?:of|for|de|del|du|des|d'|von|fur)\s*)?"
                     rf"(?:(?:{lx.ARTICLE_RE}|our|unserer)\s*)?")
_CLOSES = re.compile(r"[^()]{0,40}\)")


def _end(m: Any) -> int:
    return max([m.end] + [e for _, e in m.extra])


def by_means_of(norm: str, keep: list[Any]) -> list[Any]:
    """Drop a bare same-kind word after an instrument preposition ("... chart on it using helm")."""
    out: list[Any] = []
    for m in keep:
        prev = next((p for p in reversed(out) if p.kind == m.kind), None)
        if (prev is not None and prev.variant == m.variant and not m.instance
                and _INSTRUMENT.search(norm[max(0, m.start - 20) : m.start])
                and not _SENTENCE.search(norm, _end(prev), m.start)):
            absorb(prev, m)
            continue
        out.append(m)
    return out


def said_what_it_is(norm: str, keep: list[Any]) -> list[Any]:
    """Drop a kind word whose parenthesis says it is a resource of another kind ("the db box (an EC2
    instance)"): the resource in the parenthesis is the one asked for; of the same kind, one resource."""
    drop: list[Any] = []
    for i, (a, b) in enumerate(zip(keep, keep[1:], strict=False)):
        if a.instance or _OPENS.fullmatch(norm, _end(a), b.start) is None or _CLOSES.match(norm, _end(b)) is None:
            continue
        if a.kind == b.kind:  # "the reporting server (a t3.large VM)": the same one, said again
            absorb(a, b)
            drop.append(b)
            continue
        b.extra.append((a.start, a.end))  # its role's words, not its settings: those were of the other kind
        drop.append(a)
        head = keep[i - 1] if i else None  # "le serveur de la base (une VM ...)": the head noun is that VM
        if head is not None and head.kind == b.kind and _OF_THE.fullmatch(norm, _end(head), a.start):
            absorb(head, b)
            drop.append(b)
    return [m for m in keep if not any(m is d for d in drop)]


# who uses a resource: "shared by the containers", "para los contenedores", "pour les conteneurs", "für die
# Container" — a definite article: containers the request speaks of, not asks for (a possessive — "our
# containers" — is left alone: tests/nl/corpus_app_services.jsonl reads it as asking for a service)
_USED_BY = re.compile(r"(?<![a-z])(?:for|by|para|pour|par|fur|von|zum|zur)\s+(?:all\s+|todos\s+|tous\s+|alle\s+)?"
                      rf"(?:{lx.alt(lx.PLURAL_ARTICLES)}|den)\s+$")
_CLAUSE = re.compile(r"[,;:.!?()\n]|\s(?:and|y|et|und|plus|also)\s")


def containers_served(norm: str, keep: list[Any], container_words: str) -> list[Any]:
    """ "an EFS file system shared by our containers", "EFS-Dateisystem für die Container": the
    containers a store is for are its users, not a container service more (a count or an article of
    their own — "and 3 containers" — still asks for one)."""
    out: list[Any] = []
    for m in keep:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind != m.kind and re.fullmatch(container_words, norm[m.start : m.end])
                and _USED_BY.search(norm[max(0, m.start - 30) : m.start])
                and not _CLAUSE.search(norm, _end(prev), m.start - 1)):
            continue
        out.append(m)
    return out


# what may stand before a word that asks for one more: an article, a count, a quantifier
_DETERMINED = re.compile(rf"(?:^|[^a-z])(?:{lx.DETERMINER_RE}|{lx.NUMBER_RE}|several|some|more|other|another|new"
                         r"|separate|unos|unas|otr[oa]s?|varios|varias|autres?|plusieurs|nouveaux|weitere|mehrere"
                         r"|neue)\s+(?:[a-z0-9.-]+\s+)?$")


@functools.cache
def _singular_words(kind: str) -> re.Pattern[str]:
    spec = KINDS[kind].nl
    return re.compile("|".join(f"(?:{w.pattern})" for w in spec.words) if spec else r"(?!)")


def _plural(kind: str, word: str) -> bool:
    """ "blobs", "buckets", "colas": a plural whose singular is a word of the same kind ("sqs" is none)."""
    last = word.rsplit(" ", 1)[-1]
    stems = [last[:-2]] if last.endswith("es") else []
    return last.endswith("s") and any(_singular_words(kind).fullmatch(w) for w in [last[:-1], *stems])


def contents_again(norm: str, keep: list[Any]) -> list[Any]:
    """ "a storage account for backups - cool tier, delete blobs after 180 days": a bare plural (no
    article, no count) of the kind named earlier in the same sentence speaks of that resource's
    contents or of it again, not of more resources of its kind."""
    out: list[Any] = []
    for m in keep:
        word = norm[m.start : m.end]
        prev = next((p for p in reversed(out) if p.kind == m.kind), None)
        # (an engine's name is no plural: "Postgres 15, Postgres 16" are two)
        if (prev is not None and m.variant is None and prev.variant is None and not m.instance
                and _plural(m.kind, word)
                and not _DETERMINED.search(norm[max(0, m.start - 30) : m.start])
                and not _SENTENCE.search(norm, _end(prev), m.start)):
            absorb(prev, m)
            continue
        out.append(m)
    return out


# "in", "on", "via" ... and an article: what ties a generic word to the product it is made in
# (one word of the generic one may sit between: "API REST en API Gateway")
_MADE_IN = re.compile(r"\s+(?:[a-z]+\s+)?(?:in|on|via|with|using|en|sur|dans|avec|con|auf|mit|bei|uber)\s+"
                      rf"(?:(?:{lx.alt(lx.ARTICLES, lx.INDEFINITE)})\s*)?")


def _singleton(kind: str) -> bool:
    spec = KINDS[kind].nl
    return spec is not None and spec.singleton


def made_in(norm: str, keep: list[Any]) -> list[Any]:
    """ "a REST API in API Gateway", "une API sur API Management": a generic word sharing a word with
    the name of a one-per-deployment product right after it ("in", "on", "via" ...) is that product
    — a resource of the product's kind, not one more of the generic word's."""
    drop: list[Any] = []
    for a, b in zip(keep, keep[1:], strict=False):
        if (a.kind == b.kind or a.extra or a.instance or not _singleton(b.kind)
                or _MADE_IN.fullmatch(norm, a.end, b.start) is None):
            continue
        if set(re.findall(r"[a-z]{3,}", norm[a.start : a.end])) & set(re.findall(r"[a-z]{3,}", norm[b.start : b.end])):
            b.extra.append((a.start, a.end))
            drop.append(a)
    return [m for m in keep if not any(m is d for d in drop)]


def overlapping_engine(chosen: list[Any], found: list[Any]) -> None:
    """ "la instancia de RDS MySQL": the longest reading ("instancia de rds") wins the words, but an
    overlapping reading of the same kind that names an engine ("rds mysql") still says which engine
    it is — the chosen mention takes the engine and the other reading's words."""
    for c in chosen:
        if c.variant is not None:
            continue
        for f in found:
            if (f is not c and f.kind == c.kind and f.variant is not None and f.start < c.end and c.start < f.end
                    and f.end > c.end):
                c.variant = f.variant
                c.extra.append((c.end, f.end))
                break


# a genitive with its article: "of the", "de la", "del", "du", "de l'", "der", "des", "von der"
_GENITIVE = re.compile(rf"\s+(?:(?:of|von|de)\s+(?:{lx.ARTICLE_RE})|(?:{lx.alt(lx.PARTITIVES)})|der)\s*")


def machine_of_a_store(norm: str, keep: list[Any], machines: tuple[str, ...]) -> list[Any]:
    """ "la VM de la base de datos antigua", "the VM of the database", "die VM der Datenbank": a store
    named as what a machine is for, in a genitive right after the machine's word, is the machine's role,
    not one more resource."""
    drop: list[Any] = []
    for a, b in zip(keep, keep[1:], strict=False):
        if (a.kind in machines and b.kind not in machines and not b.instance
                and _GENITIVE.fullmatch(norm, _end(a), b.start)):
            a.extra.append((b.start, b.end))
            drop.append(b)
    return [m for m in keep if not any(m is d for d in drop)]


def paren_owner(norm: str, pos: int, resources: list[Any]) -> Any:
    """The resource whose words end right before the parenthesis `pos` sits in ("an RDS MySQL instance
    (deletion protection off, 100 GB)"), or None."""
    opened = norm.rfind("(", 0, pos)
    if opened < 0 or ")" in norm[opened:pos]:
        return None
    owners = [r for r in resources if any(0 <= opened - y <= 1 for _, y in r.spans)]
    return owners[0] if len(owners) == 1 else None


_IN_A_STORE = re.compile(rf"\s+(?:in|en|dans|im|inside|within)\s+(?:(?:{lx.alt(lx.ARTICLES, lx.INDEFINITE)})\s*)?")


def container_in_a_store(norm: str, keep: list[Any], container_words: str, stores: frozenset[str]) -> list[Any]:
    """ "un contenedor en Blob Storage", "a container in our storage account": a container word right
    before "in" and a store of objects is that store's container (the store), not a container service."""
    drop: list[Any] = []
    for a, b in zip(keep, keep[1:], strict=False):
        if (b.kind in stores and a.kind not in stores and not a.extra
                and re.fullmatch(container_words, norm[a.start : a.end])
                and _IN_A_STORE.fullmatch(norm, a.end, b.start)):
            b.extra.append((a.start, a.end))
            drop.append(a)
    return [m for m in keep if not any(m is d for d in drop)]
