"""One Diagnostic type, built only through the catalogue (see catalogue.py).

Diagnostics are collected, never raised: a pass appends to a `DiagnosticBag`
and the caller decides the exit code. Only internal bugs raise.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .redact import mask_line


def shown(text: str, limit: int = 40) -> str:
    """A value for a message: control characters escaped, long values cut with their length."""
    safe = "".join(ch if unicodedata.category(ch)[0] != "C" else f"\\u{ord(ch):04x}" for ch in text[:limit])
    return safe if len(text) <= limit else f"{safe}… ({len(text)} characters)"


def _printable(line: str) -> str:
    """A source line for a snippet: a control character (an escape sequence a file carries) never
    reaches the terminal; one replacement character each keeps the caret under its column."""
    return "".join(ch if ch == "\t" or unicodedata.category(ch) != "Cc" else "\ufffd" for ch in line)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Span:
    """A source range; lines and columns are 1-based, end is exclusive."""

    file: str
    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def point(cls, file: str, line: int, col: int) -> Span:
        return cls(file, line, col, line, col + 1)

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
        }

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span | None
    help: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        if self.span is None:
            return ("", 0, 0, self.code, self.message)
        return (self.span.file, self.span.line, self.span.col, self.code, self.message)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "span": self.span.to_json() if self.span else None,
            "help": self.help,
        }


@dataclass
class DiagnosticBag:
    """Collects diagnostics; deduplicates and sorts by position on read."""

    _items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        self._items.append(diag)

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self._items.extend(diags)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    def sorted(self) -> tuple[Diagnostic, ...]:
        seen: set[tuple[object, ...]] = set()
        out: list[Diagnostic] = []
        for d in sorted(self._items, key=Diagnostic.sort_key):
            key = (d.code, d.span, d.message)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return tuple(out)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.sorted())


def render_text(diags: Iterable[Diagnostic], sources: dict[str, str], color: bool = False) -> str:
    """Render like rustc/Bicep: `file:line:col: error ADL1003: message`, snippet, caret, help."""
    lines_cache: dict[str, list[str]] = {}
    out: list[str] = []
    for d in diags:
        head = f"{d.severity.value} {d.code}: {d.message}"
        if d.span is None:
            out.append(head)
        else:
            out.append(f"{d.span}: {head}")
            src = sources.get(d.span.file)
            if src is not None:
                # split on "\n" only, as the parser counts lines (not str.splitlines())
                lines = lines_cache.setdefault(d.span.file, src.removesuffix("\n").split("\n"))
                if 1 <= d.span.line <= len(lines):
                    text = _printable(mask_line(lines[d.span.line - 1].rstrip("\r")))  # secrets masked
                    gutter = f"{d.span.line:>4} | "
                    out.append(gutter + text)
                    width = (
                        d.span.end_col - d.span.col
                        if d.span.end_line == d.span.line and d.span.end_col > d.span.col
                        else 1
                    )
                    width = max(1, min(width, max(1, len(text) - d.span.col + 1)))
                    out.append(" " * (len(gutter) - 2) + "| " + " " * (d.span.col - 1) + "^" * width)
        if d.help:
            out.append(f"     = help: {d.help}")
    return "\n".join(out) + ("\n" if out else "")


def render_json(diags: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diags], indent=2) + "\n"
