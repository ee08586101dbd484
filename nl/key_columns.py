"""A table's key columns said around the key's name, in four languages: "a table keyed on
image_id", "partitioned by tenant_id", "a sort key on created_at", "user_id comme clé de partition",
"created_at como clave de ordenación", "job_id als Partitionsschlüssel".

The key's words come from the lexicon's attribute synonyms (`partition_key`, `sort_key`); the
column is an identifier (a letter first, letters, digits and underscores), never a function word.
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx
from .readers import Tools

_COLUMN = r"[a-z][a-z0-9_]*"
_AS = r"as|comme|como|als"
_ON = r"on|by|sur|par|auf|nach|por|en"
# the partition key as a verb: "keyed on", "partitioned by", "partitionné par", "particionada por"
_KEYED = r"keyed|partitioned|partitionnee?|particionad[oa]|partitioniert"
_END = r"(?![a-z0-9_-]|\.[a-z0-9])"  # a column may end the sentence: "keyed on job_id."
_FUNCTION_WORDS = lx.words(lx.ARTICLES, lx.INDEFINITE, lx.PARTITIVES) | {"its", "their", "our", "each", "every"}


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    syn = dict(lx.ATTR_SYNONYMS)
    out = []
    for attr in ("partition_key", "sort_key"):
        name = syn[attr]
        art = rf"(?:(?:{lx.ARTICLE_RE})\s+)?"
        on = rf"(?<![a-z0-9_])(?:{name})\s+(?:{_ON})\s+{art}(?P<v>{_COLUMN}){_END}"
        out.append((attr, re.compile(on)))
        out.append((attr, re.compile(rf"(?<![a-z0-9_])(?P<v>{_COLUMN})\s+(?:{_AS})\s+{art}(?:{name})(?![a-z])")))
    keyed = rf"(?<![a-z])(?:{_KEYED})\s+(?:{_ON})\s+(?P<v>{_COLUMN}){_END}"
    out.append(("partition_key", re.compile(keyed)))
    return out


_PATTERNS = _patterns()


def key_columns(t: Tools) -> None:
    for attr, rx in _PATTERNS:
        holders = tuple(sorted(k for k, s in KINDS.items() if s.attr(attr) is not None))
        for m in rx.finditer(t.norm):
            v = m.group("v")
            if v in _FUNCTION_WORDS or not t.free(m.start("v"), m.end("v")):
                continue
            r = t.target(m.start(), holders)
            if r is not None and attr not in r.stated_attrs:
                t.put(r, attr, t.text[m.start("v") : m.end("v")])
                t.use(m.start(), m.end())
