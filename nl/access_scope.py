"""Access kept inside, said as a predicate rather than an adjective on the noun: "Zugriff nur
privat", "acceso solo privado", "accès privé uniquement", "only reachable from the VPC", "que no
sea accesible desde internet", and a bare list item ("ALB, intern, Port 8443"). Each is the secure
side of `public` (false), so it is set by the polarity rule on the nearest resource that has one."""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool

from . import lexicon as lx
from .readers import Tools

_ACCESS = r"access|network access|acceso|acces|zugriff|zugang|erreichbarkeit"
_ONLY = r"only|nur|solo|solamente|unicamente|seulement|uniquement|exclusivement|ausschlie(?:ss|s)lich"
_INSIDE = rf"{lx.PRIVATE}|{lx.INTERNAL}|privately|intern"
_REACHABLE = r"reachable|accessible|accesible|erreichbar|zuganglich|joignable"
_NET = r"vpc|vnet|network|netz(?:werk)?|red|reseau|intranet"

_PRIVATE_ACCESS = re.compile(
    # "Zugriff nur privat", "acceso solo privado", "accès privé uniquement", "access: private only"
    rf"(?<![a-z])(?:{_ACCESS})\s*[:=]?\s*(?:(?:{_ONLY})\s+)?(?:{_INSIDE})(?:\s+(?:{_ONLY}))?(?![a-z])"
    # "only reachable from the VPC", "nur aus dem VPC erreichbar", "accesible solo desde la red"
    rf"|(?<![a-z])(?:{_ONLY})\s+(?:{_REACHABLE})\s+(?:from|within|inside|desde|dentro de|depuis|dans|aus|im|in)\s+"
    rf"(?:the\s+|la\s+|el\s+|le\s+|dem\s+|der\s+)?(?:{_NET})(?![a-z])"
    rf"|(?<![a-z])(?:{_REACHABLE})\s+(?:{_ONLY})\s+(?:from|within|inside|desde|dentro de|depuis|dans|aus|im|in)\s+"
    rf"(?:the\s+|la\s+|el\s+|le\s+|dem\s+|der\s+)?(?:{_NET})(?![a-z])"
    rf"|(?<![a-z])(?:{_ONLY})\s+(?:aus|im|in)\s+(?:dem\s+|der\s+)?(?:{_NET})\s+(?:{_REACHABLE})(?![a-z])"
    # "not reachable from the internet", "que no sea accesible desde internet", "nicht aus dem Internet erreichbar"
    rf"|(?<![a-z])(?:{lx.alt(lx.NEGATORS)})\s+(?:(?:be|sea|sera|soit|sein)\s+)?(?:{_REACHABLE})\s+"
    rf"(?:from|desde|depuis|aus|via|par)\s+(?:the\s+|el\s+|l'|dem\s+)?internet(?![a-z])"
    rf"|(?<![a-z])nicht\s+(?:aus|vom|uber)\s+(?:dem\s+)?internet\s+(?:{_REACHABLE})(?![a-z])"
)
# a list item of its own right after a resource: "Application Load Balancer, intern, Port 8443"
_BARE_ITEM = re.compile(rf"(?<=, )(?:{lx.PRIVATE}|{lx.INTERNAL})(?=\s*(?:[,;.)]|$))")


def _public_holders() -> tuple[str, ...]:
    return tuple(k for k, s in KINDS.items() if isinstance(getattr(s.attr("public"), "type", None), TBool))


def private_access(t: Tools) -> None:
    holders = _public_holders()
    for rx in (_PRIVATE_ACCESS, _BARE_ITEM):
        for m in rx.finditer(t.norm):
            # the network word inside ("from the VPC") may be a mention of its own; only the bare
            # item must be free
            if rx is _BARE_ITEM and not t.free(m.start(), m.end()):
                continue
            r = t.target(m.start(), holders)
            if r is None:
                continue
            t.polar(r, "public", False)
            t.use(m.start(), m.end())
