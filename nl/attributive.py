"""An adjective placed before its noun belongs to that noun: "a Memcached cache and an encrypted S3
bucket", "ein Memcached-Cache und ein verschlüsselter S3-Bucket", "une file et un nouveau bucket
chiffré" (the last is the es/fr order, which the nearest-noun rule already reads).

The nearest resource by characters is the previous noun when the adjective opens the next noun
phrase; an article or indefinite right before the adjective and a resource's words right after it
(nothing but one more word between, no punctuation) say which noun the adjective qualifies.
"""

from __future__ import annotations

import re

from .lexicon import DETERMINER_RE
from .model import Res, Spec

# the determiner that opens the noun phrase the adjective stands in ("an", "ein", "der", "un")
_OPENED = re.compile(rf"(?<![a-z])(?:{DETERMINER_RE})\s+$")
# at most one other word (a product name, another adjective) between the adjective and the noun
_BETWEEN = re.compile(r"[\s-]+(?:[\w.]+[\s-]+)?")


def noun_after(norm: str, a: int, b: int, spec: Spec, kinds: tuple[str, ...]) -> Res | None:
    """The resource of one of `kinds` whose words follow the adjective at a..b inside the noun
    phrase a determiner opened right before it, if any."""
    if not _OPENED.search(norm[max(0, a - 12) : a]):
        return None
    best: tuple[int, Res] | None = None
    for r in spec.resources:
        if r.kind not in kinds:
            continue
        for x, _ in r.spans:
            # a compound noun may start with the product name: "S3-Bucket", "SNS-Topic"
            if x >= b and _BETWEEN.fullmatch(norm[b:x]) and (best is None or x < best[0]):
                best = (x, r)
    return best[1] if best else None


# "for the alarms", "für die Alarme", "pour les alertes", "para las alarmas": what the head noun is for
_PURPOSE = re.compile(rf"(?<![a-z])(?:for|fur|pour|para)\s+(?:(?:{DETERMINER_RE})\s+)?(?:[\w-]+\s+)?$")
_APPOSITION = re.compile(r"\s*,\s*(?:[a-z]+\s+)?")


def purpose_head(norm: str, a: int, spec: Spec, kinds: tuple[str, ...]) -> Res | None:
    """ "an SNS topic for the alarms, encrypted", "SNS-Topic für die Alarme, unverschlüsselt": the
    adjective after a purpose phrase qualifies the noun the phrase is about (the topic), not the
    noun inside it (the alarms)."""
    ends = [(y, x, r) for r in spec.resources for x, y in r.spans if y <= a]
    if not ends:
        return None
    y, x, inner = max(ends, key=lambda e: e[0])
    lo = max(0, x - 30)
    purpose = _PURPOSE.search(norm[lo:x])
    if purpose is None or not _APPOSITION.fullmatch(norm[y:a]):
        return None
    start = lo + purpose.start()
    for r in spec.resources:
        if r is not inner and r.kind in kinds and any(not norm[yy:start].strip() for _, yy in r.spans if yy <= start):
            return r
    return None
