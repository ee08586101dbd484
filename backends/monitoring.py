"""What a monitor watches, shared by the Terraform and ARM emitters: the watched resources (its
`watch` edges) and the objectives the file states, in a stable order."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IR, IRResource

OBJECTIVES = ("latency", "errors", "saturation", "backlog")


def watched(ir: IR, r: IRResource) -> list[IRResource]:
    names = [w["ref"] for w in r.get("watch") or [] if isinstance(w, dict)]
    return [x for x in (ir.resource(n) for n in names) if x is not None]


def objectives(r: IRResource) -> list[tuple[str, dict[str, Any]]]:
    return [(o, r.get(o)) for o in OBJECTIVES if isinstance(r.get(o), dict)]


def text(t: dict[str, Any], unit: str) -> str:
    amount = f"{t['value']:g}" + (f" {unit}" if unit else "")
    return f"{t['stat']} {t['op']} {amount}" if t.get("stat") else f"{t['op']} {amount}"


UNITS = {"latency": "ms", "errors": "%", "saturation": "%", "backlog": ""}
