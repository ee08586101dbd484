"""A value said of every copy: "zwei Postgres-Datenbanken (je 50 GB)", "two queues with 4 days
retention each", "dos bases de 50 GB cada una", "deux buckets versionnés chacun". A count in front of
a kind makes one resource per copy, and the attribute readers place a value on the nearest copy; a
distributive word after the mention (and before the next resource) says the value is every copy's."""

from __future__ import annotations

import copy
import re

from .model import Res, Spec

DISTRIBUTIVE = re.compile(
    # German "je" only before what it distributes ("je 50 GB", "je ein"): French "je" is "I"
    r"(?<![a-z])(?:je(?=\s+(?:\d|ein|zwei|drei|vier))|jeweils|pro stuck|each|apiece|each one"
    r"|cada una?|cada uno|cada|chacune?|chaque)(?![a-z])"
)

# never the same on two copies
_OWN = frozenset({"name"})


def spread(spec: Spec, norm: str) -> None:
    groups: dict[tuple[str, tuple[int, int]], list[Res]] = {}
    for r in spec.resources:
        if r.from_text and r.spans:
            groups.setdefault((r.kind, r.spans[0]), []).append(r)
    for (_, (_, b)), copies in sorted(groups.items(), key=lambda kv: kv[0][1]):
        if len(copies) < 2:
            continue
        # the copies' own phrase: up to the next resource named after them
        own = {id(r) for r in copies}
        end = min((x for r in spec.resources if id(r) not in own for x, _ in r.spans if x >= b), default=len(norm))
        if not DISTRIBUTIVE.search(norm, b, end):
            continue
        for r in copies:
            for attr in sorted(r.stated_attrs - _OWN):
                if attr not in r.attrs:
                    continue
                for other in copies:
                    if attr not in other.stated_attrs:
                        other.attrs[attr] = copy.deepcopy(r.attrs[attr])
                        other.stated_attrs.add(attr)
