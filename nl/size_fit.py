"""Whether a number fits an attribute's bounds in the registry: a keyword shared by two size
attributes ("Speicher" is memory or storage) names the one whose holder can take the value — 128 GB
is no container's memory, it is the database's storage."""

from __future__ import annotations

from autodeploy.compiler.kinds import KINDS


def fits(kind: str, attr: str, value: float) -> bool:
    a = KINDS[kind].attr(attr)
    if a is None:
        return False
    lo, hi = getattr(a.type, "min", None), getattr(a.type, "max", None)
    return (lo is None or value >= lo) and (hi is None or value <= hi)
