"""Durations whose unit is not written next to the number, in four languages:

- the unit said once for a pair: "archive after 30 days and delete after 365", "que pase a archivo a
  los 90 días y se borre a los 365", "archivés après 30 jours et supprimés après 365", "nach 30
  Tagen archivieren, nach 365 löschen" — a bare number after an "after" word takes the unit of the
  duration just before it in its sentence;
- one unit with no number after an "after" word: "se borren al año", "supprimés au bout d'un an",
  "deleted after a year", "nach einem Jahr gelöscht".

What the duration is about (expiry, archive, retention...) is still decided by the keyword reader in
nl/offline.py; these are only more (start, end, seconds, worded) entries for it.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .numbers import COUNTED, DURATION_UNIT, SIZE_UNIT

_AFTER = r"after|a los|a las|tras|despues de|apres|au bout de|nach|within|dans"
_BARE = re.compile(
    rf"(?<![a-z])(?:{_AFTER})\s+(?P<n>\d+)(?!\d|[.,]\d|\s*(?:%|(?:{SIZE_UNIT}|{DURATION_UNIT})(?![a-z])))"
    # a count of something else: "after 3 retries", "nach 5 Versuchen"
    rf"(?!\s*(?:{COUNTED}|retr|attempt|intent|tentativ|versuch|request|message|mensaje|nachricht))"
)
_ONE = rf"{lx.alt(lx.INDEFINITE, lx.ONE_WORDS)}|d'une?"  # "au bout d'un an"
_UNIT_SECONDS = (
    (r"years?|ano|an|annee|jahr", 365 * 86400.0),
    (r"months?|mes|mois|monat", 30 * 86400.0),
    (r"weeks?|semana|semaine|woche", 7 * 86400.0),
)
_WORDED = re.compile(
    rf"(?<![a-z])(?:{_AFTER}|al)\s+(?:(?:{_ONE})\s+)?(?P<u>{'|'.join(p for p, _ in _UNIT_SECONDS)})(?![a-z])"
)
_SENTENCE = re.compile(r"[;!?\n]|\.(?![a-z0-9])")
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?")


def more(norm: str, found: list[tuple[int, int, float, bool]]) -> list[tuple[int, int, float, bool]]:
    out = []
    taken = [(a, b) for a, b, _, _ in found]
    for m in _BARE.finditer(norm):
        a, b = m.start("n"), m.end("n")
        before = [d for d in found if d[1] <= a and a - d[1] <= 80 and not _SENTENCE.search(norm[d[1] : a])]
        if not before:
            continue
        pa, pb, secs, _ = max(before)
        amount = _AMOUNT.match(norm, pa)
        if amount is None or not float(amount.group().replace(",", ".")):
            continue
        out.append((a, b, secs / float(amount.group().replace(",", ".")) * int(m.group("n")), False))
    for m in _WORDED.finditer(norm):
        if any(x < m.end() and m.start() < y for x, y in taken):
            continue
        secs = next(s for p, s in _UNIT_SECONDS if re.fullmatch(p, m.group("u")))
        out.append((m.start("u"), m.end("u"), secs, True))
    return out



