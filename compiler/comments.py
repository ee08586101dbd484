"""Comments of an ADL source, found the way the parser counts lines: shared by the formatter (which
keeps them) and the parser (which refuses text a lone CR hides inside one)."""

from __future__ import annotations

from dataclasses import dataclass


def source_lines(text: str) -> list[str]:
    """Lines exactly as the parser counts them: split on "\n" only. str.splitlines() also
    splits on \r, form feed, VT, U+0085 and U+2028, which may sit inside a string; a `#`
    after one of those would look like a comment and be added again on every run."""
    return text.split("\n")


@dataclass(frozen=True)
class Comment:
    line: int
    col: int
    text: str


def scan_comments(text: str) -> list[Comment]:
    out: list[Comment] = []
    for lineno, line in enumerate(source_lines(text), 1):
        in_str = False
        i = 0
        while i < len(line):
            ch = line[i]
            if in_str:
                if ch == "\\":
                    i += 1
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch == "#":
                out.append(Comment(lineno, i + 1, line[i:].rstrip()))
                break
            i += 1
    return out
