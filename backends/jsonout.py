"""The one JSON writer of the backends (Terraform JSON, ARM templates): 2-space indent, insertion key
order, UTF-8. orjson, when installed (the `fast` extra), writes the same bytes as
json.dumps(indent=2, ensure_ascii=False) many times faster; tests check the two agree."""

from __future__ import annotations

import json
from typing import Any

try:  # optional speed-up; the stdlib path gives identical output
    import orjson
except ImportError:  # pragma: no cover - exercised when orjson is absent
    orjson = None  # type: ignore[assignment]


def dumps(doc: Any) -> str:
    if orjson is not None:
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
