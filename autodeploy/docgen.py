"""Generates docs/kinds.md (from the kinds registry), docs/diagnostics.md (from the catalogue)
and policies/lib/kinds.rego (the kind traits as OPA data), so none can drift from the code; tests
check all three are current. It sits at the top of the layers: it reads every package."""

from __future__ import annotations

import importlib
import os
import pkgutil
from typing import Any

from autodeploy.compiler.catalogue import templates
from autodeploy.compiler.kinds import COMMON, DEPLOYMENT, KINDS, WAIVER
from autodeploy.compiler.schema import AttrSpec, KindSpec, NeedsNetwork, TQty
from autodeploy.fsutil import write_atomic
from autodeploy.policies.kinds_data import PATH as KINDS_REGO
from autodeploy.policies.kinds_data import kinds_rego

_PHASES = [("ADL0", "Reading and parsing"), ("ADL1", "Names and types"), ("ADL2", "Dependency graph"),
           ("ADL3", "Policy"), ("ADL4", "Cost and analytics"), ("ADL5", "Backends and deploy")]


def load_all_diagnostics() -> None:
    """Import every `diagnostics` module of the product so all phases register their codes."""
    roots = ["autodeploy.compiler", "autodeploy.nl", "autodeploy.policies", "autodeploy.analytics",
             "autodeploy.backends", "autodeploy.service",
             "autodeploy.webhooks"]
    for root in roots:
        pkg = importlib.import_module(root)
        for info in pkgutil.walk_packages(pkg.__path__, root + "."):
            leaf = info.name.rsplit(".", 1)[-1]
            if leaf == "diagnostics" or leaf.endswith("_diagnostics"):
                importlib.import_module(info.name)


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


def _needs_network(n: NeedsNetwork) -> str:
    if not n.unless:
        return n.cloud
    return n.cloud + " (unless " + " and ".join(
        f"`{a} = {str(v).lower() if isinstance(v, bool) else v}`" for a, v in n.unless) + ")"


def _kind(k: KindSpec) -> list[str]:
    own = tuple(a for a in k.attrs if a not in COMMON)
    out = [f"## `{k.name}`", "", k.doc, ""]
    if k.variants:
        req = "required" if k.variant_required else f"optional, default `{k.default_variant}`"
        out += [f"Variants ({req}): " + ", ".join(f"`{v}`" for v in k.variants), ""]
    if k.members:
        out += ["Members: " + ", ".join(f"`{k.name}.{m}`" for m in k.members) + " (e.g. `network = core.private`)",
                ""]
    if k.traits:
        out += ["Traits (policies ask these through `lib.kind_has`): " + ", ".join(f"`{t}`" for t in k.traits), ""]
    if k.needs_network:
        out += ["Needs a `network` (else ADL1080) on: " + ", ".join(_needs_network(n) for n in k.needs_network), ""]
    if k.usage:
        out += ["Usage-file keys (docs/cost.md): " + ", ".join(f"`{key}`" for key, _ in k.usage), ""]
    for cloud, reason in k.unsupported:
        out += [f"Not supported on {cloud}: {reason} (ADL5007).", ""]
    if k.emit_only:
        out += [f"Deploy: emit-only — {k.emit_only} (`apply` refuses it with ADL5009; deploy the emitted "
                "Terraform).", ""]
    return out + _table(own) + [""]


def kinds_markdown() -> str:
    out = ["# ADL kinds reference", "",
           "Generated from `compiler/kinds.py` by `python -m autodeploy.docgen` — do not edit by hand.",
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
           "`python -m autodeploy.docgen` — do not edit by hand.", "",
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
    root = os.path.join(os.path.dirname(__file__), "..", "docs")
    write_atomic(os.path.join(root, "kinds.md"), kinds_markdown())
    write_atomic(os.path.join(root, "diagnostics.md"), diagnostics_markdown())
    write_atomic(str(KINDS_REGO), kinds_rego())


if __name__ == "__main__":
    main()
