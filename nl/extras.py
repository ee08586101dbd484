"""Kind words that ask for no resource (issue 14, resource precision): a resource the request
turns down in so many words.

mentions.negated reads a negation right before a kind's word ("no cache", "keine Queue"). These
read the other ways people turn one down, in all four languages:
- after the word: "Aurora no, RDS MySQL", "Redis: non.", "a cache is not needed", "Redis no hace
  falta", "le cache n'est pas necessaire", "ein Cache ist nicht notig";
- a verb of need, negated: "we don't need a queue", "pas besoin de file", "no necesitamos una cola";
- a substitute: "instead of a queue", "en lugar de una cola", "au lieu d'une file", "statt einer Queue".
"""

from __future__ import annotations

import re

_DETERMINER = (r"(?:(?:an?|any|una?|une?|the|el|la|los|las|le|les|l'|d'|de|des|del|einen?|eine[mrs]?|ein|der|die"
               r"|das)\s*)?")
# "instead of", "don't need": what comes right before the word (one modifier may sit between)
_DENY_BEFORE = re.compile(
    r"(?:^|[^a-z'])(?:instead of|rather than|in place of|en (?:lugar|vez) de|au lieu d[e']|plutot qu[e']"
    r"|a la place d[e']|(?:an)?statt|anstelle(?: von)?"
    r"|(?:do|does|did)(?:n't| not) (?:need|want|require)|no need (?:for|of)|without the need for"
    r"|no (?:necesit\w+|quer\w+|hace(?:n)? falta)|sin necesidad de"
    r"|pas besoin d[e']|(?:n'|ne )?(?:avons|avez|a|ont) pas besoin d[e']|ne (?:veut|voulons|voulez) pas d[e']"
    r"|(?:brauchen|benotigen|wollen|mochten)(?: wir| sie)? (?:auch )?(?:kein\w*|nicht)"
    r")(?:\s+|(?<='))" + _DETERMINER + r"(?:[a-z0-9-]+\s+)?$"
)
# what comes right after it: "Aurora no,", "Redis: non.", "a cache is not needed"
_DENY_AFTER = re.compile(
    r"\s*:?\s*(?:no|non|nein|nicht|none)\s*(?:[,;.!?)]|$)"
    r"|\s+(?:is|are|was)(?: not|n't) (?:needed|required|necessary|wanted)|\s+not (?:needed|required|necessary)"
    r"|\s+no (?:es |son )?(?:necesari[oa]s?|requerid[oa]s?)|\s+no (?:hace|hacen) falta|\s+sobra"
    r"|\s+(?:n'est|ne sont) pas (?:necessaire|utile|requis|voulu)e?s?"
    r"|\s+(?:ist|sind|wird|werden) nicht (?:notig|noetig|erforderlich|benotigt|gebraucht|gewunscht)"
)


def denied(norm: str, start: int, end: int) -> bool:
    """Whether the kind's word at [start, end) is turned down ("instead of a queue", "Aurora no",
    "a cache is not needed"): no resource of it is asked for."""
    head = norm[max(0, start - 50) : start]
    head = re.split(r"[,;:.!?()\n]", head)[-1]
    return bool(_DENY_BEFORE.search(head) or _DENY_AFTER.match(norm, end))
