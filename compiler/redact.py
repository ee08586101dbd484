"""A secret's `value` never leaves the compiler.

A plain `value` is accepted (policy flags it, deploy generates a fresh value instead), but
it must not be printed: the IR carries REDACTED in its place, and every snippet or diff line
that shows a source line passes through `mask_line` first. The original values stay in
memory only (`CompileResult.secret_values`) for the one writer allowed to keep them, the
`.adl` file itself (chat's rewrite).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # diagnostics.py masks snippets with this module: no runtime import of the IR
    from .ir import IR

REDACTED = "(redacted)"

# (kind, attribute) pairs whose value is secret
SECRET_ATTRS = frozenset({("secret", "value")})
_NAMES = frozenset(a for _, a in SECRET_ATTRS)
# `value = "..."` as the ADL lexer reads a string (escapes included, unterminated too);
# `value: ...` covers map-like inputs
_ASSIGNED = re.compile(r'(\b(?:' + "|".join(sorted(_NAMES)) + r')\s*[=:]\s*")((?:\\.|[^"\\\n])*)')


def mask_line(line: str) -> str:
    """`line` with the string assigned to a secret attribute masked (same length, so carets still
    point at the right columns). Lexical on purpose: it works on files that do not parse."""
    if not any(n in line for n in _NAMES):  # the common case: nothing to mask
        return line
    return _ASSIGNED.sub(lambda m: m.group(1) + "*" * len(m.group(2)), line)


def mask_text(text: str) -> str:
    return "\n".join(mask_line(line) for line in text.split("\n"))


def redact_ir(ir: IR) -> tuple[IR, dict[str, str]]:
    """The IR with every secret value replaced by REDACTED, and the originals by resource name.

    A parameter whose value ends up inside a secret is redacted too (`value = "${token}"`)."""
    originals: dict[str, str] = {}
    resources = []
    for r in ir.resources:
        secret = {a for k, a in SECRET_ATTRS if k == r.kind and isinstance(r.attrs.get(a), str)}
        if not secret:
            resources.append(r)
            continue
        for a in sorted(secret):
            originals[r.name] = r.attrs[a]
        resources.append(dataclasses.replace(r, attrs={**r.attrs, **{a: REDACTED for a in secret}}))
    if not originals:
        return ir, originals
    params: dict[str, Any] = {
        k: REDACTED if isinstance(v, str) and v and any(v in s for s in originals.values()) else v
        for k, v in ir.params.items()
    }
    return dataclasses.replace(ir, resources=tuple(resources), params=params), originals
