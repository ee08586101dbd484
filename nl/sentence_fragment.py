"""A sentence with no noun of its own qualifies the resource the previous sentence named: "Blob
container for invoice PDFs on Azure. Private, and versioned.", "¿Me creas un contenedor Blob para
los exports? Nada público.", "Ein Bucket für Rechnungen. Nicht öffentlich.".

Read only where nothing is ambiguous: the adjective opens its sentence (after a negation at most),
the sentence names no resource, and the previous sentence named exactly one resource that holds
the setting. Otherwise nothing is guessed.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .model import Res, Spec

_SENTENCE_END = re.compile(r"[;!?\n]|\.(?![a-z0-9])")
_OPENING = re.compile(rf"\s*(?:(?:{lx.NEGATION_BEFORE}|nada|rien)\s+(?:(?:{lx.AUXILIARIES})\s+)?)?")


def _start(norm: str, a: int) -> int:
    return max((m.end() for m in _SENTENCE_END.finditer(norm, 0, a)), default=-1)


def subject(norm: str, a: int, spec: Spec, kinds: tuple[str, ...]) -> Res | None:
    s = _start(norm, a)
    if s < 0 or not _OPENING.fullmatch(norm[s:a]):
        return None
    end = next((m.start() for m in _SENTENCE_END.finditer(norm, a)), len(norm))
    if any(s <= x < end for r in spec.resources for x, _ in r.spans):
        return None
    prev = _start(norm, max(0, s - 1))
    before = {id(r): r for r in spec.resources for x, _ in r.spans if max(prev, 0) <= x < s}
    held = [r for r in before.values() if r.kind in kinds]
    return held[0] if len(held) == 1 and len(before) == 1 else None
