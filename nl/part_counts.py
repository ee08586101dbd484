"""Counts of a network's parts written after the part, in English, Spanish, French and German:
"NAT gateways: 2", "NAT-Gateway nur eins", "passerelles NAT : deux", "NAT gateway (just one)".

A count before the part ("2 passerelles NAT") is read in nl/offline.py; here the number follows,
and only where nothing else can own it: after a colon, an equals sign or a parenthesis, or after
an only-word, and ending its phrase ("NAT gateway, 2 subnets" counts subnets, not gateways)."""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS

from .lexicon import NAT_WORDS, NUMBER_RE, NUMBER_WORDS, ONE_WORDS, alt
from .readers import Tools

_ONLY = r"only|just|solo|solamente|unicamente|seulement|uniquement|nur|genau|lediglich"
_ONE = alt(ONE_WORDS)
_NAT_AFTER = re.compile(
    rf"(?<![a-z0-9])(?:{NAT_WORDS})(?![a-z])\s*(?:(?::|=|\()\s*(?:(?:{_ONLY})\s+)?|(?:{_ONLY})\s+)"
    rf"(?P<n>{NUMBER_RE}|{_ONE})(?![a-z0-9.])(?=\s*(?:[,;.)]|$|\s(?:and|y|et|und|with|con|avec|mit)\s))"
)


def _count(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    return 1 if re.fullmatch(_ONE, tok) else NUMBER_WORDS.get(tok)


def nat_count_after(t: Tools) -> None:
    holders = tuple(sorted(k for k, spec in KINDS.items() if spec.attr("nat_gateways") is not None))
    for m in _NAT_AFTER.finditer(t.norm):
        if not t.free(m.start("n"), m.end("n")):
            continue
        n = _count(m.group("n"))
        r = t.target(m.start(), holders)
        if r is None or n is None or "nat_gateways" in r.stated_attrs:
            continue
        t.put(r, "nat_gateways", n)
        t.use(m.start(), m.end())
