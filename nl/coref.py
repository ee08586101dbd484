"""Words that point back at a resource already named (issue 14, resource precision).

A kind's word after a determiner that points back ("that bucket", "dicha base", "cette base",
"diese Datenbank", "the same queue", "la base mencionada") names the resource of that kind the
request has already spoken of, never one more. A possessive ("its key", "sa clé", "seinen
Schlüssel") before a companion kind's word (the key a store is encrypted with) speaks of a setting
of its owner: it names the key already asked for, or none.

One table per concept and language; which kinds are companions comes from the registry
(kind_roles), never from a list of kind names.
"""

from __future__ import annotations

import re
from typing import Any

from . import kind_roles as roles
from .lexicon import ANAPHORA, ARTICLE_RE, ARTICLES, INDEFINITE_RE, NUMBER_WORDS, ONE_WORDS, WITHOUT, alt, words

# determiners that point back: demonstratives, "said", "the same" (accent-free, lower case)
POINTING = frozenset(
    # en
    "this that these those said aforementioned above-mentioned abovementioned same"
    # es
    " este esta estos estas ese esa esos esas aquel aquella aquellos aquellas dicho dicha dichos dichas"
    " mismo misma mismos mismas susodicho susodicha"
    # fr
    " ce cet cette ces ledit ladite lesdits lesdites meme memes"
    # de
    " dies diese dieser dieses diesen diesem jene jener jenes jenen jenem derselbe dieselbe dasselbe"
    " denselben demselben derselben besagte besagten besagter besagtes genannte genannten obige obigen"
    " erwahnte erwahnten"
    # every one already named: "both queues", "ambas colas", "toutes les files", "alle Queues"
    " both all ambos ambas todos todas tous toutes beide beiden alle allen".split()
)
# after the noun: "la base mencionada", "le bucket ci-dessus", "la base de donnees precitee"
_POINTING_AFTER = re.compile(
    r"\s+(?:mencionad[oa]s?|citad[oa]s?|anterior(?:es)?|de arriba|ci-dessus|precitee?s?|susmentionnee?s?"
    r"|mentionnee?s? (?:ci-dessus|plus haut)|above|mentioned above|from above)(?![a-z])"
)
POSSESSIVES = frozenset(
    "its their his her sus su ses son sa leur leurs sein seine seinen seiner seinem seines ihr ihre ihren ihrem"
    " ihrer ihres dessen deren whose cuyo cuya cuyos cuyas".split()
)
_NUMBERS = frozenset(w for w, n in NUMBER_WORDS.items() if " " not in w and n >= 2) | {str(n) for n in range(2, 13)}
_ARTICLE_ONLY = words(ARTICLES)


def _tokens_before(norm: str, start: int, n: int = 3) -> list[str]:
    """The last `n` words before `start` in its clause (a comma, a stop or a parenthesis ends it)."""
    head = norm[max(0, start - 60) : start]
    head = re.split(r"[,;:.!?()\n]", head)[-1]
    return re.findall(r"[a-z0-9'-]+", head)[-n:]


def points_back(norm: str, start: int, end: int) -> bool:
    """Whether the mention at [start, end) is a determiner's pointing back at a resource already
    named: "the database", "that bucket", "dicha base", "diese Datenbank", "the same queue",
    "la misma cola", "ce meme bucket", "la base mencionada"."""
    toks = _tokens_before(norm, start)
    if toks and (toks[-1] in ANAPHORA or toks[-1] in POINTING):
        return True
    # "the same bucket", "la misma base", "le meme bucket", "die oben genannte Datenbank"
    if len(toks) >= 2 and toks[-1] in POINTING | {"genannte", "genannten", "erwahnte", "erwahnten"} \
            and toks[-2] in _ARTICLE_ONLY | POINTING | {"oben"}:
        return True
    # "the two queues", "los dos buckets", "les deux files", "die zwei Queues": those counted before
    if len(toks) >= 2 and toks[-2] in _ARTICLE_ONLY and toks[-1] in _NUMBERS:
        return True
    return bool(_POINTING_AFTER.match(norm, end))


def possessed(norm: str, start: int) -> bool:
    """ "its key", "whose key", "su clave", "sa cle", "dont la cle", "seinen Schlussel": a possessive
    right before the word."""
    toks = _tokens_before(norm, start, 2)
    if toks and toks[-1] in POSSESSIVES:
        return True
    return len(toks) == 2 and toks[-2] == "dont" and toks[-1] in _ARTICLE_ONLY  # "dont la cle"


def possessed_companion(norm: str, start: int, kind: str) -> bool:
    """ "... a KMS key; the bucket is encrypted with its key": a possessed companion (the key its owner
    is encrypted with) is the one already named. Any other possessed kind is a resource of its own
    ("a queue and its DLQ")."""
    return kind in roles.KEYS and possessed(norm, start)


def owner_setting(norm: str, start: int, end: int, kind: str) -> bool:
    """ "a bucket with its key rotated yearly", "sa cle", "seinen Schlussel": a possessive before
    the bare word of a kind a resource is only set up with (the key it is encrypted with) speaks of
    its owner's setting, not of a resource of its own. A qualified word ("its KMS key", "sa cle
    KMS") or "its own key" names one."""
    word = norm[start:end]
    return kind in roles.KEYS and not re.search(r"[\s-]", word) and possessed(norm, start)


# "two queues, one of them a dead-letter queue", "zwei Queues, eine davon als DLQ", "dos colas, una
# de ellas como DLQ", "deux files dont une DLQ": one of the resources just counted
_ONE_OF_THEM = re.compile(
    rf"(?:(?:{alt(ONE_WORDS)})\s+(?:of them|of which|of those|davon|von ihnen|de ellas|de ellos"
    r"|d'entre elles|d'entre eux)|dont (?:une?|l'une?))"
    r"\s+(?:(?:as|als|como|comme|en|is|es|est|ist|being|sert de|dient als)\s+)?"
    rf"(?:(?:{ARTICLE_RE}|{INDEFINITE_RE})\s*)?$"
)


def one_of_them(norm: str, start: int) -> bool:
    """Whether the mention at `start` is one of the resources counted just before it."""
    return bool(_ONE_OF_THEM.search(norm[max(0, start - 40) : start]))


_BARE_START = re.compile(r"(?:^|[,;:.!?(\n])\s*$")
_STATES = re.compile(rf"\s*(?::|=|\s(?:{alt(WITHOUT)}|mit|with|con|avec|has|hat|tiene|a|is|ist|es|est)\s)")


def bare_again(norm: str, start: int, end: int) -> bool:
    """ "... vor dem Upload-Bucket, Bucket ohne Versionierung", "a queue and a Lambda, queue with a
    DLQ": a bare kind word (no article, no count) opening a clause and going on with what it has
    speaks of the one already named."""
    return bool(_BARE_START.search(norm[max(0, start - 3) : start]) and _STATES.match(norm, end))


def same_role(existing: list[Any], variant: str | None) -> list[Any]:
    """The resources of `existing` a mention with `variant` may name again: a dead-letter queue
    only a dead-letter queue (its resource's name says so), any other mention any other queue."""
    dead = [r for r in existing if r.name.startswith("dead_letters")]
    return dead if variant == "dlq" else [r for r in existing if r not in dead]


# "..., Glue 4.0, ...", "version Postgres 16", "mit Redis 7": a kind's word followed by a version
# number, with no article or count of its own, states the version of the resource already named
_VERSION_AFTER = re.compile(
    r"\s+v?\d+(?:\.\d+){0,2}(?![\d.]|\s*(?:gb|go|tb|to|mb|mo|%|x|gib|tib|vcpus?|cpus?)(?![a-z]))")
_VERSION_LEAD = re.compile(
    r"(?:^|[,;:(–—]|\s-|(?<![a-z])(?:version|versions|engine|motor|moteur|runtime|with|con|avec|mit|using|uses|on|en|sur"
    r"|auf))"
    r"\s*$")


def version_again(norm: str, start: int, end: int, named: list[tuple[int, int]]) -> bool:
    """Whether the mention at [start, end) only states a version ("Glue 4.0") of the resource named
    at the spans `named`; one whose words already had a version ("Postgres 15, Postgres 16") is
    another resource."""
    return bool(_VERSION_AFTER.match(norm, end) and _VERSION_LEAD.search(norm[max(0, start - 20) : start])
                and not any(_VERSION_AFTER.match(norm, b) for _, b in named))


# "an S3 event triggers ...", "la notification SQS", "S3-Ereignisse": a kind's word qualifying an event
# of the resource, not a resource
_EVENT_AFTER = re.compile(
    r"[\s-](?:events?|event notifications?|notifications?|triggers?|eventos?|notificaciones?|disparadores?"
    r"|evenements?|declencheurs?|ereignisse?s?|benachrichtigungen?|trigger)(?![a-z])")


_EVENT_BEFORE = re.compile(
    r"(?<![a-z])(?:eventos?|notificaciones?|evenements?|notifications?|ereignisse?)\s+(?:(?:de|del|du|des|d')\s*)?$")


def event_of(norm: str, start: int, end: int) -> bool:
    """Whether the kind's word at [start, end) only qualifies an event of a resource of that kind
    ("an S3 event", "el evento S3", "l'evenement S3")."""
    return bool(_EVENT_AFTER.match(norm, end) or _EVENT_BEFORE.search(norm[max(0, start - 25) : start]))
