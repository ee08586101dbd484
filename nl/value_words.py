"""A value of an enumerated attribute said right beside the words that name its resource: inside
them or before them ("an HTTP API", "a TCP load balancer"), right after them ("API HTTP",
"balanceador de aplicaciones", "équilibreur de charge applicatif") or in a parenthesis that opens
right after them, the way Terraform arguments are listed ("aws_lb (application, internet-facing)",
"aws_lb (type network)").

The values come from the registry (every TEnum attribute of the resource's kind); the words other
languages use for an English value word live in one table here. A value this close to the resource's
own name qualifies that resource and no other, so nothing is guessed: a value word anywhere else is
left to the nearest-resource readers in nl/offline.py.
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TEnum

from .readers import Tools

# an enumerated value's word in Spanish, French and German (English is the value itself)
VALUE_WORDS: dict[str, str] = {
    "application": r"aplicaci?on(?:es)?|applicati(?:f|ve|on)s?|anwendungs?",
    "network": r"red|reseau|netzwerk",
}
# attributes whose values are too plain to say anything beside a name ("a standard bucket", "a
# public load balancer" is not `data = public`), or read by their own readers (versions, runtimes)
_SKIPPED_ATTRS = frozenset({"data", "runtime", "version", "glue_version", "expose"})
_PLAIN_VALUES = frozenset({"standard", "none", "general", "single", "cluster", "internal"})
# the attribute's own name may stand between the noun and its value: "aws_lb (type network)"
_LEAD = r"(?:(?:{attr})\s*(?:=|:)?\s*)?"


def _values(kind: str) -> list[tuple[str, str, str]]:
    """(attribute, value, the value's words) for every plain enumerated value of a kind."""
    out = []
    for a in KINDS[kind].attrs:
        if not isinstance(a.type, TEnum) or a.name in _SKIPPED_ATTRS:
            continue
        for v in a.type.values:
            if v in _PLAIN_VALUES or not re.fullmatch(r"[a-z][a-z0-9_]+", v):
                continue
            own = re.escape(v).replace("_", "[-_ ]")
            out.append((a.name, v, f"{own}|{VALUE_WORDS[v]}" if v in VALUE_WORDS else own))
    return out


def _word(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9_])(?:{words})(?![a-z0-9_])")


def enum_beside_names(t: Tools) -> None:
    for r in t.spec.resources:
        if not r.from_text:
            continue
        for attr, value, words in _values(r.kind):
            if attr in r.stated_attrs:
                continue
            rx = _word(words)
            for x, y in r.spans:
                if _said_beside(t, rx, attr, x, y):
                    t.put(r, attr, value)
                    break


def _said_beside(t: Tools, rx: re.Pattern[str], attr: str, x: int, y: int) -> bool:
    norm = t.norm
    lead = _LEAD.format(attr=re.escape(attr).replace("_", "[-_ ]"))
    # inside the name ("http api") or the word right before it ("tcp load balancer")
    spots = [m.span() for m in rx.finditer(norm, x, y)]
    start = max(0, x - 30)
    before = re.search(r"(?<![\w-])(?P<v>[\w-]+)\s+$", norm[start:x])
    if before and rx.fullmatch(before.group("v")):
        spots.append((start + before.start("v"), start + before.end("v")))
    # right after it, after "de"/"d'" in es/fr ("balanceador de aplicaciones"), or first in a
    # parenthesis opened right after it ("aws_lb (application, internet-facing)")
    after = re.match(rf"\s*(?:\(\s*{lead}|(?:de |d')?)(?P<v>[\w-]+)(?=\s*[,;.)]|\s*$|\s)", norm[y:])
    if after and rx.fullmatch(after.group("v")):
        spots.append((y + after.start("v"), y + after.end("v")))
    for a, b in spots:
        if t.negated(a, b):
            continue
        if (x <= a and b <= y) or t.free(a, b):
            t.use(a, b)
            return True
    return False
