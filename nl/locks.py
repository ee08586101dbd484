"""User-stated constraints as `assert` lines, and their enforcement in any ADL text.

A lock is written into the generated file, so the compiler (ADL1030) rejects any later edit —
by hand, by chat, or by an LLM answer — that drops a framework, raises the budget, moves the
region or cloud, or makes a private resource public.
"""

from __future__ import annotations

import json
import re

from autodeploy.compiler.kinds import kinds_with, kinds_with_attr
from autodeploy.compiler.units import clean_number

from .model import Lock, Spec

# Resources whose `public = false` default is locked even when the request did not mention it:
# these hold data, and exposing one must be a deliberate hand edit of the lock (KindSpec traits).
PRIVATE_BY_DEFAULT = kinds_with("private_by_default")
ENCRYPTED_STORES = kinds_with("encryptable", "stores_data")
_HAS_PUBLIC = kinds_with_attr("public")


def deployment_locks(spec: Spec) -> list[Lock]:
    dep = spec.deployment
    out: list[Lock] = []
    if "compliance" in spec.stated:
        for fw in dep.get("compliance", []):
            out.append(Lock("deployment.compliance", "contains", fw, f"the request requires {fw}"))
    if "budget" in spec.stated and dep.get("budget") is not None:
        out.append(
            Lock(
                "deployment.budget",
                "<=",
                f"{clean_number(float(dep['budget']))} usd/month",
                "the request's budget",
            )
        )
    if "region" in spec.stated and dep.get("region"):
        out.append(Lock("deployment.region", "==", json.dumps(dep["region"]), "the request's region"))
    if "cloud" in spec.stated and dep.get("cloud"):
        out.append(Lock("deployment.cloud", "==", dep["cloud"], "the request's cloud"))
    return out


def resource_locks(spec: Spec) -> list[Lock]:
    out: list[Lock] = []
    secured = bool(spec.deployment.get("compliance"))
    for r in spec.resources:
        if (
            r.kind in _HAS_PUBLIC
            and r.attrs.get("public") is not True
            and (r.kind in PRIVATE_BY_DEFAULT or "public" in r.stated_attrs)
        ):
            out.append(Lock(f"{r.name}.public", "==", "false", "private"))
        if r.kind == "service" and r.attrs.get("expose") == "internal" and "expose" in r.stated_attrs:
            out.append(Lock(f"{r.name}.expose", "==", "internal", "the request keeps it internal"))
        if secured and r.kind in ENCRYPTED_STORES:
            out.append(Lock(f"{r.name}.encryption", "!=", "false", "frameworks require encryption at rest"))
    return out


def locks_for(spec: Spec) -> list[Lock]:
    return deployment_locks(spec) + resource_locks(spec)


_ASSERT_LINE = re.compile(r"^\s*assert\s+([A-Za-z_][A-Za-z0-9_.]*)\s+(==|!=|<=|>=|<|>|contains)\s+(.+?)\s*$")


def parse_locks(text: str) -> list[Lock]:
    """The assert lines of an ADL text (comments after a value are not allowed in assert lines here)."""
    out = []
    for line in text.splitlines():
        m = _ASSERT_LINE.match(line.split("#", 1)[0]) if not line.lstrip().startswith("#") else None
        if m:
            out.append(Lock(m.group(1), m.group(2), m.group(3)))
    return out


def enforce(text: str, locks: list[Lock]) -> tuple[str, list[str]]:
    """Put every lock into `text`: drop assert lines that contradict one (same path and operator,
    another value), add the missing ones. Returns the text and what had to be restored."""
    if not locks:
        return text, []
    wanted = {(lk.path, lk.op, lk.value) for lk in locks}
    keyed = {(lk.path, lk.op) for lk in locks}
    kept: list[str] = []
    present: set[tuple[str, str, str]] = set()
    restored: list[str] = []
    for line in text.splitlines():
        m = _ASSERT_LINE.match(line) if not line.lstrip().startswith("#") else None
        if m:
            k = (m.group(1), m.group(2), m.group(3))
            if k in wanted:
                present.add(k)
            elif (
                (m.group(1), m.group(2)) in keyed or (m.group(1), "contains") in keyed and m.group(2) == "=="
            ):
                restored.append(f"replaced `{line.strip()}`")
                continue
        kept.append(line)
    missing = [lk for lk in locks if (lk.path, lk.op, lk.value) not in present]
    out = "\n".join(kept).rstrip("\n") + "\n"
    if missing:
        out += "\n# Locked requirements: the compiler rejects the file if an edit breaks one.\n"
        for lk in missing:
            out += lk.text + "\n"
            restored.append(f"restored `{lk.text}`")
    return out, restored
