"""Spelling helpers shared by the readers of misspelt words (kinds in nl/offline.py, attribute
words in nl/attr_spelling.py)."""

from __future__ import annotations


def one_edit(a: str, b: str) -> bool:
    """`a` is `b` with one letter wrong, missing, extra, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                   and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (a "|" inside a group does not split)."""
    out, depth, cur = [], 0, ""
    for ch in pattern:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def group_end(pattern: str, i: int) -> int:
    """The index of the ")" closing the group that opens at pattern[i]."""
    depth, j = 0, i
    for j in range(i, len(pattern)):
        depth += pattern[j] == "("
        depth -= pattern[j] == ")"
        if depth == 0:
            break
    return j
