"""A service tier said by name: "standard2 tier", "Tier basic", "niveau standard2", "nivel C1",
"SKU P2". The word next to the tier word is the `instance` (size or tier) of the nearest resource
whose kind takes one as free text; a value its cloud's validator refuses is dropped by `settle` with
a note, so a tier never breaks the file. Words that describe rather than name a tier ("the free
tier", "a higher tier") are not values.
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TStr

from . import lexicon as lx
from .readers import Tools

_TIER = r"tier|niveau|nivel|stufe|sku|pricing tier|tarif"
_VALUE = r"[a-z][a-z0-9_]*\d[a-z0-9_]*|[a-z]{3,}"
_NOT_A_TIER = lx.words(lx.ARTICLES, lx.INDEFINITE, lx.PARTITIVES) | frozenset({
    "free", "same", "higher", "lower", "top", "this", "that", "each", "one", "our", "any", "every", "pricing",
    "service", "price", "with", "and", "und", "avec", "con", "mit", "en", "im", "in", "on", "cheapest", "smallest",
})
_BEFORE = re.compile(rf"(?<![\w.-])(?P<v>{_VALUE})[\s-]+(?:{_TIER})(?![a-z])")
_AFTER = re.compile(rf"(?<![a-z])(?:{_TIER})\s*(?::|=)?\s*(?P<v>{_VALUE})(?![\w.-])")


def _holders() -> tuple[str, ...]:
    return tuple(k for k, s in KINDS.items() if isinstance(getattr(s.attr("instance"), "type", None), TStr))


def tiers(t: Tools) -> None:
    holders = _holders()
    for rx in (_AFTER, _BEFORE):
        for m in rx.finditer(t.norm):
            a, b = m.span("v")
            if m.group("v") in _NOT_A_TIER or not t.free(a, b):
                continue
            r = t.target(a, holders)
            if r is None or "instance" in r.stated_attrs:
                continue
            if t.put(r, "instance", t.text[a:b]):
                t.use(m.start(), m.end())
