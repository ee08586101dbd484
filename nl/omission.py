"""How a request turns a setting down besides "not X" / "X disabled", and what only looks like a
negation — the classes that inverted requests (issue 14, "never invert"):

- a verb of omission or of need, negated, before the setting: "skip the dashboard", "leave out
  versioning", "no need for Multi-AZ", "it doesn't need to be FIFO", "no longer needs versioning",
  "no hace falta versionado", "omitir el dashboard", "pas besoin de FIFO", "n'a plus besoin de",
  "auf Versionierung verzichten"; or after it: "das Dashboard weglassen", "Multi-AZ brauchen wir
  nicht mehr", "multi-AZ is no longer needed";
- "instead of": the setting named after it is the one not wanted ("instead of a FIFO queue", "en
  lugar de una cola FIFO", "au lieu d'une file FIFO", "statt einer FIFO-Queue");
- one negation over a list joined by "or" / "ni" / "ou" / "oder": "without encryption or
  versioning", "sin versionado ni cifrado", "ohne Versionierung oder Verschlüsselung";
- and what is NOT a negation of the setting: a double negation ("never without versioning", "nie
  ohne Versionierung", "jamais sans versionnage", "not unversioned") and "not only X but also Y"
  ("nicht nur versioniert, sondern auch ...") keep the setting on.

Closed-class words only (verbs, articles, conjunctions), four languages, accent-free like the
normalized request. "skip the final snapshot" is no switch word, so it never reaches here.
"""

from __future__ import annotations

import re

from . import lexicon as lx

# an article or determiner between the verb and the setting ("skip THE dashboard", "omitir EL")
_DET = rf"(?:(?:{lx.alt(lx.DETERMINERS)})\s*)?"
_OMIT_VERBS = (
    # en
    r"skip|skips|skipping|skipped|leave out|leaving out|omit|omits|omitting|drop|dropping|forgo|forget about"
    r"|no need (?:for|of)|(?:do|does|will|would|we|i)(?:n't| not) need(?: to (?:be|have))?|(?:don|doesn|won)'?t need"
    r"(?: to (?:be|have))?|no longer (?:need|needs|want|wants|require|requires)(?: to (?:be|have))?"
    r"|without needing|(?:can|could) do without|need not be|needn'?t be|forget|never mind"
    r"|(?:do|does)(?:n't| not) (?:have to|need to) be|(?:do|does)n'?t (?:have to|need to) be"
    # a negated enabling verb: "do not enable the dashboard", "don't turn on versioning"
    r"|(?:(?:do|does|should|must)?n't|not|never) (?:enable|turn on|switch on|activate|add|set up|configure)"
    # es
    r"|no (?:activar|actives|activen|habilitar|habilites|agregar|anadir)|olvida|olvidate de|olvidad"
    r"|omitir|omite|omitimos|omitid[oa]s?|prescindir de|prescindimos de|prescinde de|sin necesidad de"
    r"|(?:ya )?no (?:hace|hacen) falta(?: que (?:sea|tenga|lleve))?|(?:ya )?no (?:necesita|necesitan|necesitamos"
    r"|requiere|requieren|se necesita)(?: (?:ser|tener))?"
    # fr
    r"|(?:ne )?pas (?:activer|ajouter|configurer)|n'activez pas|n'active pas|oublie|oubliez|oublions"
    r"|omettre|omets|omettez|pas besoin (?:de |d'|d'etre )|plus besoin (?:de |d'|d'etre )"
    r"|n'(?:a|ont|avons) (?:pas|plus) besoin (?:de |d'|d'etre )|se passer (?:de |d')|on se passe (?:de |d')"
    r"|sans besoin (?:de |d')"
    # de ("auf Versionierung verzichten": see _AUF_BEFORE)
    r"|verzichten auf|verzichtet auf|ohne bedarf an|vergiss|vergesst"
)
# the phrase ends at a word end or after an elided article ("d'"): "stattdessen" is no "statt"
_END = r"(?:(?<=[' ])|(?![a-z]))\s*"
_OMIT_BEFORE = re.compile(rf"(?<![a-z])(?:{_OMIT_VERBS}){_END}{_DET}$")
# "auf" alone is no omission: only with a verb of renouncing after the setting
_AUF_BEFORE = re.compile(rf"(?<![a-z])auf\s+{_DET}$")
_KEIN = lx.alt(lx.NO_DETERMINERS["de"])
_NOT_A_NEGATION = rf"(?!(?:{lx.alt(lx.NEGATORS)}|{_KEIN})(?![a-z]))"
_RENOUNCE_AFTER = re.compile(rf"^(?:[\s-]+{_NOT_A_NEGATION}[a-z]+)?\s+(?:verzichten|verzichtet|verzichte)(?![a-z])")

# the omission closing the clause after the setting
_OMIT_AFTER = re.compile(
    rf"^(?:[\s-]+{_NOT_A_NEGATION}[a-z]+)?\s*(?:"
    # de
    r"(?:(?:bitte|wir|ganz|einfach)\s+){0,2}(?:weglassen|weg lassen|streichen|entfernen|entfallt|entfallen"
    r"|lassen wir weg|fallt weg|verzichten|verzichtet)"
    rf"|(?:(?:brauchen|braucht|benotigen|benotigt)\s+(?:wir|man|es|ihr)?\s*)(?:nicht|{_KEIN}) mehr"
    rf"|(?:ist|sind|wird|werden)?\s*(?:nicht mehr|nicht|{_KEIN}) (?:notig|erforderlich|gebraucht|benotigt)"
    r"|nicht (?:aktivieren|einschalten|einrichten|anschalten)"
    # en
    r"|(?:is|are|was|can be|may be)?\s*(?:no longer|not|n't) (?:needed|required|necessary|wanted)"
    r"|(?:isn't|aren't|is not|are not) (?:needed|required|necessary|wanted)(?: any ?more)?"
    r"|(?:can|may|should) be (?:skipped|omitted|left out|dropped)"
    # es
    r"|(?:ya )?no (?:hace falta|es necesari[oa]|se necesita|son necesari[oa]s)"
    # fr
    r"|(?:n'est|ne sont) (?:pas|plus) (?:necessaire|utile|requis)e?s?"
    # judged excessive: "would be overkill", "es innecesario", "est superflu", "ist überflüssig"
    r"|(?:(?:is|are|would be|seems|es|son|seria|est|sont|serait|ist|sind|ware)\s+)?(?:overkill|unnecessary"
    r"|superfluous|innecesari[oa]s?|superflue?s?|inutiles?|de trop|uberflussig|unnotig|nicht notig)"
    # a key answered no: "multi-AZ: nope", "FIFO = no"
    rf"|\s*[:=]\s*(?:{lx.alt(lx.ANSWER_NO)}|false|off)(?=\s*(?:[,;.!?)]|$))"
    r")(?![a-z])"
)

# "instead of (a) FIFO (queue)", "au lieu d'une file FIFO": one noun may sit between, never a verb
_INSTEAD = re.compile(
    rf"(?<![a-z])(?:instead of|rather than|en lugar de|en vez de|au lieu (?:de |d')|plutot que (?:de |d')?"
    rf"|statt|anstatt|anstelle|anstelle von){_END}{_DET}(?:(?![a-z]*ing\b)[a-z]+\s+)?$"
)

# one negation over a list: "without encryption or VERSIONING", "sin versionado ni CIFRADO"
_LIST_NEG = re.compile(
    rf"(?<![a-z])(?:{lx.alt(lx.WITHOUT, lx.NO_DETERMINERS)})\s+(?:[a-z'-]+\s+){{1,3}}"
    r"(?:or|nor|ni|ou|oder|noch|o)\s+$"
)

# a negation of a negation: "never without", "nie ohne", "no sin", "jamais sans", "pas sans"
_DOUBLE = re.compile(
    rf"(?<![a-z])(?:{lx.alt(lx.NEGATORS)})\s+(?:{lx.alt(lx.WITHOUT)})\s+"
    r"(?:[a-z'-]+\s+)?$"
)
# "not only", "no solo", "non seulement", "nicht nur": the setting after it is asked for
_NOT_ONLY = re.compile(
    r"(?<![a-z])(?:not only|not just|no solo|no solamente|no unicamente|non seulement|pas seulement|pas que"
    r"|nicht nur|nicht bloss)\s+(?:[a-z'-]+\s+)?$"
)
# a negation right before a setting's own negative word: "not unversioned", "nicht unverschlüsselt"
_NEG_WORD = re.compile(
    rf"(?<![a-z])(?:{lx.alt(lx.NEGATORS)}|ni)\s+(?:(?:be|is|are|ist|sind|es|est)\s+)?$"
)


# a negation prefix joined to the setting: "non-FIFO", "no-FIFO", "nicht-öffentlich"
_PREFIX = re.compile(rf"(?<![a-z])(?:{lx.alt(lx.NEGATION_PREFIXES)})-$")
# ... itself negated: "sans accès non-TLS", "no non-TLS access" ask for TLS
_DOUBLE_PREFIX = re.compile(
    rf"(?<![a-z])(?:{lx.alt(lx.NEGATORS, lx.WITHOUT, lx.NO_DETERMINERS)})\s+"
    rf"(?:[a-z'-]+\s+)?(?:{lx.alt(lx.NEGATION_PREFIXES)})-$"
)
# an omission negated: "don't skip versioning", "never omit", "no olvides", "n'oubliez pas le",
# "ne pas omettre"
_NEGATED_OMISSION = re.compile(
    rf"(?<![a-z])(?:(?:do|does|should|must)?(?:n't| not)|{lx.alt(lx.NEGATORS)})\s+(?:skip|omit|drop|leave out"
    rf"|forget(?: about)?|omitir|omitas|olvides|olvidar|olvidarse de|omettre|oublier|oublie|weglassen|vergessen)"
    rf"{_END}{_DET}$|(?<![a-z])n'(?:oubliez|oublie|oublions|omettez) pas{_END}{_DET}$"
)
_NEGATED_OMISSION_AFTER = re.compile(r"^\s+(?:bitte\s+)?nicht\s+(?:vergessen|weglassen|streichen)(?![a-z])")


def turned_down(norm: str, a: int, b: int, before: str) -> bool:
    """Is the setting at a..b turned down by an omission, an "instead of" or a negated list?
    `before` is the text before it within its clause."""
    return bool(
        _OMIT_BEFORE.search(before) or _INSTEAD.search(before) or _LIST_NEG.search(before)
        or _OMIT_AFTER.match(norm[b : b + 50])
        or _AUF_BEFORE.search(before) and _RENOUNCE_AFTER.match(norm, b)
        or _PREFIX.search(before) and not _DOUBLE_PREFIX.search(before)
    )


def kept_on(norm: str, b: int, before: str) -> bool:
    """A negation that does not turn the setting down: "never without", "not only", "don't skip",
    "Versionierung nicht vergessen"."""
    return bool(
        _DOUBLE.search(before) or _DOUBLE_PREFIX.search(before) or _NOT_ONLY.search(before)
        or _NEGATED_OMISSION.search(before)
        or _NEGATED_OMISSION_AFTER.match(norm, b)
    )


def negative_word_negated(norm: str, a: int) -> bool:
    """ "not unversioned": a negation before a setting's negative word asks for the setting."""
    return bool(_NEG_WORD.search(norm[max(0, a - 20) : a]))
