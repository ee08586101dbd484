"""Kind words used as verbs or as the subject of a verb (issue 14, resource precision): "we cache
aggressively in the app", "let's table the discussion", "Postgres will cache the hot rows", "to
queue jobs". A verb names no resource; a bare word that is the subject of a clause after one of its
kind is named ("The Postgres instance ... Postgres will cache ...") is that one again.
"""

from __future__ import annotations

import re

from . import lexicon as lx

# a subject, a modal or an infinitive marker right before a bare word makes it a verb (English; the
# other languages' verbs have their own endings: "cachear", "mettre en cache", "cachen")
_VERB_BEFORE = re.compile(
    r"(?:^|[^a-z'])(?:we|i|you|they|let's|lets|to|will|'ll|would|can|could|should|must|shall|don't|doesn't"
    r"|didn't|also|then|just|already|still|only|never|always|usually|currently|now)\s+$")
# what follows a verb: an object or an adverb, not the end of a clause or a list word
# (a preposition after it makes it a noun: "just Kinesis into S3" asks for a stream)
_VERB_AFTER = re.compile(r"\s+(?!(?:and|or|in|into|on|onto|for|with|from|to|via|through|behind|over|is|are|at|as|of)\b)"
                         r"[a-z]")


def as_verb(norm: str, start: int, end: int) -> bool:
    """ "we cache aggressively", "let's table the redis discussion", "to queue jobs": a bare kind
    word after a subject or a modal, followed by its object, is a verb."""
    word = norm[start:end]
    if not re.fullmatch(r"[a-z]+", word):
        return False
    return bool(_VERB_BEFORE.search(norm[max(0, start - 12) : start]) and _VERB_AFTER.match(norm, end))


_CLAUSE_START = re.compile(r"(?:^|[,;:.!?(\n])\s*$")
_SUBJECT_OF = re.compile(
    r"\s+(?:will|would|can|could|should|must|is going to|handles?|takes care|does|do|"
    r"se encarga|puede|podra|va a|s'en charge|peut|pourra|va|kann|wird|soll|ubernimmt|macht)(?![a-z])")


def subject_again(norm: str, start: int, end: int) -> bool:
    """ "..., Postgres will cache the hot rows", "; Redis se encarga de las sesiones": a bare word
    opening a clause as the subject of a verb speaks of the resource of its kind already named."""
    return bool(_CLAUSE_START.search(norm[max(0, start - 3) : start]) and _SUBJECT_OF.match(norm, end))


# "(c'est un bastion)", "c'est pour un bastion", "(it's a bastion host)", "(es un bastion)",
# "(das ist ein Bastion-Host)"
_IT_IS = re.compile(r"(?:^|[^a-z])(?:it's|it is|that's|that is|this is|c'est|ce sera|es|sera|ist|das ist|dies ist"
                    # a role said with a verb: "a VM which serves as a bastion", "qui sert de bastion"
                    r"|serves as|serving as|acts as|acting as|sert de|servant de|sirve de|hace de|actua como"
                    r"|dient als|fungiert als)\s+"
                    rf"(?:(?:for|pour|para|fur|als)\s+)?(?:(?:{lx.INDEFINITE_RE})\s+)?(?:[a-z0-9-]+\s+)?$")


def said_to_be(norm: str, start: int) -> bool:
    """ "Un EC2 t3.small public (c'est un bastion)": a word after "it is a" says what the resource
    just named is, not one more."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 30) : start])[-1]
    return bool(_IT_IS.search(clause))
