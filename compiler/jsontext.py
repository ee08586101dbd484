"""The one indented JSON writer: exactly `json.dumps(doc, indent=2, ensure_ascii=False) + "\\n"`,
written by orjson when it is installed (the `fast` extra). The stdlib's indented encoder is pure
Python: at 10,000 resources it spent seconds on the IR and the cost report that orjson writes in
milliseconds.

orjson writes the same bytes for every value these documents hold except two, which send the
document to the stdlib instead: a float below 1e-4 in magnitude (orjson `1e-5` or `0.00001`, the
stdlib `1e-05`; found by scanning orjson's output, a false alarm only costs the slow path) and a
value orjson refuses (an integer beyond 64 bits, a non-string key, a lone surrogate). NaN and
infinity, which orjson would write as null, never reach a document: the compiler rejects numbers
out of range (ADL0021) and prices are finite decimals."""

from __future__ import annotations

import json
import re
from typing import Any

try:  # optional speed-up; the stdlib path gives identical output
    import orjson
except ImportError:  # pragma: no cover - exercised when orjson is absent
    orjson = None  # type: ignore[assignment]

# how orjson writes a float the stdlib writes with an `e-0N`/`e-NN` exponent
_TINY_FLOAT = re.compile(rb"\d\.0000|\de-\d")


def dumps_indented(doc: Any) -> str:
    if orjson is not None:
        try:
            out = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
        except TypeError:
            pass
        else:
            if not _TINY_FLOAT.search(out):
                return out.decode("utf-8")
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def dumps_compact(doc: Any) -> str:
    """A document for another program to parse (OPA's input): the same values, any spacing."""
    if orjson is not None:
        try:
            return orjson.dumps(doc).decode("utf-8")
        except TypeError:
            pass
    return json.dumps(doc, ensure_ascii=False)
