"""Spec -> ADL text, laid out canonically: deployment, resources in registry order, then locks.

Every value is written from its attribute's type in the kinds registry, never from a template,
so whatever the compiler accepts for a type is what the writer produces.
"""

from __future__ import annotations

import json
import re
from typing import Any

from autodeploy.compiler.kinds import DEPLOYMENT, KINDS
from autodeploy.compiler.schema import (
    TBool,
    TCount,
    TEnum,
    TInt,
    TList,
    TMap,
    TQty,
    TRef,
    TStr,
    TThreshold,
    TUnion,
    Type,
)
from autodeploy.compiler.units import clean_number

from .model import Res, Spec

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
_KEYWORDS = {"true", "false", "deployment", "param", "import", "assert", "waive"}


def _num(x: float) -> str:
    v = clean_number(float(x))
    return str(v)


def _string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _qty(value: float, canonical: str) -> str:
    v = float(value)
    if canonical == "GB":
        if v >= 1024 and v % 1024 == 0:
            return f"{_num(v / 1024)} TB"
        if 0 < v < 1:
            return f"{_num(v * 1024)} MB"
        return f"{_num(v)} GB"
    if canonical == "days":
        if v >= 365 and v % 365 == 0:
            n = v / 365
            return f"{_num(n)} {'year' if n == 1 else 'years'}"
        return f"{_num(v)} {'day' if v == 1 else 'days'}"
    if canonical == "seconds":
        if v >= 60 and v % 60 == 0:
            return f"{_num(v / 60)} min"
        return f"{_num(v)} s"
    if canonical == "hours":
        return f"{_num(v)} h"
    return f"{_num(v)} {canonical}"


def value(t: Type, v: Any) -> str:
    """ADL source for an IR-form value of type `t`."""
    if isinstance(t, TUnion):
        if isinstance(v, bool):
            return "true" if v else "false"
        return value(next(o for o in t.options if isinstance(o, TRef)), v)
    if isinstance(t, TBool):
        return "true" if v else "false"
    if isinstance(t, TInt):
        return str(int(v))
    if isinstance(t, TQty):
        return _qty(v, t.canonical)
    if isinstance(t, TCount):
        lo, hi = (v["min"], v["max"]) if isinstance(v, dict) else (v, v)
        return str(lo) if lo == hi else f"{lo}..{hi}"
    if isinstance(t, TRef):
        return v["ref"] + (f".{v['member']}" if v.get("member") else "")
    if isinstance(t, TEnum):
        s = str(v)
        return s if _IDENT.match(s) and s not in _KEYWORDS else _string(s)
    if isinstance(t, TList):
        return "[" + ", ".join(value(t.item, x) for x in v) + "]"
    if isinstance(t, TMap):
        if not v:
            return "{}"
        parts = [f"{k if _IDENT.match(k) else _string(k)}: {_string(str(x))}" for k, x in sorted(v.items())]
        return "{ " + ", ".join(parts) + " }"
    if isinstance(t, TStr):
        return _string(str(v))
    if isinstance(t, TThreshold):
        amount = _num(v["value"]) + (f" {t.canonical}" if t.canonical else "")
        return (f"{v['stat']} " if v.get("stat") else "") + f"{v['op']} {amount}"
    raise TypeError(f"no writer for {t!r}")  # an internal bug


def _block(head: str, rows: list[tuple[str, str]]) -> str:
    if not rows:
        return head + " {}\n"
    width = max(len(k) for k, _ in rows)
    body = "".join(f"  {k.ljust(width)} = {v}\n" for k, v in rows)
    return f"{head} {{\n{body}}}\n"


def deployment_rows(dep: dict[str, Any]) -> list[tuple[str, str]]:
    rows = []
    for a in DEPLOYMENT.attrs:
        if a.name in dep and dep[a.name] is not None and dep[a.name] != [] and dep[a.name] != {}:
            rows.append((a.name, value(a.type, dep[a.name])))
    return rows


def resource_rows(r: Res) -> list[tuple[str, str]]:
    spec = KINDS[r.kind]
    rows = []
    for a in spec.attrs:
        if a.name in r.attrs and r.attrs[a.name] is not None:
            v = r.attrs[a.name]
            if isinstance(a.type, TList) and v == [] or isinstance(a.type, TMap) and v == {}:
                continue
            rows.append((a.name, value(a.type, v)))
    return rows


def ordered(resources: list[Res]) -> list[Res]:
    return sorted(resources, key=lambda r: (_KIND_ORDER.get(r.kind, 99), r.name))


def write(spec: Spec) -> str:
    out: list[str] = []
    if spec.comment:
        for line in spec.comment.strip().splitlines():
            out.append(f"# {line.strip()}\n" if line.strip() else "#\n")
    out.append(_block(f"deployment {spec.name}", deployment_rows(spec.deployment)))
    for r in ordered(spec.resources):
        head = f"{r.kind} {r.name}" + (f" : {r.variant}" if r.variant else "")
        out.append("\n" + _block(head, resource_rows(r)))
    if spec.locks:
        out.append("\n# Locked requirements: the compiler rejects the file if an edit breaks one.\n")
        for lock in sorted(set(spec.locks), key=lambda x: (x.path, x.op, x.value)):
            out.append(lock.text + "\n")
    return "".join(out)
