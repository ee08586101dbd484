"""The period of a rotation said after its verb, in four languages: "a secret that rotates every 30
days", "un secreto que rote cada 90 días", "un secret qui tourne tous les 90 jours", "ein Secret,
das alle 45 Tage rotiert" (German puts the period before the verb).

The verb alone is read in nl/offline.py (_switch_phrases, only when the resource just before it is
one that rotates); here only where its period stands, so the duration reader does not take it for
a schedule ("cada 90 días" after "rote" is not a function's timer).
"""

from __future__ import annotations

import re

_EVERY = r"every|each|cada|tous les|toutes les|alle|all"
_AFTER = re.compile(rf"\s+(?:(?:automatically|automaticamente|automatiquement|automatisch)\s+)?(?:{_EVERY})\s+")
_BEFORE = re.compile(rf"(?<![a-z])(?:{_EVERY})\s+$")


def period_span(
    norm: str, a: int, b: int, durations: list[tuple[int, int, float, bool]]
) -> tuple[int, int, float] | None:
    """(start, end, seconds) of the duration that is the period of the rotation verb at a..b."""
    after = _AFTER.match(norm, b)
    for x, y, secs, _ in durations:
        if after and x == after.end():
            return x, y, secs
        # "alle 45 Tage rotiert": the period right before the verb
        if y <= a and not norm[y:a].strip() and _BEFORE.search(norm[max(0, x - 14) : x]):
            return x, y, secs
    return None
