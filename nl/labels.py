"""A label right after a kind's word names which resource of that kind is meant (issue 14, resource
precision): "a job reading the bucket landing and writing the bucket archive", "lee del bucket raw y
escribe en el bucket curated", "le bucket brut et le bucket « curated »", "liest den Bucket rohdaten
und schreibt in den Bucket export". An article before the word points back at a resource already
named only when no label tells them apart: two different labels are two resources.

A label is a quoted word, or one word that is no function word, no attribute name or value of the
kind (read from the registry) and is followed by the end of the phrase (a conjunction, a preposition,
a punctuation mark)."""

from __future__ import annotations

import re
from functools import cache

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TEnum

_QUOTED = re.compile(r"\s*(?:[\"'`]|«\s*|“|‘)([a-z0-9][a-z0-9._-]*[a-z0-9])(?:[\"'`]|\s*»|”|’)")
_BARE = re.compile(
    r"\s+([a-z][a-z0-9_-]{1,30})(?=\s*(?:$|[,;.)!?]|\s(?:and|or|to|into|from|then|every|each|y|o|a|al|en|hacia|cada"
    r"|todas|todos|et|ou|vers|dans|chaque|tous|toutes|und|oder|nach|in|jeden|jede|taglich)(?![a-z])))"
)
# words that follow a kind's word without naming it (function words, states, qualifiers)
_NOT_A_LABEL = frozenset(
    "a an the of for with without is are was be it its this that which who and or to in on at by as per"
    " only also too first second main other same new existing private public encrypted enabled disabled"
    " on off yes no must should will can stays each every all both one two three"
    " el la los las un una de del con sin es son para por que y o su sus mismo misma principal privado privada"
    " publico publica cifrado cifrada nuevo nueva otro otra"
    " le les un une des du avec sans est sont pour par qui et ou son sa ses meme principal principale prive privee"
    " chiffre chiffree nouveau nouvelle autre"
    " der die das den dem des ein eine einen mit ohne ist sind fur von und oder sein seine privat privater"
    " offentlich verschlusselt neuer neue anderer andere haupt".split()
)


@cache
def _kind_words(kind: str) -> frozenset[str]:
    """Attribute names and enum values of `kind`: a setting, never a label."""
    words: set[str] = set()
    for a in KINDS[kind].attrs:
        words.update(a.name.split("_"))
        if isinstance(a.type, TEnum):
            words.update(str(v) for v in a.type.values)
    return frozenset(words)


def label_after(norm: str, end: int, kind: str) -> str | None:
    """The label right after a kind's word ending at `end`, or None."""
    m = _QUOTED.match(norm, end)
    if m is not None:
        return m.group(1)
    m = _BARE.match(norm, end)
    if m is None:
        return None
    word = m.group(1)
    if word in _NOT_A_LABEL or word in _kind_words(kind) or word.isdigit():
        return None
    return word
