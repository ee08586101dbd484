"""Files generated from the kind registry, for the "compiles clean => emits and deploys" fuzz tests.

Each generated resource gets its kind's required attributes (from the registry's examples), the
deployment's network when the kind takes one, and a seeded random pick of 1-4 settings among its
enum and boolean values and the resources it may reference (each referenced kind is declared once,
`t_<kind>`, with its own required attributes). Nothing here names a kind: every list comes from the
registry, so a new kind is fuzzed the day it is added."""

from __future__ import annotations

import random
import re

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import KindSpec, TBool, TEnum, TList, TRef

REGION = {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}


def _ref_value(attr_type: object, kind: str) -> str:
    return f"[t_{kind}]" if isinstance(attr_type, TList) else f"t_{kind}"


def _required(spec: KindSpec) -> list[str]:
    out = []
    for a in spec.attrs:
        if not a.required:
            continue
        t = a.type.item if isinstance(a.type, TList) else a.type
        if isinstance(t, TRef):
            out.append(f"{a.name} = {_ref_value(a.type, (t.kinds or ('bucket',))[0])}")
        else:
            out.append(f"{a.name} = {a.example}")
    if spec.attr("network") is not None:
        out.append("network = net")
    return out


def choices(spec: KindSpec) -> list[tuple[str, str]]:
    """Every (attribute, value) the fuzz may set on a resource of the kind."""
    out: list[tuple[str, str]] = []
    for a in spec.attrs:
        t = a.type.item if isinstance(a.type, TList) else a.type
        if isinstance(a.type, TEnum):
            out += [(a.name, v) for v in a.type.values]
        elif isinstance(a.type, TBool):
            out += [(a.name, "true"), (a.name, "false")]
        elif isinstance(t, TRef) and t.kinds and a.name != "network":
            out += [(a.name, _ref_value(a.type, k)) for k in t.kinds]
    return out


def block(kind: str, name: str, variant: str | None, settings: dict[str, str]) -> str:
    body = "  ".join(_required(KINDS[kind]) + [f"{k} = {v}" for k, v in settings.items()])
    return f"{kind} {name}{f' : {variant}' if variant else ''} {{ {body} }}\n"


def _targets(text: str) -> str:
    """A `t_<kind>` block for every kind `text` references, and for the ones those reference."""
    done: set[str] = set()
    out = ""
    todo = sorted(set(re.findall(r"\bt_(\w+)", text)))
    while todo:
        k = todo.pop(0)
        if k in done or k not in KINDS:
            continue
        done.add(k)
        b = block(k, f"t_{k}", None, {})
        out += b
        todo += sorted(set(re.findall(r"\bt_(\w+)", b)) - done)
    return out


def resource(rng: random.Random, kind: str, name: str) -> str:
    spec = KINDS[kind]
    pool = choices(spec)
    picks = dict(rng.sample(pool, min(len(pool), rng.randint(1, 4)))) if pool else {}
    variant = rng.choice(list(spec.variants)) if spec.variants else None
    return block(kind, name, variant, picks)


def source(cloud: str, body: str) -> str:
    head = f'deployment app {{ cloud = {cloud}  region = "{REGION[cloud]}" }}\nnetwork net {{}}\n'
    return head + _targets(body) + body
