"""Whether a value word stands inside the words that name an on/off setting: "nur HTTPS" and
"HTTPS only" name the CDN's `https_only` switch, so their "HTTPS" is not a load balancer's
`protocol` value; "TLS only" is no protocol either.

The settings and their words come from the registry (the TBool attributes of the kinds present)
and the lexicon's attribute synonyms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool

from . import lexicon as lx


@lru_cache(maxsize=64)
def _phrases(kinds: frozenset[str]) -> re.Pattern[str] | None:
    syn = dict(lx.ATTR_SYNONYMS)
    names = sorted({a.name for k in kinds for a in KINDS[k].attrs if isinstance(a.type, TBool) and a.name in syn})
    if not names:
        return None
    return re.compile(rf"(?<![a-z0-9_])(?:{'|'.join(syn[n] for n in names)})(?![a-z0-9_])")


def inside_switch(norm: str, a: int, b: int, kinds: frozenset[str]) -> bool:
    """True when norm[a:b] lies inside a longer phrase naming a switch of one of `kinds`."""
    rx = _phrases(kinds)
    if rx is None:
        return False
    lo = max(0, a - 30)
    return any(lo + m.start() <= a and b <= lo + m.end() and m.end() - m.start() > b - a
               for m in rx.finditer(norm[lo : b + 30]))
