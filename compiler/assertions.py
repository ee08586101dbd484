"""`assert path op value`: constraints locked into the file (e.g. by `generate`) and
checked against the effective IR, so no later edit can drop them silently."""

from __future__ import annotations

from typing import Any

from . import syntax as s
from .catalogue import diag, suggest
from .diagnostics import Diagnostic
from .ir import IR, IRAssertion
from .kinds import DEPLOYMENT, KINDS
from .schema import TEnum, TList, Type
from .values import MISSING, Ctx, coerce, value_text

_DEPLOYMENT_FIELDS = ("cloud", "region", "environment", "compliance", "budget", "tags", "owner")


def _lookup(path: tuple[str, ...], ir: IR) -> tuple[Any, Type | None, str | None]:
    """(value, type, problem)."""
    if len(path) != 2:
        return None, None, "an assertion path is `deployment.<attribute>` or `<resource>.<attribute>`"
    head, attr = path
    if head == "deployment":
        spec = DEPLOYMENT.attr(attr)
        if spec is None:
            return None, None, f"the deployment has no attribute `{attr}` ({suggest(attr, _DEPLOYMENT_FIELDS)})"
        value = getattr(ir.deployment, attr)
        return (list(value) if isinstance(value, tuple) else value), spec.type, None
    res = ir.resource(head)
    if res is None:
        return None, None, f"`{head}` is not a resource ({suggest(head, ir.by_name)})"
    if attr == "data":
        return res.data, TEnum(("phi", "pci", "pii", "public")), None
    kspec = KINDS[res.kind]
    aspec = kspec.attr(attr)
    if aspec is None:
        return None, None, f"`{res.kind}` has no attribute `{attr}` ({suggest(attr, kspec.attr_names)})"
    return res.attrs.get(attr), aspec.type, None


def _holds(actual: Any, op: str, expected: Any) -> bool:
    if op == "==":
        return bool(actual == expected)
    if op == "!=":
        return bool(actual != expected)
    if op == "contains":
        return isinstance(actual, list) and all(e in actual for e in (expected if isinstance(
            expected, list) else [expected]))
    if actual is None:
        return False
    a = actual["max"] if isinstance(actual, dict) and "max" in actual else actual
    e = expected["max"] if isinstance(expected, dict) and "max" in expected else expected
    try:
        return bool({"<": a < e, "<=": a <= e, ">": a > e, ">=": a >= e}[op])
    except TypeError:
        return False


def check_assertions(mods: list[s.Module], ir: IR, ctx: Ctx, diags: list[Diagnostic]) -> tuple[IRAssertion, ...]:
    out: list[IRAssertion] = []
    for m in mods:
        for item in m.items:
            if not isinstance(item, s.Assertion):
                continue
            text = f"{'.'.join(item.path)} {item.op} {value_text(item.value) or '...'}"
            actual, typ, problem = _lookup(item.path, ir)
            if problem or typ is None:
                diags.append(diag("ADL1031", item.path_span, problem=problem or "invalid path", hint=""))
                continue
            want_type = typ.item if item.op == "contains" and isinstance(typ, TList) else typ
            if item.op == "contains" and isinstance(item.value, s.ListV):
                want_type = typ
            if item.op in ("<", "<=", ">", ">=") and isinstance(typ, (TList, TEnum)):
                diags.append(diag("ADL1031", item.span, problem=f"`{item.op}` compares numbers, "
                                  f"but `{'.'.join(item.path)}` is not a number", hint="use `==` or `contains`"))
                continue
            before = len(diags)
            expected = coerce(want_type, item.value, ".".join(item.path), Ctx(ir.deployment.cloud, ctx.params, diags))
            if expected is MISSING or len(diags) > before:
                continue
            if not _holds(actual, item.op, expected):
                diags.append(diag("ADL1030", item.span, text=text, actual=f"it is {_show(actual)}",
                                  hint="this constraint was locked in the file; change the resource, "
                                       "not the assertion, unless the requirement changed"))
            out.append(IRAssertion(item.path, item.op, expected, text, item.span))
    return tuple(out)


def _show(v: Any) -> str:
    if v is None:
        return "unset"
    if isinstance(v, bool):
        return "`true`" if v else "`false`"
    if isinstance(v, list):
        return "[" + ", ".join(str(x) for x in v) + "]"
    return f"`{v}`"
