"""A setting the request refuses with a predicate after it: "no encryption is not an option",
"public access is out of the question", "sans chiffrement, c'est hors de question", "sin cifrado ni
hablar", "ohne Verschlüsselung geht gar nicht", "öffentlich kommt nicht in Frage"; or asked about
and answered no: "¿Acceso público? No".

The predicate negates everything before it in its clause, so a negation before the setting and the
refusal after it cancel out ("no encryption" refused = encryption), and a plain setting refused is
turned off ("public access" refused = not public). Reading only the words next to the setting
inverted such requests — the worst error the polarity rule knows (docs/generate.md).
"""

from __future__ import annotations

import re

from . import lexicon as lx

# refusal predicates, accent-free and lower-case like the normalized request
_REFUSED = (
    # en
    r"(?:is |are )?not an option|isn'?t an option|aren'?t an option|(?:is |are )?out of the question"
    r"|(?:is |are )?(?:not acceptable|unacceptable|a no-?go|a non-?starter|not allowed|not permitted|forbidden)"
    r"|isn'?t (?:acceptable|allowed|permitted)"
    # es
    r"|ni hablar|ni pensarlo|(?:esta |queda )?descartad[oa]s?|no es (?:una )?opcion|(?:es )?inaceptable"
    r"|no se acepta|no (?:esta|estan) permitid[oa]s?|(?:esta |estan )?prohibid[oa]s?"
    # fr
    r"|(?:c'est |c’est |est )?hors de question|(?:c'est |c’est |est )?exclue?s?|(?:c'est |c’est |est )?inacceptable"
    r"|n'est pas (?:une option|acceptable|envisageable|permise?)|pas question|(?:est )?interdite?s?"
    # de
    r"|geht (?:gar |überhaupt |uberhaupt )?nicht|kommt (?:gar |überhaupt |uberhaupt )?nicht in ?frage"
    r"|(?:ist )?ausgeschlossen|(?:ist )?inakzeptabel|(?:ist )?(?:nicht akzeptabel|tabu|verboten|keine option)"
    r"|(?:ist )?nicht (?:erlaubt|zulassig)"
)
# what may stand between the setting and the refusal: up to two words that are no conjunction
# ("public ACCESS is ..."), a comma, colon, dash or question mark, and a pronoun with a copula
# ("..., c'est", "..., that is")
_CONJ = r"and|or|but|y|o|pero|et|ou|mais|und|oder|aber|sondern|with|con|avec|mit"
_PRONOUN = (
    r"that(?:'s| is)?|this is|it(?:'s| is)|c'est|c’est|cela|ce serait"
    r"|das(?: ist)?|dies(?: ist)?|eso(?: es)?|esto(?: es)?|seria|ware"
)
_WORDS = rf"(?:\s+(?!(?:{_CONJ})(?![a-z'-]))[a-z'-]+){{0,2}}"
_AFTER = re.compile(
    rf"^{_WORDS}\s*[,:?!—–-]?\s*(?:(?:{_PRONOUN})\s+)?(?:{_REFUSED})(?![a-z])"
)
# a setting asked about and answered no: "¿Acceso público? No.", "Public access? Nope", "Öffentlich? Nein"
_ANSWERED_NO = re.compile(
    rf"^{_WORDS}\s*\?\s*(?:{lx.alt(lx.ANSWER_NO)})(?![a-z'-])"
)


def refused_after(norm: str, end: int) -> bool:
    """Does a refusal predicate close the clause the setting ending at `end` stands in?"""
    return bool(_AFTER.match(norm[end : end + 60]) or answered_no(norm, end))


def answered_no(norm: str, end: int) -> bool:
    """Is the setting ending at `end` asked about and answered no ("Versioning? No.")? For a switch
    whose secure side is on, that answer is no unambiguous loosening, and no request for the
    switch either: the caller states nothing."""
    return bool(_ANSWERED_NO.match(norm[end : end + 60]))
