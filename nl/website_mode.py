"""Website hosting said as the bucket's mode or as part of its name, in four languages: "a bucket
in website mode", "un bucket S3 en mode site web", "el bucket en modo sitio web", "ein Bucket im
Website-Modus", "le bucket en hébergement de site web", and "our blob storage static website", "a
storage account static site" (the feature written right after the storage's own words).

A bucket that merely serves a site ("a bucket for the static site", behind a CDN) states nothing:
the hosting feature is read from the noun's own words or a mode phrase only (the general reader in
nl/offline.py keeps the rest: a public bucket, or the feature switched on).
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx
from .readers import Tools

# the site itself, in each language (with or without "static")
_SITE = (
    r"(?:static )?(?:web ?site|web ?page|site(?: web)?(?: statique)?|sitio web(?: estatico)?|pagina web(?: estatica)?"
    r"|(?:statische[nrs]? )?(?:webseite|website)"
    r"|hebergement (?:de )?(?:sites? )?web|alojamiento (?:de )?(?:sitios? )?web"
    r"|(?:web|website)[- ]?hosting|hosting (?:de )?(?:sitios? )?web)"
)
# "in ... mode", "en mode ...", "en modo ...", "im ...-Modus", "as a ...", "comme ..."; the hosting
# feature with a with-word: "con hosting de sitio web", "with web hosting"
_HOSTING = r"hebergement (?:de )?(?:sites? )?web|alojamiento (?:de )?(?:sitios? )?web|(?:web|website)[- ]?hosting"
_HOSTING += r"|hosting (?:de )?(?:sitios? )?web"
_MODE = re.compile(
    rf"(?<![a-z])(?:(?:with|con|avec|mit)\s+(?P<h>{_HOSTING})(?![a-z])"
    rf"|(?:in|en|im|als|as|como|comme)\s+(?:(?:{lx.INDEFINITE_RE})\s+)?(?:(?:mode|modo|modus)\s+(?:de\s+)?)?"
    rf"(?P<a>{_SITE})(?![a-z])(?!\s+(?:for|para|pour|fur)\b)"
    rf"|(?P<b>{_SITE})[- ]?(?:mode|modus)(?![a-z]))"
)
_RIGHT_AFTER = re.compile(rf"[\s-]*(?:{_SITE})(?![a-z])")


def _holders() -> tuple[str, ...]:
    return tuple(sorted(k for k, s in KINDS.items() if s.attr("website") is not None))


def website_named(t: Tools) -> None:
    holders = _holders()
    for m in _MODE.finditer(t.norm):
        a, b = next(m.span(g) for g in ("a", "b", "h") if m.group(g))
        if t.negated(a, b):
            continue
        r = t.target(a, holders)
        if r is not None and "website" not in r.stated_attrs:
            t.put(r, "website", True)
            t.use(a, b)
    for r in t.spec.resources:
        if r.kind not in holders or "website" in r.stated_attrs:
            continue
        for _, y in r.spans:
            after = _RIGHT_AFTER.match(t.norm, y)
            if after and t.free(after.start(), after.end()) and not t.negated(after.start(), after.end()):
                t.put(r, "website", True)
                t.use(after.start(), after.end())
                break
