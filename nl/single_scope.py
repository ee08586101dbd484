"""A resource kept to one zone or one region (issue 14, attribute recall).

"a single-AZ database", "una base en una sola zona", "eine Datenbank in nur einer Zone", "CloudTrail ...
nur in einer Region", "un trail mono-région", "in a single region only": the registry's `multi_<scope>`
switch of the nearest resource holding it is off. The switches come from the registry (every boolean
attribute named `multi_<scope>`); the words for a scope and for "one only" are tables here, per language.
"""

from __future__ import annotations

import functools
import re

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool

from .readers import Tools

# the words for a scope a `multi_<scope>` switch spreads over
_SCOPE_WORDS = {
    "az": r"az|zone|zona|zonen?|availability zone|zona de disponibilidad|zone de disponibilite|verfugbarkeitszone",
    "region": r"region|regionen?|regiones",
}
# "single", "one ... only", "una sola", "une seule", "nur einer", "mono-"
_ONE = (r"single|one|only one|just one|una sola|un solo|una unica|une seule|un seul|une unique|mono"
        r"|nur (?:in )?einer|einer einzigen|einzigen|nur eine[rn]?|eine[rn]? einzige[n]?")


@functools.cache
def _switches() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(attribute, scope words, holders) for each `multi_<scope>` switch of the registry."""
    out: dict[str, set[str]] = {}
    for kind, spec in KINDS.items():
        for a in spec.attrs:
            if a.name.startswith("multi_") and isinstance(a.type, TBool) and a.name[6:] in _SCOPE_WORDS:
                out.setdefault(a.name, set()).add(kind)
    return tuple((attr, _SCOPE_WORDS[attr[6:]], tuple(sorted(kinds))) for attr, kinds in sorted(out.items()))


def single_scope(t: Tools) -> None:
    for attr, scope, holders in _switches():
        rx = re.compile(rf"(?<![a-z])(?:(?:in|en|dans|im|auf)\s+)?(?:{_ONE})[\s-]*(?:{scope})(?![a-z])"
                        rf"(?:\s+(?:only|seulement|solamente|nur))?")
        for m in rx.finditer(t.norm):
            if not t.free(m.start(), m.end()):
                continue
            r = t.target(m.start(), holders)
            if r is not None and attr not in r.stated_attrs:
                t.put(r, attr, False)
                t.use(m.start(), m.end())
