"""A service named with the protocol it speaks is one resource of the protocol's kind (issue 14,
resource precision): "Event Hubs with a Kafka endpoint", "Event Hubs con endpoint Kafka",
"un espace Event Hubs exposant le protocole Kafka", "Event Hubs Namespace mit Kafka-Endpunkt",
"a Kafka-compatible event stream". The kind's word qualified as an endpoint, a protocol, an
interface or a compatibility says which kind the user wants; the host service's word next to it in
the same phrase is how the user's cloud offers it, not a second resource. Both must be data services
(the registry's `stores_data` trait): "a Lambda with an API Gateway endpoint" names two resources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx

# "... with a Kafka endpoint", "con endpoint Kafka", "exposant le protocole Kafka", "mit Kafka-Endpunkt":
# a feature the host offers, named by the protocol's kind word and a qualifier on either side
_QUALIFIER = (r"(?:endpoints?|endpunkte?n?|protocol[eo]?s?|protokolls?|interfaces?|schnittstellen?|surface"
              r"|compatib(?:le|ility)|kompatib(?:el|ilitat))")
_OFFERS = (r"(?:with|mit|con|avec|exposing|exposant|exponiendo|speaking|offering|via|using|over|uber|sobre)"
           rf"(?:\s+(?:{lx.ARTICLE_RE}|{lx.INDEFINITE_RE}))?")
_TRAILING = re.compile(rf"[\s-]*{_QUALIFIER}(?![a-z])")
_LEADING = re.compile(rf"{_QUALIFIER}\s+(?:(?:de|del|du|des|d'|for|para|pour|fur)\s+)?(?:(?:{lx.ARTICLE_RE})\s*)?$")
_COMPATIBLE = re.compile(r"(?:compatible|kompatibel)\s+(?:with|con|avec|mit|to|a|zu)\s+$")
_SUFFIXED = re.compile(r"-(?:compatible|kompatible[nrs]?)(?![a-z])")
_CLAUSE_END = re.compile(r"[.;:!?\n]|,\s")
_WITHIN = 60


def _carried(norm: str, a: Any, b: Any) -> bool:
    """Whether mention `b` names a protocol that the service of mention `a` carries."""
    if a.end > b.start:  # "a Kafka-compatible Event Hubs namespace"
        suffix = _SUFFIXED.match(norm, b.end)
        return suffix is not None and bool(re.fullmatch(r"[\s-]*(?:[a-z]+[\s-]+)?", norm[suffix.end() : a.start]))
    gap = norm[a.end : b.start]
    if len(gap) > _WITHIN or _CLAUSE_END.search(gap):
        return False
    if _COMPATIBLE.search(gap):  # "Event Hubs compatible with Kafka"
        return True
    offered = re.search(rf"(?<![a-z]){_OFFERS}\s+(?P<rest>(?:[a-z'-]+\s+){{0,3}})$", gap)
    if offered is None:
        return False
    # "with a Kafka endpoint", "mit Kafka-Endpunkt"; "con endpoint Kafka", "avec le protocole Kafka"
    return bool(_TRAILING.match(norm, b.end) or _LEADING.search(offered.group("rest")))


def _both_stores(a: str, b: str) -> bool:
    """A data service carries another data service's protocol (Event Hubs speaks Kafka, Cosmos DB
    speaks MongoDB); "a Lambda with an API Gateway endpoint" names two resources."""
    return "stores_data" in KINDS[a].traits and "stores_data" in KINDS[b].traits


def hosts(norm: str, mentions: Sequence[Any]) -> list[Any]:
    """The mentions that only say which service carries a protocol named next to them."""
    drop: list[Any] = []
    for b in mentions:
        if b.kind is None or b in drop:
            continue
        for a in mentions:
            if a is not b and a.kind not in (None, b.kind) and a not in drop and _both_stores(a.kind, b.kind) \
                    and _carried(norm, a, b):
                drop.append(a)
                break
    return drop


def _compatible_same(norm: str, a: Any, b: Any) -> bool:
    """ "an Aurora cluster, Postgres-compatible", "an Aurora cluster compatible with MySQL": the
    engine the resource named just before speaks."""
    gap = norm[max([a.end] + [e for _, e in a.extra]) : b.start]
    if len(gap) > _WITHIN or re.search(r"[.;:!?\n]|(?<![a-z])(?:and|or|y|o|et|ou|und|oder|plus)(?![a-z])", gap):
        return False
    # "an Aurora Serverless v2 cluster, Postgres-compatible": a few words of the same phrase between
    return bool(_COMPATIBLE.search(gap) or (_SUFFIXED.match(norm, b.end)
                                            and re.fullmatch(r"(?:[\s-]+[a-z0-9.]+){0,3}\s*,?\s*", gap)))


def compatible_again(norm: str, mentions: Sequence[Any]) -> list[Any]:
    """`mentions` with a word naming the engine the resource before it is compatible with folded into
    that resource (its variant), not a second resource of the kind."""
    out: list[Any] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == m.kind and m.kind is not None and _compatible_same(norm, prev, m) \
                and prev.variant in (None, m.variant):
            prev.extra.append((m.start, m.end))
            prev.variant = prev.variant or m.variant
            continue
        out.append(m)
    return out
