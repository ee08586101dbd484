"""The LLM prompt: rules, an ADL reference generated from the kinds registry, worked examples."""

from __future__ import annotations

from importlib import resources
from typing import Any

from autodeploy.compiler.kinds import DEPLOYMENT, KINDS
from autodeploy.compiler.schema import KindSpec

from .model import Lock
from .writer import value


def _data(name: str) -> str:
    return resources.files("autodeploy.nl").joinpath("data", name).read_text(encoding="utf-8")


def _attr_line(kind: KindSpec, a: Any) -> str:
    parts = [f"  {a.name}: {a.type.describe()}"]
    if a.required:
        parts.append("REQUIRED" + (f" (e.g. {a.example})" if a.example else ""))
    default = a.default
    if a.cloud_default:
        parts.append("default " + ", ".join(f"{c}: {value(a.type, d)}" for c, d in a.cloud_default))
    elif a.variant_default:
        parts.append("default " + ", ".join(f"{v}: {value(a.type, d)}" for v, d in a.variant_default))
    elif default not in (None, [], {}):
        parts.append(f"default {value(a.type, default)}")
    line = "; ".join(parts)
    return f"{line} — {a.doc}" if a.doc else line


def reference() -> str:
    """Every kind and attribute the compiler accepts, from the registry (never hand-copied)."""
    out = [f"deployment <name> — {DEPLOYMENT.doc}"]
    out += [_attr_line(DEPLOYMENT, a) for a in DEPLOYMENT.attrs]
    for k in KINDS.values():
        head = f"{k.name} <name>"
        if k.variants:
            head += " : " + "|".join(k.variants) + (" (variant required)" if k.variant_required else "")
        if k.members:
            head += "  (members: " + ", ".join(f"<name>.{m}" for m in k.members) + ")"
        out.append("")
        out.append(f"{head} — {k.doc}")
        out += [_attr_line(k, a) for a in k.attrs]
    out.append("")
    out.append(
        "assert <deployment|resource>.<attribute> <==|!=|<=|>=|<|>|contains> <value>  — a locked requirement"
    )
    return "\n".join(out)


def system_prompt() -> str:
    examples = "\n\n".join(
        f"Example:\n```adl\n{_data(n).strip()}\n```"
        for n in ("example_checkout.adl", "example_serverless.adl")
    )
    return f"{_data('rules.md').strip()}\n\nADL reference:\n{reference()}\n\n{examples}\n"


def request_message(request: str, locks: list[Lock], draft: str | None, prefs: dict[str, Any]) -> str:
    parts = [f"Request:\n{request.strip()}"]
    if prefs:
        shown = {k: v for k, v in prefs.items() if not k.startswith("_")}
        if shown:
            parts.append(
                "Preferences to use where the request is silent: "
                + ", ".join(f"{k} = {v}" for k, v in sorted(shown.items()))
            )
    if locks:
        parts.append(
            "These assert lines must appear unchanged in your file:\n" + "\n".join(lk.text for lk in locks)
        )
    if draft:
        parts.append("A rule-based draft you may improve (it compiles):\n```adl\n" + draft.strip() + "\n```")
    return "\n\n".join(parts)


def repair_message(problems: str) -> str:
    return (
        "Your file does not pass. Fix every problem below and answer with the whole corrected file in one "
        "```adl block.\n\nProblems:\n" + problems.strip()
    )
