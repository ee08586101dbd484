"""The one polarity rule (docs/generate.md, "Never invert, never loosen silently").

A setting that loosens a secure default — public, encryption or TLS off, versioning or logs off,
deletion protection off, backups below the kind's default (the policies' minimum) — is applied
only when the user's own words ask for it, unambiguously. The offline translator, the LLM answers
and `chat` all ask this module what counts as loosening, so the rule is written once.
"""

from __future__ import annotations

from typing import Any

from autodeploy.compiler import IR
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.kinds import KINDS

from .model import Spec

# attribute -> its secure value (the compiler's default wherever the kind has the attribute)
SECURE: dict[str, bool] = {
    "public": False,
    "tls": True,
    "versioning": True,
    "deletion_protection": True,
    "logs": True,
    "access_logs": True,
    "flow_logs": True,
    "log_validation": True,
    "https_only": True,
    "auth": True,
    "rotation": True,
    "monitoring": True,
    "logging": True,
    "pitr": True,
}
# retention-like attributes whose default is the policies' minimum (backup_retention rule)
_MINIMUM_ATTRS = ("backup",)


def minimum(kind: str, attr: str) -> float | None:
    spec = KINDS.get(kind)
    a = spec.attr(attr) if spec is not None and attr in _MINIMUM_ATTRS else None
    d = a.default if a is not None else None
    return float(d) if isinstance(d, (int, float)) and not isinstance(d, bool) else None


def secure_value(attr: str) -> bool | None:
    """The secure side of an on/off setting (None: the attribute has none)."""
    return True if attr == "encryption" else SECURE.get(attr)


def loosens(kind: str, attr: str, value: Any) -> bool:
    """Does `attr = value` on a `kind` loosen its secure default?"""
    if attr in SECURE:
        return value is not None and value != SECURE[attr]
    if attr == "encryption":
        return value is False
    low = minimum(kind, attr)
    return low is not None and isinstance(value, (int, float)) and value < low


def loosened(kind: str, attrs: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(a, v) for a, v in sorted(attrs.items()) if loosens(kind, a, v)]


def requested(spec: Spec) -> set[tuple[str, str]]:
    """(kind, attr) loosenings the user's own words asked for (the offline reading of the request)."""
    return {
        (r.kind, a)
        for r in spec.resources
        for a in r.stated_attrs
        if a in r.attrs and loosens(r.kind, a, r.attrs[a])
    }


def _show(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else f"{v:g}" if isinstance(v, float) else str(v)


def answer_problems(ir: IR, spec: Spec, baseline: IR | None = None) -> list[str]:
    """What a model's answer may not do on its own: loosen a default the request did not ask to
    loosen (ADL0701), or add a waiver (ADL0702). `public` is ADL0521's (repair.allowed_public).
    `baseline` (chat: the file before the turn) holds what the user already wrote by hand."""
    asked = requested(spec)
    known_waivers: set[tuple[str, str]] = set()
    if baseline is not None:
        asked |= {(r.kind, a) for r in baseline.resources for a, _ in loosened(r.kind, r.attrs)}
        known_waivers = {(w.rule, w.target) for w in baseline.waivers}
    out = []
    for r in ir.resources:
        for attr, value in loosened(r.kind, r.attrs):
            if attr != "public" and (r.kind, attr) not in asked:
                out.append("ADL0701 " + diag("ADL0701", None, name=r.name, attr=attr, value=_show(value)).message)
    for w in ir.waivers:
        if (w.rule, w.target) not in known_waivers:
            out.append("ADL0702 " + diag("ADL0702", None, rule=w.rule, target=w.target).message)
    return out
