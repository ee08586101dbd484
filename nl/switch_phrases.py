"""How on/off settings are phrased besides "X on"/"X disabled": "Redis with auth" (a vague switch
named after "with" is asked for), "a secret that rotates every 30 days" (the setting as a verb,
whose subject is the resource just before it), "logs of the control plane turned off" (the
setting's own complement sits between it and the negation), and "control plane logging disabled"
for a kind whose switch is named `logs`. Four languages each; the words are closed-class."""

from __future__ import annotations

import re

from autodeploy.nl import lexicon as lx

# "with auth", "mit AUTH", "con auth", "avec authentification", "w/ auth": a switch asked for by
# naming it after a with-word (an article may sit between)
_WITH_BEFORE = re.compile(
    r"(?<![a-z])(?:with|w/|mit|con|avec)\s+(?:an?\s+|the\s+|la\s+|el\s+|le\s+|l'|une?\s+|einer?\s+)?$"
)

# the setting as a verb, in every person/mood a request uses: "rotates", "que rote", "qui tourne",
# "rotiert". "tourne"/"rota"/"roda" also mean "runs"/"breaks": the caller only reads them when the
# resource just before the verb is one that rotates.
ROTATE_VERB = (
    r"(?<![a-z])(?:rotate|rotates|rotated|rotating|auto-rotates?"
    r"|rote|roten|rota|rotan|rotar|rotara"
    r"|tourne|tournent|pivote|pivotent"
    r"|rotiert|rotieren|rotiere|rotierend(?:e|en|er|es)?)(?![a-z])"
)

# "logs del control plane apagados", "logs of the control plane disabled", "journaux du plan de
# contrôle désactivés", "Logs der Steuerungsebene deaktiviert": a complement of up to three words
# (no punctuation) between the setting and its negation
_NEG_PAST_COMPLEMENT = re.compile(
    rf"\s+(?:of|del|de|des|du|der|des|to|a|al|au|zur|zum)\s+(?:(?:{lx.ARTICLE_RE})\s+|l')?"
    r"(?:[a-z'-]+\s+){0,2}[a-z'-]+\s*(?:is |are |est |esta |estan |sont |ist |sind |= ?|: ?)?"
    rf"(?:{lx.NEGATION_AFTER})(?![a-z])"
)

# a French "ne ... pas" around the verb: "qui ne tourne pas", "qui ne tourne jamais"
_NE_BEFORE = re.compile(r"(?<![a-z])n(?:e\s+|')$")
_PAS_AFTER = re.compile(r"\s+(?:pas|jamais|plus)(?![a-z])")

# "we rotate it by hand", "on le fait tourner": a person is the verb's subject
_PERSON_BEFORE = re.compile(
    r"(?<![a-z])(?:we|i|you|they|ops|nosotros|yo|nous|on|je|wir|ich|man)\s+(?:[a-z']+\s+){0,2}$"
)

# "logging" names the `logs` switch of a kind that has no `logging` attribute
LOGGING_WORDS = r"(?<![a-z])(?:logging|journalisation|protokollierung)(?![a-z])"


def with_before(norm: str, a: int) -> bool:
    return bool(_WITH_BEFORE.search(norm[max(0, a - 20) : a]))


def negated_past_complement(norm: str, b: int) -> bool:
    return bool(_NEG_PAST_COMPLEMENT.match(norm, b))


def french_ne_pas(norm: str, a: int, b: int) -> bool:
    return bool(_NE_BEFORE.search(norm[max(0, a - 4) : a]) and _PAS_AFTER.match(norm, b))


def person_before(norm: str, a: int) -> bool:
    return bool(_PERSON_BEFORE.search(norm[max(0, a - 30) : a]))


# a short code in lower case counts when a transport frame says it is one: "https on 443", "http
# on port 80", "over plain http", "via tls", "en https", "sobre http", "über HTTPS", "par tcp"
_FRAME_BEFORE = re.compile(
    r"(?<![a-z])(?:over|via|using|speaking|sobre|mediante|par|en|uber|per|doing)\s+(?:plain\s+|simple\s+|reines?\s+)?$"
)
_FRAME_AFTER = re.compile(
    r"\s*(?:on|at|sur|en|auf|an|:)\s*(?:the\s+|le\s+|el\s+)?(?:port|puerto)?\s*\d{2,5}(?![\d.])"
)


def framed_code(norm: str, a: int, b: int) -> bool:
    return bool(_FRAME_BEFORE.search(norm[max(0, a - 25) : a]) or _FRAME_AFTER.match(norm, b))


_PAIR_AFTER = re.compile(r"\s+(?:and|et|y|und)\s+")


def with_then_pair(norm: str, a: int, b: int) -> bool:
    """The setting at a..b follows a with-word and is the first item of a pair."""
    return with_before(norm, a) and bool(_PAIR_AFTER.match(norm, b))
