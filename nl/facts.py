"""Facts a translation states, read back from the compiled IR (the corpus and bench vocabulary).

`kind.<kind>` -> how many resources of that kind the request named; `cloud`, `region`,
`environment`, `budget`, `compliance.<fw>` -> true; `<kind>.<attr>` -> a stated attribute
(`<kind>.engine` for a database or cache engine; counts as "min..max"). Values come from the IR,
so a fact counts only if the compiled file really holds it.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from typing import Any

from autodeploy.compiler import IR
from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool, TRef, TUnion

from .model import Spec


def _switch_with_ref(kind: str, attr: str) -> bool:
    """An attribute that is a switch or the resource doing the job (`encryption = true | key`)."""
    a = KINDS[kind].attr(attr) if kind in KINDS else None
    t = a.type if a is not None else None
    return isinstance(t, TUnion) and {type(o) for o in t.options} == {TBool, TRef}


def _fact_value(v: Any, switch: bool = False) -> Any:
    if switch and isinstance(v, dict) and "ref" in v:  # "encrypted" (with the deployment's key): on
        return True
    if isinstance(v, dict) and set(v) == {"min", "max"}:
        return f"{v['min']}..{v['max']}"
    if isinstance(v, dict) and "ref" in v:
        return v["ref"]
    if isinstance(v, dict) and set(v) == {"stat", "op", "value"}:  # a threshold: "p99 < 300"
        return " ".join(str(x) for x in (v["stat"], v["op"], v["value"]) if x is not None)
    if isinstance(v, list):  # a list of names ("fargate": the namespaces), hashable in a fact
        return tuple(_fact_value(x) for x in v)
    return v


def stated_facts(spec: Spec, ir: IR) -> set[tuple[str, Any]]:
    out: set[tuple[str, Any]] = set()
    named = {r.name: r for r in spec.resources if r.from_text}
    for kind, n in Counter(r.kind for r in ir.resources if r.name in named).items():
        out.add((f"kind.{kind}", n))
    dep = ir.deployment
    for key in sorted(spec.stated):
        if key == "compliance":
            out.update((f"compliance.{fw}", True) for fw in dep.compliance)
        else:
            out.add((key, getattr(dep, key)))
    for r in spec.resources:
        res = ir.resource(r.name)
        if res is None:
            continue
        for attr in sorted(r.stated_attrs):
            if attr == "variant":
                out.add((f"{r.kind}.engine", res.variant))
            elif attr == "data":
                out.add((f"{r.kind}.data", res.data))
            elif attr == "encryption" and isinstance(res.attrs.get(attr), dict):
                # "encrypted" said, encrypted with a key (the one a framework requires, or one the request
                # names): the fact is whether it is encrypted at rest — a key reference is "on"
                out.add((f"{r.kind}.{attr}", True))
            else:
                out.add((f"{r.kind}.{attr}", _fact_value(res.attrs.get(attr), _switch_with_ref(r.kind, attr))))
    return out


def matches(expected: Any, got: Any) -> bool:
    if isinstance(expected, str) and expected.endswith("*"):
        return isinstance(got, str) and fnmatch.fnmatch(got, expected)
    if isinstance(expected, list):  # the corpus writes a list, a fact holds a tuple
        return isinstance(got, tuple) and tuple(expected) == got
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return abs(expected - got) < 1e-6
    return bool(expected == got)


def judged(expected: dict[str, Any], predicted: set[tuple[str, Any]]) -> set[tuple[str, Any]]:
    """The predictions precision is measured on. The corpus lists every resource a request names
    (so any `kind.*` fact is judged: a kind the corpus does not list is a hallucinated resource),
    but only the salient attributes, so other facts are judged when the corpus lists their key."""
    return {(k, v) for k, v in predicted if k.startswith("kind.") or k in expected}


def score(expected: dict[str, Any], predicted: set[tuple[str, Any]]) -> tuple[int, int, int]:
    """(correct judged predictions, judged predictions, expected facts recalled)."""
    predicted_all = predicted
    predicted = judged(expected, predicted)
    correct = sum(1 for k, v in predicted if k in expected and matches(expected[k], v))
    recalled = sum(
        1 for k, v in expected.items() if any(pk == k and matches(v, pv) for pk, pv in predicted_all)
    )
    return correct, len(predicted), recalled
