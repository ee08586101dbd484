"""Which keyword a number in a request is about: the nearest one in its own clause.

"a database with backups of 7 days and a queue with a retention of 4 days": "4 days" is the
retention's (its clause starts after "and"), "7 days" the backups'. A keyword counts only inside
the number's clause — not past a comma, a closing bracket, a sentence end or a joining word ("and", "y", "et",
"und", "with", "con", "avec", "mit") — and the nearest wins; one before the number beats one after
at the same distance ("timeout of 30 seconds", "30 seconds timeout"). A keyword inside a longer
keyword of another kind ("expir" inside "délai d'expiration") does not count.

Text is accent-free lower case (offline.normalize).
"""

from __future__ import annotations

import re

# what ends the phrase a number belongs to
_CLAUSE_END = re.compile(r"[,;!?)\n]|\.(?![a-z0-9])|\s(?:and|y|e|et|und|with|con|avec|mit|plus|but|pero|mais|aber)\s")


def clause(norm: str, a: int, b: int, before: int = 45, after: int = 35) -> tuple[int, int]:
    """The start and end of the clause around norm[a:b], at most `before`/`after` characters away."""
    lo = max(0, a - before)
    cuts = [m.end() for m in _CLAUSE_END.finditer(norm, lo, a)]
    lo = max(cuts) if cuts else lo
    hi = min(len(norm), b + after)
    end = _CLAUSE_END.search(norm, b, hi)
    return lo, end.start() if end else hi


def nearest(norm: str, a: int, b: int, keywords: dict[str, str], before: int = 45, after: int = 35) -> str | None:
    """The name of the keyword nearest norm[a:b] in its clause, or None."""
    lo, hi = clause(norm, a, b, before, after)
    hits: list[tuple[int, int, str]] = []
    for name, pattern in keywords.items():
        for m in re.finditer(pattern, norm[lo:hi]):
            x, y = lo + m.start(), lo + m.end()
            if not (y <= a or x >= b):  # the number itself
                continue
            hits.append((x, y, name))
    # a keyword inside a longer one of another name is part of that one
    hits = [h for h in hits if not any(o[2] != h[2] and o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0]
                                       for o in hits)]
    if not hits:
        return None
    order = list(keywords)
    return min(hits, key=lambda h: (a - h[1] if h[1] <= a else h[0] - b + 0.5, order.index(h[2])))[2]
