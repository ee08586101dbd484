"""The one JSON writer of the backends (Terraform JSON, ARM templates): 2-space indent, insertion key
order, UTF-8. orjson, when installed (the `fast` extra), writes the same bytes as
json.dumps(indent=2, ensure_ascii=False) many times faster; tests check the two agree."""

from __future__ import annotations

from autodeploy.compiler.jsontext import dumps_indented as dumps
from autodeploy.compiler.jsontext import orjson

__all__ = ["dumps", "orjson"]
