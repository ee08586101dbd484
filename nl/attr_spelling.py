"""Attribute words as people type them: one letter wrong ("encrption", "cifardo", "Verschlüsellung",
"versionning") or a German umlaut written out ("verschluesselt", "oeffentlich", "Loeschschutz").

The vocabulary is what the translator already reads: the lexicon's words for settings and
attributes and the registry's attribute names, expanded from their patterns. A request word that
none of those patterns reads, is no kind word and no listed real word, and is one edit (or one
umlaut transcription) away from exactly one vocabulary word, is read as that word. The request is
rewritten before anything reads it, so every reader (polarity included) sees the corrected word.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx
from .edits import alternatives, group_end, one_edit

# the lexicon's tables of setting and attribute words (a typo there is still that setting)
_CONCEPTS = (
    lx.VERSIONING, lx.ENCRYPTION, lx.UNENCRYPTED, lx.TLS, lx.DELETION_PROTECTION, lx.PUBLIC, lx.PRIVATE,
    lx.INTERNAL, lx.MULTI_AZ, lx.WEBSITE, lx.KW_BACKUP, lx.KW_DISK, lx.KW_MEMORY, lx.KW_STORAGE, lx.KW_TIMEOUT,
    lx.KW_ARCHIVE, lx.KW_IA, lx.KW_RETAIN, lx.NEGATION_AFTER,
)
_MIN_TYPO = 7  # shorter words have too many real neighbours ("public"/"publik", "backup"/"backed")
_UNSUPPORTED = re.compile(r"\\[wsdSWDAZ]|[*+{.^$]|\(\?[=!<]")


def _expand(pattern: str, limit: int = 256) -> list[str]:
    """The strings a simple pattern matches (literals, groups, "|", "?", small classes); none when
    it repeats or uses classes (those words stay out of the vocabulary)."""
    pattern = pattern.replace("\\b", "")
    if _UNSUPPORTED.search(pattern):
        return [s for alt in alternatives(pattern) if not _UNSUPPORTED.search(alt) for s in _expand(alt, limit)]
    out = [""]
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "(":
            j = group_end(pattern, i)
            inner = pattern[i + 3 if pattern.startswith("(?:", i) else i + 1 : j]
            pieces = [s for alt in alternatives(inner) for s in _expand(alt, limit)]
            i = j + 1
        elif ch == "[":
            j = pattern.index("]", i)
            pieces = list(pattern[i + 1 : j].replace("\\", ""))
            i = j + 1
        elif ch == "|":
            return [s for alt in alternatives(pattern) for s in _expand(alt, limit)]
        elif ch == "\\":
            pieces = [pattern[i + 1]]
            i += 2
        else:
            pieces = [ch]
            i += 1
        if i < len(pattern) and pattern[i] == "?":
            pieces = pieces + [""]
            i += 1
        out = [a + b for a in out for b in pieces][:limit]
    return out


def _words_of(pattern: str) -> set[str]:
    return {w for s in _expand(pattern) for w in re.split(r"[^a-z]+", s) if w}


@functools.cache
def _concepts() -> dict[str, frozenset[str]]:
    """Each attribute word -> what it names (an attribute, or one of the lexicon's tables): words
    of one concept ("rotation", "rotacion") are one meaning, not an ambiguity."""
    out: dict[str, set[str]] = {}
    named = [(f"table{i}", p) for i, p in enumerate(_CONCEPTS)] + list(lx.ATTR_SYNONYMS)
    for concept, pattern in named:
        for w in _words_of(pattern):
            out.setdefault(w, set()).add(concept)
    for spec in KINDS.values():
        for a in spec.attrs:
            for w in a.name.split("_"):
                out.setdefault(w, set()).add(a.name)
    return {w: frozenset(c) for w, c in out.items()}


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(attribute words, every word the translator reads: attribute words plus the kinds' words)."""
    attrs: set[str] = set()
    for pattern in _CONCEPTS + tuple(p for _, p in lx.ATTR_SYNONYMS):
        attrs |= _words_of(pattern)
    for spec in KINDS.values():
        for a in spec.attrs:
            attrs |= set(a.name.split("_"))
    known = set(attrs) | set(lx.REAL_WORDS)
    for spec in KINDS.values():
        for w in spec.nl.words if spec.nl is not None else ():
            known |= _words_of(w.pattern)
    return frozenset(attrs), frozenset(known)


def _inside(a: str, b: str) -> bool:
    """The two words first differ before their last letter: "encrption" is a typo of
    "encryption", while "replica"/"replicas", "handled"/"handler", "capacité"/"capacity" differ by
    an ending (another form or another language's word, not a slip of the finger)."""
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return i < min(len(a), len(b)) - 1


def _plain(word: str) -> str:
    base = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(c for c in base if not unicodedata.combining(c))


def _inflected(word: str, vocab: frozenset[str]) -> bool:
    """A known word with an ending ("backups", "speichern", "Sicherungen"): not a typo."""
    return any(word[:-n] in vocab for n in (1, 2) if len(word) - n >= 4)


def meant(word: str) -> str | None:
    """The vocabulary word a request word stands for, or None when it is already known or unclear."""
    attrs, known = _vocabulary()
    plain = _plain(word)
    if not plain.isalpha() or plain in known or _inflected(plain, known):
        return None
    # "oeffentlich", "verschluesselte", "Loeschschutz": the umlaut written out (read without it)
    if re.search(r"[aou]e", plain):
        bare = re.sub(r"([aou])e", r"\1", plain)
        if bare in known or _inflected(bare, known):
            return bare
    if len(plain) < _MIN_TYPO:
        return None
    hits = {v for v in attrs if len(v) >= _MIN_TYPO - 1 and one_edit(plain, v) and _inside(plain, v)}
    # a kind's word one edit away is the kind translator's misspelling to read, not an attribute's
    concepts = _concepts()
    shared = frozenset.intersection(*(concepts.get(h, frozenset()) for h in hits)) if hits else frozenset()
    if not shared or any(one_edit(plain, k) for k in known - attrs if len(k) >= _MIN_TYPO - 1):
        return None
    return min(hits)


_TOKEN = re.compile(r"(?<![\w./:@])[^\W\d_]{4,}(?![\w/:@]|\.\w)")


def corrected(text: str) -> str:
    """`text` with every misspelt or umlaut-less attribute word replaced by the word it stands for
    (quoted names, paths, images and addresses are left alone)."""
    return _TOKEN.sub(lambda m: meant(m.group(0)) or m.group(0), text)
