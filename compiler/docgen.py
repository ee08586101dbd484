"""Generates docs/kinds.md (from the kinds registry) and docs/diagnostics.md (from the
catalogue), so the reference can't drift from the code; a test checks both are current."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from .catalogue import templates
from .kinds import COMMON, DEPLOYMENT, KINDS, WAIVER
from .schema import AttrSpec, KindSpec, TQty

_PHASES = [("ADL0", "Reading and parsing"), ("ADL1", "Names and types"), ("ADL2", "Dependency graph"),
           ("ADL3", "Policy"), ("ADL4", "Cost and analytics"), ("ADL5", "Backends and deploy")]


def load_all_diagnostics() -> None:
    """Import every `diagnostics` module of the product so all phases register their codes."""
    import autodeploy

    roots = ["autodeploy.compiler", "autodeploy.policies", "autodeploy.analytics", "autodeploy.backends"]
    for root in roots:
        try:
            pkg = importlib.import_module(root)
        except ImportError:
            continue
        for info in pkgutil.walk_packages(pkg.__path__, root + "."):
            leaf = info.name.rsplit(".", 1)[-1]
            if leaf == "diagnostics" or leaf.endswith("_diagnostics"):
                importlib.import_module(info.name)
    del autodeploy


def _default(a: AttrSpec) -> str:
    parts = []
    if a.required:
        return "**required**"
    if a.default is not None:
        parts.append(_show(a.default) + (f" {a.type.canonical}" if isinstance(a.type, TQty) else ""))
    for v, d in a.variant_default:
        parts.append(f"{_show(d)} ({v})")
    for c, d in a.cloud_default:
        parts.append(f"{_show(d)} ({c})")
    return "; ".join(parts) if parts else "unset"


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "`true`" if v else "`false`"
    if isinstance(v, dict) and set(v) == {"min", "max"}:
        return f"`{v['min']}`" if v["min"] == v["max"] else f"`{v['min']}..{v['max']}`"
    if v == [] or v == {}:
        return "empty"
    return f"`{v}`"


def _table(attrs: tuple[AttrSpec, ...]) -> list[str]:
    rows = ["| attribute | type | default | notes |", "|---|---|---|---|"]
    for a in attrs:
        unit = f" (IR: {a.type.canonical})" if isinstance(a.type, TQty) else ""
        rows.append(f"| `{a.name}` | {a.type.describe()}{unit} | {_default(a)} | {a.doc} |")
    return rows


def _kind(k: KindSpec) -> list[str]:
    own = tuple(a for a in k.attrs if a not in COMMON)
    out = [f"## `{k.name}`", "", k.doc, ""]
    if k.variants:
        req = "required" if k.variant_required else f"optional, default `{k.default_variant}`"
        out += [f"Variants ({req}): " + ", ".join(f"`{v}`" for v in k.variants), ""]
    if k.members:
        out += ["Members: " + ", ".join(f"`{k.name}.{m}`" for m in k.members) + " (e.g. `network = core.private`)",
                ""]
    return out + _table(own) + [""]


def kinds_markdown() -> str:
    out = ["# ADL kinds reference", "",
           "Generated from `compiler/kinds.py` by `python -m autodeploy.compiler.docgen` — do not edit by hand.",
           "Defaults are what the IR carries when the file does not say otherwise (secure by default).", "",
           "## `deployment`", "", DEPLOYMENT.doc, ""] + _table(DEPLOYMENT.attrs) + [""]
    out += ["## Attributes every resource accepts", ""] + _table(COMMON) + [""]
    for k in KINDS.values():
        out += _kind(k)
    out += ["## `waive RULE on RESOURCE`", "", WAIVER.doc, ""] + _table(WAIVER.attrs) + [""]
    return "\n".join(out)


def diagnostics_markdown() -> str:
    load_all_diagnostics()
    out = ["# Diagnostics", "",
           "Generated from the catalogues (`compiler/catalogue.py` and each phase's `diagnostics` module) by",
           "`python -m autodeploy.compiler.docgen` — do not edit by hand.", "",
           "Every diagnostic has a code `ADL####`, a severity, a message, a `file:line:col` span with a caret",
           "snippet, and usually a help line. Codes are grouped by phase. `--format json` prints the same",
           "objects: `{code, severity, message, span: {file, line, col, end_line, end_col}, help}`.", "",
           "Exit codes: 0 clean, 1 the input has errors or findings, 2 usage, environment or internal error.", ""]
    all_t = templates()
    for prefix, title in _PHASES:
        rows = [t for t in all_t if t.code.startswith(prefix)]
        if not rows:
            continue
        out += [f"## {prefix}xxx — {title}", "", "| code | severity | title | message |", "|---|---|---|---|"]
        for t in rows:
            msg = t.message.replace("|", "\\|").replace("{", "‹").replace("}", "›")
            out.append(f"| {t.code} | {t.severity.value} | {t.title} | {msg} |")
        out.append("")
    return "\n".join(out)


def main() -> None:
    import os

    from autodeploy.fsutil import write_atomic

    root = os.path.join(os.path.dirname(__file__), "..", "docs")
    write_atomic(os.path.join(root, "kinds.md"), kinds_markdown())
    write_atomic(os.path.join(root, "diagnostics.md"), diagnostics_markdown())


if __name__ == "__main__":
    main()
