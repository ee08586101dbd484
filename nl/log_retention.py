"""How long a resource's own logs are kept: "flow logs kept 90 days", "Access-Logs 90 Tage behalten",
"logs de acceso 30 días", "journaux de flux conservés 1 an".

A duration nobody else placed, said right after the words of an on/off log attribute (`flow_logs`,
`access_logs`) of a resource whose kind also has a days attribute named for those logs
(`flow_log_retention`, `log_retention`), is that attribute — the registry pairs them by name, so a
new kind with `audit_logs` and `audit_log_retention` is read with no edit here.
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool, TQty

from .readers import Tools, words_for


def _kept_by(kind: str, switch: str) -> str | None:
    """The days attribute keeping the logs `switch` turns on ("flow_logs" -> "flow_log_retention")."""
    said = [w.removesuffix("s") for w in switch.split("_")]
    for a in KINDS[kind].attrs:
        if not (a.name.endswith("_retention") and isinstance(a.type, TQty) and a.type.canonical == "days"):
            continue
        head = a.name.removesuffix("_retention").split("_")
        if len(head) <= len(said) and said[-len(head) :] == head:
            return a.name
    return None


def place(t: Tools, a: int, days: float) -> bool:
    """Set the duration (in days) starting at `a` as the retention of the logs named just before it."""
    start = max(0, a - 45)
    cut = max((m.end() for m in re.finditer(r"[;.!?]\s|[,;(]", t.norm[start:a])), default=0)
    before = t.norm[start + cut : a]
    best: tuple[int, str, str] | None = None
    for kind in sorted({r.kind for r in t.spec.resources}):
        for sw in KINDS[kind].attrs:
            if not isinstance(sw.type, TBool) or (attr := _kept_by(kind, sw.name)) is None:
                continue
            for m in re.finditer(rf"(?<![a-z0-9_])(?:{words_for(sw.name)})(?![a-z0-9_])", before):
                if best is None or m.end() > best[0]:
                    best = (m.end(), kind, attr)
    if best is None:
        return False
    r = t.target(start + cut + best[0], (best[1],))
    if r is None or not t.put(r, best[2], int(days) if float(days).is_integer() else round(days, 6)):
        return False
    return True
