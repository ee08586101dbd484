"""A table's keys named before their words or by a verb (issue 14, attribute recall): "user_id comme clé
de partition", "created_at como clave de ordenación", "job_id als Partitionsschlüssel", "a table keyed on
image_id", "keyed by tenant_id and sorted by created_at". The key words are the lexicon's synonyms of the
registry's `partition_key` / `sort_key`; the readers of "partition key user_id" stay in nl/offline.py.
"""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx
from .readers import Tools

_NAME = r"([a-z][a-z0-9_]*)"
# "as", "como", "comme", "als", with an optional article: a name said to be the key
_AS = rf"\s+(?:as|como|comme|als)\s+(?:(?:{lx.alt(lx.ARTICLES, lx.INDEFINITE)})\s*)?"
# the verbs of a key: "keyed on", "partitioned by", "sorted by"
_VERBS = {"partition_key": r"keyed|partitioned|particionad[oa]|partitionnee?|partitioniert",
          "sort_key": r"sorted|ordered|ordenad[oa]|triee?|sortiert"}


def key_phrases(t: Tools) -> None:
    syn = dict(lx.ATTR_SYNONYMS)
    for attr in ("partition_key", "sort_key"):
        holders = tuple(sorted({r.kind for r in t.spec.resources if KINDS[r.kind].attr(attr) is not None}))
        if not holders:
            continue
        words = syn[attr].replace("|pk", "").replace("|sk", "")  # a bare "pk" after a name is no key word
        before = re.compile(rf"(?<![a-z0-9_]){_NAME}{_AS}(?:{words})(?![a-z])")
        # (an article is no column: "keyed on the customer" names none)
        verb = re.compile(rf"(?<![a-z])(?:{_VERBS[attr]})\s+(?:on|by|par|por|nach)\s+"
                          rf"(?!(?:{lx.DETERMINER_RE})(?![a-z0-9_])){_NAME}(?![a-z0-9_])")
        for rx in (before, verb):
            for m in rx.finditer(t.norm):
                r = t.target(m.start(), holders)
                if r is None or attr in r.stated_attrs or not t.free(m.start(1), m.end(1)):
                    continue
                t.put(r, attr, t.text[m.start(1) : m.end(1)])
                t.use(m.start(), m.end())
