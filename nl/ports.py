"""A port said without the word "port": "HTTP on 80", "TCP auf 9000", "HTTPS sur 443", "an ALB on
443", "listening on 3000". The number goes to the nearest resource whose kind has a `port` (the
registry says which), only when nothing else read it and no unit follows it ("on 80 GB" is no port).
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS

from . import numbers
from .readers import Tools

_PROTOCOLS = r"https?|tcp|udp|tls|grpc|ssl"
_ON = r"on|auf|sur|en|an|at|uber|via|:"
_LISTEN = r"listening|listens|listen|ecoute|ecoutant|escucha|escuchando|lauscht|horcht"
_AFTER_PROTOCOL = re.compile(
    rf"(?<![a-z0-9])(?:(?:{_PROTOCOLS})\s*(?:{_ON})?|(?:{_LISTEN})\s+(?:{_ON}))\s*"
    rf"(?P<n>\d{{2,5}})(?!\d|[.,:/]\w|\s*(?:{numbers.SIZE_UNIT}|{numbers.DURATION_UNIT}|%)(?![a-z]))"
)
_RIGHT_AFTER_NOUN = re.compile(
    rf"\s+(?:on|auf|sur|en)\s+(?P<n>\d{{2,5}})(?![\da-z]|[.,:/]\w|\s*(?:{numbers.SIZE_UNIT}|{numbers.DURATION_UNIT}"
    rf"|%)(?![a-z]))"
)


def _holders() -> tuple[str, ...]:
    return tuple(k for k, s in KINDS.items() if s.attr("port") is not None)


def ports(t: Tools) -> None:
    holders = _holders()
    found = [m for m in _AFTER_PROTOCOL.finditer(t.norm)]
    # "an ALB on 443": right after the words that named a resource with a port
    for named in t.spec.resources:
        if named.kind in holders:
            found += [m for _, y in named.spans if (m := _RIGHT_AFTER_NOUN.match(t.norm, y)) is not None]
    for m in sorted(found, key=lambda m: m.start()):
        a, b = m.span("n")
        if not t.free(a, b):
            continue
        r = t.target(a, holders)
        if r is None or "port" in r.stated_attrs:
            continue
        if t.put(r, "port", int(m.group("n"))):
            t.use(a, b)
