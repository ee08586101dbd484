"""Whether a cluster's API endpoint is public (issue 14, attribute recall).

People state it about the endpoint, not the cluster, in every word order: "a public API endpoint",
"private API server", "öffentlichem API-Endpunkt", "endpoint API non public", "API endpoint private",
"API-Endpunkt öffentlich", "the public endpoint disabled", "punto de acceso público deshabilitado".
The adjective gives the value (public: true, private: false); a negation before it or a switch word
after the phrase ("disabled", "désactivé", "deaktiviert") turns it. The value goes to the nearest
cluster that has a `public` switch (kind_roles), through the polarity rule like every loosening.
"""

from __future__ import annotations

import re

from . import kind_roles as roles
from . import lexicon as lx
from .model import Res
from .readers import Tools
from .switch_phrases import negated_past_complement

_ENDPOINT = (
    r"(?:(?:kubernetes|k8s|cluster|control[- ]plane)[- ])?(?:api[- ]?)?(?:server[- ]?)?(?:endpoints?|endpunkte?[ns]?)"
    r"|api[- ]servers?|(?:endpoints?|puntos? de acceso|points? de terminaison)(?: (?:de l'|de la |del |der )?api)?"
)
_PUBLIC = r"public|publico|publica|publique|offentliche?[nmrs]?"
_PRIVATE = r"private?[nmrs]?|privad[oa]|privee?|privatem"
_NEG = rf"(?:{lx.alt(lx.NEGATORS, lx.WITHOUT, lx.NO_DETERMINERS)})[\s-]+"
_OFF = lx.alt(lx.SWITCHED_OFF)
_ON = lx.alt(lx.SWITCHED_ON)
_AUX = r"(?:(?:is|ist|est|es|must be|should be|muss|debe ser|doit etre)\s+)?"

_BEFORE = re.compile(  # "a public API endpoint", "no public endpoint", "public endpoint disabled"
    rf"(?<![a-z])(?P<neg>{_NEG})?(?P<adj>{_PUBLIC}|{_PRIVATE})[\s-]+(?:{_ENDPOINT})(?![a-z])"
    rf"(?:\s+{_AUX}(?:(?P<off>{_OFF})|(?P<on>{_ON}))(?![a-z]))?"
)
_AFTER = re.compile(  # "endpoint API non public", "API endpoint private", "API-Endpunkt öffentlich"
    rf"(?<![a-z])(?:{_ENDPOINT})\s+{_AUX}(?P<neg>{_NEG})?(?P<adj>{_PUBLIC}|{_PRIVATE})(?![a-z])"
)


# the switch word after the endpoint's complement: "public endpoint of the API disabled", "endpoint
# público de la API deshabilitado", "endpoint public de l'API désactivé"
_LATE_OFF = re.compile(rf"\s+(?:of the|de la|de l'|del|der|des)\s*api\s+{_AUX}(?:{_OFF})(?![a-z])")

_QUALIFIED = re.compile(r"api|server|cluster|control|k8s|kubernetes")


_BREAK = re.compile(r"[;!?\n]|\.(?![a-z0-9])")


def _said_of(t: Tools, r: Res, pos: int) -> bool:
    """Whether the resource named last before `pos` in its sentence is the cluster `r`."""
    start = max((b.end() for b in _BREAK.finditer(t.norm, 0, pos)), default=0)
    ends = [(y, q) for q in t.spec.resources for x, y in q.spans if start <= x and y <= pos]
    return bool(ends) and max(ends, key=lambda e: e[0])[1] is r


def _holders() -> tuple[str, ...]:
    return tuple(k for k in roles.CLUSTERS if k in roles.holders("public"))


def endpoint_access(t: Tools) -> None:
    """Set `public` on the cluster whose API endpoint the request calls public or private."""
    kinds = _holders()
    for rx in (_BEFORE, _AFTER):
        for m in rx.finditer(t.norm):
            if not t.free(m.start("adj"), m.end("adj")):  # the endpoint words are guarded as no kind
                continue
            r = t.target(m.start(), kinds)
            if r is None:
                continue
            public = re.fullmatch(_PUBLIC, m.group("adj")) is not None
            if not _QUALIFIED.search(m.group(0)) and not _said_of(t, r, m.start()):
                continue  # a bare "private endpoint" may be Azure Private Link's, of another resource
            if m.group("neg"):
                public = not public
            if rx is _BEFORE and m.group("off") or _LATE_OFF.match(t.norm, m.end()):
                public = not public
            elif rx is _AFTER and negated_past_complement(t.norm, m.end("adj")):
                public = not public  # "el endpoint público de la API deshabilitado"
            t.polar(r, "public", public)
            t.use(m.start("adj"), m.end("adj"))
