"""The one indented JSON writer: exactly `json.dumps(doc, indent=2, ensure_ascii=False) + "\\n"`,
written by orjson when it is installed (the `fast` extra). The stdlib's indented encoder is pure
Python: at 10,000 resources it spent seconds on the IR and the cost report that orjson writes in
milliseconds.

orjson writes the same bytes for every value these documents hold but two. A float below 1e-4 in
magnitude (orjson `0.0000166667`, the stdlib `1.66667e-05`, a Lambda GB-second price) is rewritten
to the stdlib's spelling on the few lines that hold one: in the indented output no string spans
lines, so a line is tokenised from its start and strings are never touched. A value orjson refuses
(an integer beyond 64 bits, a non-string key, a lone surrogate) sends the document to the stdlib.
NaN and infinity, which orjson would write as null, never reach a document: the compiler rejects
numbers out of range (ADL0021) and prices are finite decimals."""

from __future__ import annotations

import json
import re
from typing import Any

try:  # optional speed-up; the stdlib path gives identical output
    import orjson
except ImportError:  # pragma: no cover - exercised when orjson is absent
    orjson = None  # type: ignore[assignment]

# how orjson may write a float the stdlib writes with an `e-0N`/`e-NN` exponent (a line that
# matches only inside a string is tokenised for nothing)
_TINY_FLOAT = re.compile(rb"\d\.0000|\de-\d")
# a JSON string or number, scanned from the start of a line
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')


def _stdlib_float(m: re.Match[bytes]) -> bytes:
    tok = m.group()
    if tok[:1] == b'"' or not any(c in tok for c in b".eE"):
        return tok
    return repr(float(tok)).encode()  # json.dumps writes a finite float as float.__repr__


def _stdlib_floats(out: bytes) -> bytes:
    """`out` with each line that may hold a tiny float re-spelled; the other lines are not copied
    line by line (a 10,000-resource cost report has a few hundred such lines among 700,000)."""
    pieces: list[bytes] = []
    pos = 0
    for m in _TINY_FLOAT.finditer(out):
        start = out.rfind(b"\n", 0, m.start()) + 1
        if start < pos:
            continue  # a second match on a line already rewritten
        end = out.find(b"\n", m.end())
        end = len(out) if end < 0 else end
        pieces += [out[pos:start], _TOKEN.sub(_stdlib_float, out[start:end])]
        pos = end
    if not pieces:
        return out
    pieces.append(out[pos:])
    return b"".join(pieces)


def dumps_indented(doc: Any) -> str:
    if orjson is not None:
        try:
            out = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
        except TypeError:
            pass
        else:
            return _stdlib_floats(out).decode("utf-8")
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def dumps_compact(doc: Any) -> str:
    """A document for another program to parse (OPA's input): the same values, any spacing."""
    if orjson is not None:
        try:
            return orjson.dumps(doc).decode("utf-8")
        except TypeError:
            pass
    return json.dumps(doc, ensure_ascii=False)
