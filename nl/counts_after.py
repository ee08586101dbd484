"""Counts written after the thing counted (issue 14, the right count).

The translator reads a count before its noun ("3 to 6 m5.large nodes"); people also write it after:
- in an apposition or a parenthesis after the machines: "m6i.xlarge nodes, 2-10 of them", "nodos
  t3.large (entre 2 y 4)", "nœuds m6i.large (de 3 à 8)", "Knoten m6i.large (2 bis 10)", "nodes
  scaling 2 to 5": the range of a cluster's node group;
- inside a group of machines: "a VMSS of 10 Standard_F8s_v2", "un VMSS de 3 VM", "vm: 4x m7i.large":
  how many machines the group holds.
Which resource holds the count comes from the registry (kind_roles: clusters count nodes, VMs count
themselves).
"""

from __future__ import annotations

import re
from typing import Any

from . import kind_roles as roles
from .lexicon import NODE_WORDS, NUMBER_RE, NUMBER_WORDS, RANGE_SEP
from .readers import Tools

_OPEN = (r"(?:between|entre|zwischen|de|from|von|(?:auto-?)?scal(?:e|es|ing)(?: from| between)?"
         r"|escala(?:ndo)?(?: de| entre)?|evoluant de|skalier(?:t|en|end)(?: von| zwischen)?)")
_OF_THEM = r"(?:of them|de ellos|de ellas|d'entre eux|d'entre elles|davon)"
# "nodes (2 to 10)", "Knoten m6i.large (2 bis 10)", "nodes, 2-10 of them", "nodes scaling 2 to 5"
_AFTER_NODES = re.compile(
    rf"(?<![a-z])(?:{NODE_WORDS})(?:\s+[a-z0-9._-]*\d[a-z0-9._-]*)?"  # an optional machine type
    rf"\s*(?:\(\s*|,\s*|\s)(?:{_OPEN}\s+)?(?<![\d.])({NUMBER_RE}){RANGE_SEP}({NUMBER_RE})(?![\d.])"
    rf"(?:\s*\)|\s+{_OF_THEM})?"
)
# "a VMSS of 10 Standard_F8s_v2", "un VMSS de 3 VM", "eine Scale Set mit 4 Instanzen", and a range:
# "a scale set of 2-6 Standard_D2s_v5", "un VMSS de 2 a 4 VM"
_GROUP_OF = re.compile(
    rf"\s*(?:of|de|da|von|mit|with|aus|con|avec)\s+(?<![\d.])(\d{{1,4}}|{NUMBER_RE})"
    rf"(?:{RANGE_SEP}(\d{{1,4}}|{NUMBER_RE}))?(?:\s*x)?\s+"
    r"(?=[a-z0-9_.]*\d|vms?\b|maquinas|machines|instanc|instanz|servers?\b|servidores|serveurs|knoten|nodes)"
)
# "4x m7i.large", "3 x Standard_D2s_v5": a multiplier right before a later word of the mention
_TIMES_BEFORE = re.compile(r"(?<![\w.])(\d{1,4})\s*[x×]\s*$|(?<![\w.])(\d{1,4})\s+$")


def _num(tok: str) -> int | None:
    return int(tok) if tok.isdigit() else NUMBER_WORDS.get(tok)


def node_ranges_after(t: Tools) -> None:
    """A cluster's node range written after its node words."""
    for m in _AFTER_NODES.finditer(t.norm):
        lo, hi = _num(m.group(1)), _num(m.group(2))
        if lo is None or hi is None or not t.free(m.start(1), m.end(2)):
            continue
        r = t.target(m.start(), roles.CLUSTERS)
        if r is not None and t.put(r, "nodes", {"min": min(lo, hi), "max": max(lo, hi)}):
            t.use(m.start(1), m.end())


def group_count(norm: str, m: Any) -> tuple[int, int] | None:
    """How many machines a VM mention's own words hold: "a VMSS of 10 Standard_F8s_v2", "un VMSS de 3
    VM", "vm: 4x m7i.large" (a count right before one of its later words), or None."""
    if m.kind not in roles.VMS:
        return None
    spans = sorted([(m.start, m.end), *m.extra])
    for _, b in spans:  # "a VM scale set of 2 to 6 Standard_D2s_v5 VMs": after the group's word, not its last
        after = _GROUP_OF.match(norm, b)
        if after is not None and (n := _num(after.group(1))):
            hi = _num(after.group(2)) if after.group(2) else n
            return (n, hi) if hi is not None and n <= hi else (n, n)
    for (_, b), (a, _) in zip(spans, spans[1:], strict=False):
        times = _TIMES_BEFORE.search(norm[b:a])
        n = int(times.group(1) or times.group(2)) if times else 0
        if 1 < n <= 1000:
            return (n, n)
    return None
