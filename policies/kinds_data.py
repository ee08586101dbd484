"""The kind traits as OPA data: `policies/lib/kinds.rego` (package adl.kinds), generated from
compiler/kinds.py so rules ask `lib.kind_has(r, "encryptable")` instead of listing kinds.

A generated Rego module (not a data.json) reaches both engines the same way: `opa eval` loads lib/,
and the server engine uploads lib/ first. `python -m autodeploy.docgen` rewrites it; a test fails
when it is stale."""

from __future__ import annotations

import json
from pathlib import Path

from autodeploy.compiler.kinds import KINDS

PATH = Path(__file__).parent / "lib" / "kinds.rego"


def kinds_rego() -> str:
    lines = [
        "# Generated from compiler/kinds.py by `python -m autodeploy.docgen`; do not edit by hand.",
        "# The traits of every kind (compiler/schema.py TRAITS); rules read them through lib.kind_has.",
        "package adl.kinds",
        "",
        "traits := {",
    ]
    for k in sorted(KINDS):
        traits = ", ".join(json.dumps(t) for t in KINDS[k].traits)
        lines.append(f"\t{json.dumps(k)}: {{{traits}}}," if traits else f"\t{json.dumps(k)}: set(),")
    lines.append("}")
    return "\n".join(lines) + "\n"
