"""Decoders that read emitted code the way its consumer does, for the escaping tests.

HCL: `hcldecode` (./hcldecode, Go on hashicorp/hcl/v2, the parser Terraform uses), built once into
~/.cache/autodeploy keyed by its sources. ARM: Azure's rule, a JSON string that starts with `[`
and ends with `]` is an expression unless it starts with `[[` (ExpressionParser.IsLanguageExpression);
string literals inside an expression are '...' with '' for a quote.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parent / "hcldecode"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256()
    for name in ("main.go", "go.mod", "go.sum"):
        digest.update((SRC / name).read_bytes())
    return Path(base) / "autodeploy" / f"hcldecode-{digest.hexdigest()[:16]}"


def build_hcldecode() -> Path:
    exe = _cache_dir() / "hcldecode"
    if exe.exists():
        return exe
    go = shutil.which("go")
    if go is None:
        msg = "go is not installed: the HCL escaping tests build a decoder on hashicorp/hcl/v2"
        if os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1":
            pytest.skip(msg)
        pytest.fail(msg + "; install Go or set AUTODEPLOY_ALLOW_MISSING_TOOLS=1 to skip")
    exe.parent.mkdir(parents=True, exist_ok=True)
    tmp = exe.with_name(f"hcldecode.{os.getpid()}.tmp")
    subprocess.run([go, "build", "-o", str(tmp), "."], cwd=SRC, check=True, timeout=900,
                   capture_output=True)
    os.replace(tmp, exe)  # atomic: a concurrent run sees a whole binary or none
    return exe


def hcl_native(exe: Path, text: str, tmp: Path) -> dict[str, Any]:
    path = tmp / "main.tf"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([str(exe), "native", str(path)], capture_output=True, text=True, check=True, timeout=60)
    doc: dict[str, Any] = json.loads(out.stdout)
    assert doc["errors"] == [], doc["errors"]
    return doc


def hcl_templates(exe: Path, strings: list[str]) -> list[dict[str, Any]]:
    out = subprocess.run([str(exe), "templates"], input=json.dumps(strings), capture_output=True, text=True,
                         check=True, timeout=60)
    decoded: list[dict[str, Any]] = json.loads(out.stdout)
    for d in decoded:
        assert d["errors"] == [], d["errors"]
    return decoded


def json_strings(doc: Any) -> list[str]:
    """Every string value and every object key in a JSON document, in order."""
    out: list[str] = []
    stack = [doc]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list):
            stack.extend(reversed(v))
        elif isinstance(v, dict):
            for k, x in reversed(list(v.items())):
                stack.append(x)
                stack.append(k)
    return out


_ARM_STRING = re.compile(r"'(?:[^']|'')*'")


def arm_decode(s: str) -> tuple[str, str]:
    """("literal", value) or ("expr", skeleton): the expression with each string literal as '?'."""
    if s.startswith("[") and s.endswith("]"):
        if s[1:2] == "[":
            return "literal", s[1:]
        return "expr", _ARM_STRING.sub("'?'", s)
    return "literal", s


def arm_expr_strings(s: str) -> list[str]:
    """The string literals inside an ARM expression, decoded."""
    return [m[1:-1].replace("''", "'") for m in _ARM_STRING.findall(s)]
