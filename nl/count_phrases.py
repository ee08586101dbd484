"""A count named before its number: "Anzahl der Knoten: 4", "Knotenanzahl 3", "number of replicas = 3",
"número de réplicas 3", "nombre de réplicas : 3", "shard count 6".

The readers of counts expect the number first ("4 Knoten"); this rewrites such a phrase, in place
and with the same length (spans still index the request), as the number then the counted noun, so
every count reader of the registry's attributes reads it with no change of its own.
"""

from __future__ import annotations

import functools
import re

from .numbers import COUNTED

_BEFORE = r"number of|anzahl(?: der| an| von)?|numero de|nombre de|cantidad de|nombre d'|total de"
_AFTER = r"-?anzahl|[ -]count|[ _-]?zahl"


@functools.cache
def _phrase() -> re.Pattern[str]:
    noun = rf"(?:{COUNTED})"
    value = r"\s*(?:=|:|ist|est|es|is|of|de|von)?\s*(?P<n>\d+)(?![\d.,]\d|\s*(?:%|gb|go|mb|tb))"
    return re.compile(
        # "max receive count 3" is a name of its own (the lexicon reads it whole)
        rf"(?<![a-z])(?<!max )(?<!max_)(?<!maximum )"
        rf"(?:(?:{_BEFORE})\s+(?P<a>{noun})|(?P<b>{noun})(?:{_AFTER}))(?![a-z]){value}"
    )


def counts_first(norm: str) -> str:
    """`norm` with each "count of X: N" phrase written as "N X" (padded to its length)."""
    out = list(norm)
    for m in _phrase().finditer(norm):
        noun = m.group("a") or m.group("b")
        said = f"{m.group('n')} {noun}"
        out[m.start() : m.end()] = list(said + " " * (m.end() - m.start() - len(said)))
    return "".join(out)
