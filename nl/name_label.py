"""A physical name given by its label, the way a console form or a Terraform block writes it:
"name acme-tf-state", "nombre: pedidos-2024", "nom = factures-prod", "Name team-x-tfstate" — or
by a naming word in a fragment of its own after a comma ("S3 Bucket für den State, namens
team-x-tfstate"), which the nearest-noun reader in nl/offline.py leaves when the noun is far.

Only an identifier counts (a hyphen, underscore, dot or digit inside it, or quoted): "name it
later", "nom de la base" name nothing. The value must pass the cloud's naming rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx
from .model import Res
from .readers import Tools

_ID = r"[a-z0-9][a-z0-9._-]*[-_.\d][a-z0-9._-]*[a-z0-9]"
_LABEL = re.compile(
    rf"(?<![a-z0-9_])(?:name|nombre|nom|bucket[_ ]name|table[_ ]name)\s*(?:[:=]\s*)?[\"'`]?(?P<v>{_ID})[\"'`]?"
    r"(?![a-z0-9._-])"
)
_NAMED = re.compile(rf"(?<![a-z0-9_]){lx.NAMED}")
_SENTENCE = re.compile(r"[;!?\n]|\.(?![a-z0-9])")


def _owner(t: Tools, a: int, holders: tuple[str, ...]) -> Res | None:
    """The resource the name belongs to: the nearest holder, named before it in its sentence."""
    r = t.target(a, holders)
    if r is None or not any(y <= a and not _SENTENCE.search(t.norm[y:a]) for _, y in r.spans):
        return None
    return r


def name_labels(t: Tools, broken: Callable[[Res, str], str | None]) -> None:
    holders = tuple(sorted(k for k, s in KINDS.items() if s.attr("name") is not None))
    found = [(m, "v") for m in _LABEL.finditer(t.norm)]
    found += [(m, 1) for m in _NAMED.finditer(t.norm) if re.fullmatch(_ID, m.group(1))]  # type: ignore[misc]
    for m, g in sorted(found, key=lambda p: p[0].start()):
        if not t.free(m.start(), m.end()):
            continue
        r = _owner(t, m.start(), holders)
        if r is None or "name" in r.stated_attrs:
            continue
        name = t.text[m.start(g) : m.end(g)]
        if broken(r, name) is None:
            t.put(r, "name", name)
            t.use(m.start(), m.end())
