"""A feature switched on by naming a mode (issue 14, attribute recall): "a bucket in static website mode",
"un bucket S3 en mode site web", "una cuenta de almacenamiento en modo sitio web", "ein Bucket im
Website-Modus". Saying a resource runs in a mode asks for that feature; the feature words per attribute
and the mode words per language are the tables here, the holders come from the registry.
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS

from .readers import Tools

_MODE = r"mode|modo|modus"
# the words of a feature that can be a mode, per attribute
_FEATURES = {
    "website": r"(?:static\s+)?web\s?site|site\s+web(?:\s+statique)?|sitio\s+web(?:\s+estatico)?|webseite|web-?hosting",
    # "Cloud SQL Postgres 15 in HA mode", "en modo alta disponibilidad", "im HA-Modus"
    "multi_az": r"ha|high[- ]availability|alta disponibilidad|haute disponibilite|hochverfugbarkeits?",
}


def modes(t: Tools) -> None:
    for attr, words in _FEATURES.items():
        holders = tuple(k for k, s in KINDS.items() if s.attr(attr) is not None)
        rx = re.compile(rf"(?<![a-z])(?:(?:en|in|im|dans le)\s+)?(?:(?:{_MODE})\s+(?:de\s+|d'|du\s+)?(?:{words})"
                        rf"|(?:{words})[\s-]*(?:{_MODE}))(?![a-z])"
                        # "S3-Bucket als Website", "un bucket como sitio web", "a bucket as a static website"
                        rf"|(?<![a-z])(?:as|als|como|comme)\s+(?:an?\s+)?(?:{words})(?![a-z])")
        for m in rx.finditer(t.norm):
            if not t.free(m.start(), m.end()):
                continue
            r = t.target(m.start(), holders)
            if r is not None and attr not in r.stated_attrs and t.put(r, attr, True):
                t.use(m.start(), m.end())
