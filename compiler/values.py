"""Coercion of syntax values to IR values against an attribute type (one function per type)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import syntax as s
from .catalogue import diag, suggest
from .cloud_strings import control_diag, image_problem, shown, tag_diags
from .confine import lexical_problem
from .diagnostics import Diagnostic, Span
from .instance_types import known_instance_types
from .regions import REGIONS
from .schema import TBool, TCount, TDate, TEnum, TInt, TList, TMap, TQty, TRef, TSize, TStr, TThreshold, TUnion, Type
from .units import CANONICAL_DIMENSION, DIMENSION_EXAMPLES, clean_number, dimension_of, to_canonical


@dataclass
class PendingRef:
    """A reference seen during coercion, resolved once every name is known."""

    attr: str
    ref: s.Ref
    kinds: tuple[str, ...]


@dataclass
class Ctx:
    """What coercion needs to know: the cloud, the parameters, and where to report."""

    cloud: str
    params: dict[str, s.Value]
    diags: list[Diagnostic]
    refs: list[PendingRef] = field(default_factory=list)
    used_params: set[str] = field(default_factory=set)

    def error(self, d: Diagnostic) -> None:
        self.diags.append(d)


def describe_value(v: s.Value) -> str:
    match v:
        case s.Str():
            return f'the string "{v.value}"'
        case s.Num():
            return f"the number `{v.text}`"
        case s.Quantity():
            dim = dimension_of(v.unit) or "quantity"
            return f"`{v.amount.text} {v.unit}` (a {dim})"
        case s.Range():
            return f"the range `{v.low.text}..{v.high.text}`"
        case s.Date():
            return f"the date `{v.value}`"
        case s.Bool():
            return f"`{'true' if v.value else 'false'}`"
        case s.Ref():
            return f"`{v.text}`"
        case s.Threshold():
            return f"the threshold `{value_text(v)}`"
        case s.ListV():
            return "a list"
        case s.MapV():
            return "a map"
    return "a value"


def value_text(v: s.Value) -> str:
    """ADL source form of a value (strings unquoted), used to interpolate parameters into strings."""
    from .fmt import value as source_form  # fmt owns the one printer of ADL values

    return v.value if isinstance(v, s.Str) else source_form(v)


def interpolations(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `${...}` in `text`, left to right, in linear time.

    Same matches as the regex `\\$\\{[^}]*\\}`, whose scan restarts at every `${` and so is
    quadratic on a long run of unclosed `${`: once no `}` follows, no later `${` can close."""
    pos = 0
    while (start := text.find("${", pos)) >= 0:
        end = text.find("}", start + 2)
        if end < 0:
            return
        yield start, end + 1
        pos = end + 1


def interpolate(v: s.Str, ctx: Ctx) -> str:
    if "${" not in v.value:
        return v.value
    out: list[str] = []
    pos = 0
    for start, end in interpolations(v.value):
        out.append(v.value[pos:start])
        pos = end
        whole = v.value[start:end]
        name = whole[2:-1].strip()
        if name in ctx.params:
            ctx.used_params.add(name)
            out.append(value_text(ctx.params[name]))
            continue
        col = v.span.col + 1 + start  # +1 for the opening quote
        span = Span(v.span.file, v.span.line, col, v.span.line, col + len(whole))
        ctx.error(diag("ADL1021", span, name=name, hint=suggest(name, ctx.params, "parameter")))
        out.append(whole)
    out.append(v.value[pos:])
    return "".join(out)


def resolve_param(v: s.Value, ctx: Ctx, t: Type) -> s.Value:
    """A bare name that is a parameter stands for the parameter's value."""
    if isinstance(v, s.Ref) and v.member is None and v.name in ctx.params:
        if isinstance(t, TEnum) and v.name in t.values:
            return v
        ctx.used_params.add(v.name)
        return ctx.params[v.name]
    return v


# ---- validators named by TStr.check -----------------------------------------------------

_SIZE = r"(nano|micro|small|medium|large|[0-9]*xlarge|metal(-[0-9a-z]+)?)"
_AWS_FAMILY = r"[a-z][a-z0-9-]*[0-9][a-z0-9-]*"
_INSTANCE = {
    ("aws", "vm"): (re.compile(rf"^{_AWS_FAMILY}\.{_SIZE}$"), '"t3.medium"'),
    ("aws", "db"): (re.compile(rf"^db\.{_AWS_FAMILY}\.{_SIZE}$"), '"db.m6g.large"'),
    ("aws", "cache"): (re.compile(rf"^cache\.{_AWS_FAMILY}\.{_SIZE}$"), '"cache.t4g.small"'),
    ("azure", "vm"): (re.compile(r"^Standard_[A-Za-z0-9]+(_[A-Za-z0-9]+)*$"), '"Standard_D2s_v5"'),
    ("azure", "db"): (re.compile(r"^Standard_[A-Za-z0-9]+(_[A-Za-z0-9]+)*$"), '"Standard_D2ds_v5"'),
    ("azure", "cache"): (re.compile(r"^[CP][0-9]$"), '"C1"'),
    ("gcp", "vm"): (re.compile(r"^(?:[a-z][a-z0-9]*-(?:standard|highmem|highcpu|ultramem|megamem|micro|small|medium)"
                               r"(?:-[0-9]+)?|(?:n2-|n2d-)?custom-[0-9]+-[0-9]+)$"), '"n2-standard-8"'),
    ("gcp", "db"): (re.compile(r"^db-(?:f1-micro|g1-small|custom-[0-9]+-[0-9]+|n1-(?:standard|highmem)-[0-9]+)$"),
                    '"db-custom-2-8192"'),
    ("gcp", "cache"): (re.compile(r"^[1-9][0-9]{0,2}gb$"), '"5gb" (Memorystore capacity)'),
}
_CUSTOM = re.compile(r"^(?:n2-|n2d-)?custom-[0-9]+-[0-9]+$")
_SCHEDULE = re.compile(
    r"^(rate\(\s*[1-9][0-9]*\s+(minute|minutes|hour|hours|day|days)\s*\)|cron\(\s*\S+(\s+\S+){5}\s*\))$"
)


def _check_cidr(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
    try:
        ipaddress.IPv4Network(text, strict=True)
        return True
    except ValueError as exc:
        hint = ""
        try:
            net = ipaddress.IPv4Network(text, strict=False)
            hint = f"host bits are set; did you mean `{net}`?"
        except ValueError:
            hint = f"{exc}; write an address and prefix such as \"10.0.0.0/16\""
        ctx.error(diag("ADL1012", span, value=text, hint=hint))
        return False


def _check_region(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
    known = REGIONS.get(ctx.cloud, frozenset())
    if text in known:
        return True
    other = [c for c, rs in REGIONS.items() if text in rs and c != ctx.cloud]
    hint = (f"`{text}` is a {other[0]} region; set `cloud = {other[0]}` or pick a {ctx.cloud} region"
            if other else suggest(text, known, "region"))
    ctx.error(diag("ADL1014", span, region=text, cloud=ctx.cloud, hint=hint))
    return False


def _check_schedule(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
    if _SCHEDULE.fullmatch(text):
        return True
    ctx.error(diag("ADL1018", span, problem=f"`{text}` is not a valid schedule",
                   hint='use "rate(5 minutes)" or a six-field "cron(0 3 * * ? *)"'))
    return False


def _check_path(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
    """Whatever the root, a path attribute is relative and printable (the root is checked in api)."""
    problem = lexical_problem(text)
    if problem is None:
        return True
    ctx.error(diag(problem.code, span, what=f"`{attr}`", path=text, reason=problem.reason))
    return False


def _instance_checker(what: str) -> Callable[[str, Span, Ctx, str], bool]:
    def check(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
        pattern, example = _INSTANCE[(ctx.cloud, what)]
        label = {"vm": "virtual machine", "db": "database", "cache": "cache"}[what]
        if not pattern.fullmatch(text):
            ctx.error(diag("ADL1015", span, value=text, what=f"{ctx.cloud} {label}",
                           hint=_portable_hint(text, ctx.cloud, what)
                           or f"use the provider's type name, for example {example}"))
            return False
        known = known_instance_types(ctx.cloud, what)
        if known is None or text in known or _CUSTOM.fullmatch(text):
            return True
        # well-formed but priced in no region (`t3.4xlarge`): it would cost an unknown amount and
        # fail at apply time, so it is an error here rather than a `?` in the estimate
        ctx.error(diag("ADL1070", span, value=text, what=f"{ctx.cloud} {label}",
                       hint=suggest(text, known, "type") or f"for example {example}"))
        return False

    return check


def _portable_hint(text: str, cloud: str, what: str) -> str:
    """For another cloud's type (or a size class) named as `instance`: the portable form and the nearest
    type of this cloud (issue: `db.m6g.large` on Azure)."""
    from .sizes import CLASSES, portable_text, resolve, shape_of

    if text in CLASSES:
        v, m = CLASSES[text]
        return f"`{text}` is a portable size class ({v:g} vCPU, {m:g} GB): write `size = {text}` instead of `instance`"
    shape = shape_of(text)
    if shape is None or shape[1] != what or shape[0] == cloud:
        return ""
    other, _, v, m = shape
    near = resolve(cloud, what, v, m, engine="postgres" if what == "db" else "redis")
    nearest = f"; the nearest {cloud} type is \"{near.instance}\"" if near is not None else ""
    return (f"`{text}` is an {other} type ({v:g} vCPU, {m:g} GB): write the portable "
            f"`size = {portable_text(v, m)}` to build it on any cloud{nearest}")


# (cloud, kind) -> (pattern, the rule in words): the names each cloud accepts for a physical `name`
_NAMES: dict[tuple[str, str], tuple[re.Pattern[str], str]] = {
    ("aws", "bucket"): (re.compile(r"(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
                        "3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"),
    ("aws", "database"): (re.compile(r"[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)"),
                          "1-63 letters, digits and hyphens, starting with a letter, no `--`, no trailing hyphen"),
    # 80 characters in all: a standard queue may use them all; a FIFO queue's name is checked again
    # with its `.fifo` suffix (fifo_queue_name_broken), once the compiler knows it is one
    ("aws", "queue"): (re.compile(r"(?=.{1,80}\Z)[A-Za-z0-9_-]+(?:\.fifo)?"),
                       "1-80 letters, digits, hyphens and underscores (`.fifo` is added for a FIFO queue)"),
    ("aws", "table"): (re.compile(r"[A-Za-z0-9_.-]{3,255}"), "3-255 letters, digits, `_`, `-` and `.`"),
    ("azure", "bucket"): (re.compile(r"[a-z0-9]{3,24}"), "a storage account: 3-24 lowercase letters and digits"),
    ("azure", "database"): (re.compile(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]"),
                            "3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen"),
    ("azure", "queue"): (re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,258}[A-Za-z0-9])?"),
                         "1-260 letters, digits, `.`, `-` and `_`, starting and ending with a letter or digit"),
    ("azure", "table"): (re.compile(r"[a-z0-9][a-z0-9-]{1,42}[a-z0-9]"),
                         "a Cosmos DB account: 3-44 lowercase letters, digits and hyphens"),
    ("gcp", "bucket"): (re.compile(r"(?!goog)[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]"),
                        "3-63 lowercase letters, digits, `.`, `-` and `_`, starting and ending with a letter or "
                        "digit, not starting with `goog`"),
    ("gcp", "database"): (re.compile(r"[a-z](?:[a-z0-9-]{0,96}[a-z0-9])?"),
                          "a Cloud SQL instance: 1-98 lowercase letters, digits and hyphens, starting with a letter"),
    ("gcp", "queue"): (re.compile(r"(?!goog)[A-Za-z][A-Za-z0-9._~+%-]{2,254}"),
                       "a Pub/Sub topic: 3-255 letters, digits and `.-_~+%`, starting with a letter, not `goog`"),
    ("gcp", "table"): (re.compile(r"[a-z][a-z0-9-]{2,61}[a-z0-9]"),
                       "a Firestore database: 4-63 lowercase letters, digits and hyphens, starting with a letter"),
}


def name_rule_broken(cloud: str, kind: str, text: str) -> str | None:
    """None when `text` is a valid physical name of a `kind` on `cloud`, else the rule it breaks."""
    pattern, rule = _NAMES[(cloud, kind)]
    return None if pattern.fullmatch(text) else rule


def fifo_queue_name_broken(cloud: str, text: str) -> str | None:
    """The rule an AWS FIFO queue's name breaks once `.fifo` is added (80 characters in all), else None."""
    if cloud != "aws" or len(text.removesuffix(".fifo")) <= 75:
        return None
    return "1-75 letters, digits, hyphens and underscores for a FIFO queue (`.fifo` is added: 80 in all)"


def _name_checker(kind: str) -> Callable[[str, Span, Ctx, str], bool]:
    def check(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
        pattern, rule = _NAMES[(ctx.cloud, kind)]
        if pattern.fullmatch(text):
            return True
        ctx.error(diag("ADL1083", span, name=text, kind=kind, cloud=ctx.cloud, rule=rule))
        return False

    return check


def _check_image(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
    rule = image_problem(text)
    if rule is None:
        return True
    ctx.error(diag("ADL0975", span, text=shown(text), rule=rule))
    return False


def _check_tag_value(text: str, span: Span, ctx: Ctx, attr: str) -> bool:
    """A value every backend also writes as a tag (`owner`): the cloud's tag rules apply to it."""
    found = tag_diags(ctx.cloud, attr, text, None, span, attr)
    for d in found:
        ctx.error(d)
    return not found


VALIDATORS: dict[str, Callable[[str, Span, Ctx, str], bool]] = {
    "image": _check_image,
    "tag_value": _check_tag_value,
    **{f"name:{k}": _name_checker(k) for k in ("bucket", "database", "queue", "table")},
    "cidr": _check_cidr,
    "region": _check_region,
    "schedule": _check_schedule,
    "path": _check_path,
    "instance:vm": _instance_checker("vm"),
    "instance:db": _instance_checker("db"),
    "instance:cache": _instance_checker("cache"),
}

_MISSING = object()


def _mismatch(t: Type, v: s.Value, attr: str, ctx: Ctx, hint: str = "") -> object:
    if not hint and isinstance(v, s.Str) and isinstance(t, (TRef, TEnum)):
        hint = f"write it without quotes: `{v.value}`" if re.fullmatch(r"[A-Za-z_]\w*", v.value) else ""
    if not hint and isinstance(v, s.Num) and isinstance(t, TQty):
        hint = f"add a unit, for example `{v.text} {DIMENSION_EXAMPLES[t.dimension].split(',')[0]}`"
    ctx.error(diag("ADL1004", v.span, attr=attr, expected=t.describe(), got=describe_value(v), hint=hint))
    return _MISSING


def coerce(t: Type, v: s.Value, attr: str, ctx: Ctx) -> Any:
    """Return the IR value, or _MISSING after reporting why the value does not fit."""
    v = resolve_param(v, ctx, t)
    match t:
        case TUnion():
            if isinstance(v, s.Bool) and any(isinstance(o, TBool) for o in t.options):
                return v.value
            for o in t.options:
                if isinstance(o, TRef) and isinstance(v, s.Ref):
                    return coerce(o, v, attr, ctx)
            return _mismatch(t, v, attr, ctx)
        case TStr():
            if not isinstance(v, s.Str):
                return _mismatch(t, v, attr, ctx)
            text = interpolate(v, ctx)
            if (bad := control_diag(text, v.span, f"`{attr}`")) is not None:
                ctx.error(bad)
                return _MISSING
            if t.check and "${" not in text and not VALIDATORS[t.check](text, v.span, ctx, attr):
                return _MISSING
            return text
        case TInt():
            if not isinstance(v, s.Num) or isinstance(v.value, float):
                return _mismatch(t, v, attr, ctx)
            return _bounded(int(v.value), t.min, t.max, v, attr, ctx)
        case TBool():
            return v.value if isinstance(v, s.Bool) else _mismatch(t, v, attr, ctx)
        case TEnum():
            if isinstance(v, s.Ref):
                # `provided.al2023` lexes as a member reference; as an enum value it is one word
                word, span = v.name if v.member is None else f"{v.name}.{v.member}", v.span
            elif isinstance(v, s.Str):
                word, span = v.value, v.span
            elif isinstance(v, s.Num) and v.text in t.values:
                return v.text
            else:
                return _mismatch(t, v, attr, ctx)
            if word in t.values:
                return word
            ctx.error(diag("ADL1011", span, value=word, attr=attr, hint=suggest(word, t.values)))
            return _MISSING
        case TQty():
            if isinstance(v, s.Num) and v.value == 0:
                return 0
            if not isinstance(v, s.Quantity):
                return _mismatch(t, v, attr, ctx)
            dim = dimension_of(v.unit)
            if dim != t.dimension:
                ctx.error(diag("ADL1005", v.span, attr=attr, expected=t.describe(),
                               got=f"{v.amount.text} {v.unit}",
                               hint=f"`{v.unit}` measures {dim}; use {DIMENSION_EXAMPLES[t.dimension]}"))
                return _MISSING
            value = to_canonical(float(v.amount.value), v.unit, t.canonical)
            return _bounded(value, t.min, t.max, v, attr, ctx, unit=t.canonical)
        case TCount():
            if isinstance(v, s.Num) and isinstance(v.value, int):
                n = _bounded(v.value, t.min, t.max, v, attr, ctx)
                return _MISSING if n is _MISSING else {"min": n, "max": n}
            if isinstance(v, s.Range) and isinstance(v.low.value, int) and isinstance(v.high.value, int):
                if v.low.value > v.high.value:
                    ctx.error(diag("ADL1013", v.span, value=f"{v.low.text}..{v.high.text}",
                                   fixed=f"{v.high.text}..{v.low.text}"))
                    return _MISSING
                lo = _bounded(v.low.value, t.min, t.max, v.low, attr, ctx)
                hi = _bounded(v.high.value, t.min, t.max, v.high, attr, ctx)
                return _MISSING if _MISSING in (lo, hi) else {"min": lo, "max": hi}
            return _mismatch(t, v, attr, ctx)
        case TRef():
            if not isinstance(v, s.Ref):
                return _mismatch(t, v, attr, ctx)
            ctx.refs.append(PendingRef(attr, v, t.kinds))
            return {"ref": v.name} if v.member is None else {"ref": v.name, "member": v.member}
        case TList():
            if not isinstance(v, s.ListV):
                if isinstance(v, s.Ref) and isinstance(t.item, (TRef, TEnum)):
                    return _mismatch(t, v, attr, ctx, hint=f"wrap it in a list: `[{v.text}]`")
                return _mismatch(t, v, attr, ctx)
            out = [coerce(t.item, item, attr, ctx) for item in v.items]
            return _MISSING if any(o is _MISSING for o in out) else out
        case TMap():
            if not isinstance(v, s.MapV):
                return _mismatch(t, v, attr, ctx)
            result: dict[str, Any] = {}
            for key, kspan, item in v.items:
                if key in result:
                    ctx.error(diag("ADL1007", kspan, attr=f"{attr}.{key}", previous="earlier in this map"))
                    continue
                item = resolve_param(item, ctx, TStr())
                if isinstance(item, s.Str):
                    result[key] = interpolate(item, ctx)
                elif isinstance(item, s.Num):
                    result[key] = item.text
                elif isinstance(item, s.Bool):
                    result[key] = "true" if item.value else "false"
                elif isinstance(item, s.Ref) and item.member is None:
                    result[key] = item.name
                else:
                    _mismatch(TStr("a string, number or boolean"), item, f"{attr}.{key}", ctx)
                    continue
                if not _map_entry_ok(t, key, kspan, result[key], item.span, attr, ctx):
                    del result[key]
            return result
        case TThreshold():
            return _threshold(t, v, attr, ctx)
        case TSize():
            return _size(v, attr, ctx)
        case TDate():
            if not isinstance(v, s.Date):
                return _mismatch(t, v, attr, ctx)
            try:
                dt.date.fromisoformat(v.value)
            except ValueError:
                ctx.error(diag("ADL1018", v.span, problem=f"`{v.value}` is not a calendar date",
                               hint="use yyyy-mm-dd with a real month and day"))
                return _MISSING
            return v.value
    raise AssertionError(f"unhandled type {t!r}")  # an internal bug, not user input


def _map_entry_ok(t: TMap, key: str, key_span: Span, value: str, value_span: Span, attr: str, ctx: Ctx) -> bool:
    """A map's key and value hold no control character; a tag also meets the cloud's tag rules."""
    found = [d for d in (control_diag(key, key_span, f"the key of `{attr}.{shown(key)}`"),
                         control_diag(value, value_span, f"`{attr}.{shown(key)}`")) if d is not None]
    if t.check == "tags" and not found:
        found = tag_diags(ctx.cloud, key, value, key_span, value_span, attr)
    for d in found:
        ctx.error(d)
    return not found


def _threshold(t: TThreshold, v: s.Value, attr: str, ctx: Ctx) -> Any:
    """{"stat": "p99" | None, "op": "<" | "<=", "value": amount in t.canonical}."""
    if not isinstance(v, s.Threshold):
        return _mismatch(t, v, attr, ctx)
    text = value_text(v)
    if v.op not in ("<", "<="):
        ctx.error(diag("ADL1300", v.op_span, attr=attr, text=text, metric=t.metric, example=t.example))
        return _MISSING
    if v.stat is not None and v.stat not in t.stats:
        stats = ", ".join(f"`{x}`" for x in t.stats) if t.stats else "none (write the comparison alone)"
        ctx.error(diag("ADL1301", v.stat_span, stat=v.stat, attr=attr, stats=stats))
        return _MISSING
    if v.stat is None and t.stat_required:
        ctx.error(diag("ADL1302", v.span, attr=attr, text=text, example=t.example))
        return _MISSING
    amount = float(v.amount.value)
    if t.canonical is None:
        if v.unit is not None:
            ctx.error(diag("ADL1005", v.span, attr=attr, expected=t.describe(), got=f"{v.amount.text} {v.unit}",
                           hint="a count takes no unit"))
            return _MISSING
        value: Any = clean_number(amount)
    else:
        want = CANONICAL_DIMENSION[t.canonical]
        if v.unit is None or dimension_of(v.unit) != want:
            got = v.amount.text if v.unit is None else f"{v.amount.text} {v.unit}"
            ctx.error(diag("ADL1005", v.span, attr=attr, expected=t.describe(), got=got,
                           hint=f"use {DIMENSION_EXAMPLES[want]}"))
            return _MISSING
        value = to_canonical(amount, v.unit, t.canonical)
    bounded = _bounded(value, 0, t.max, v, attr, ctx, unit=t.canonical or "")
    return _MISSING if bounded is _MISSING else {"stat": v.stat, "op": v.op, "value": bounded}


def _size(v: s.Value, attr: str, ctx: Ctx) -> Any:
    """`medium` -> {"class": "medium", "vcpu": 2, "memory": 4};
    `{ vcpu: 2, memory: 8 GB }` -> {"vcpu": 2, "memory": 8}."""
    from .sizes import CLASSES

    if isinstance(v, s.Ref) and v.member is None:
        if v.name not in CLASSES:
            ctx.error(diag("ADL1011", v.span, value=v.name, attr=attr, hint=suggest(v.name, CLASSES)))
            return _MISSING
        vcpu, mem = CLASSES[v.name]
        return {"class": v.name, "vcpu": vcpu, "memory": mem}
    if not isinstance(v, s.MapV):
        return _mismatch(TSize(), v, attr, ctx)
    out: dict[str, Any] = {}
    for key, kspan, item in v.items:
        item = resolve_param(item, ctx, TQty("GB"))
        t = {"vcpu": TQty("vcpu", min=0.25, max=448), "memory": TQty("GB", min=0.5, max=24576)}.get(key)
        if t is None:
            ctx.error(diag("ADL1003", kspan, kind=attr, attr=key, hint=suggest(key, ("vcpu", "memory"), "key")))
            return _MISSING
        if key == "vcpu" and isinstance(item, s.Num):
            item = s.Quantity(item, "vcpu", item.span)
        value = coerce(t, item, f"{attr}.{key}", ctx)
        if value is _MISSING:
            return _MISSING
        out[key] = value
    if "memory" not in out:
        # a map entry is written `key: value`, not an attribute's `key = value`
        ctx.error(diag("ADL1006", v.span, kind=attr, name="map", attr="memory", fix="memory: 8 GB"))
        return _MISSING
    # `vcpu` may be left out where only memory counts (a cache: docs/gcp.md); the checker, which knows
    # the kind, asks for it everywhere else (missing_vcpu)
    return {"vcpu": out["vcpu"], "memory": out["memory"]} if "vcpu" in out else {"memory": out["memory"]}


def missing_vcpu(size: dict[str, Any], what: str, span: Span, attr: str = "size") -> Diagnostic | None:
    """ADL1006 for a size map without `vcpu` on a kind sized by vCPU and memory (vm, database)."""
    if "vcpu" in size or what == "cache":
        return None
    return diag("ADL1006", span, kind=attr, name="map", attr="vcpu", fix="vcpu: 2")


def _bounded(value: Any, lo: float | None, hi: float | None, v: s.Value, attr: str, ctx: Ctx,
             unit: str = "") -> Any:
    suffix = f" {unit}" if unit else ""
    # a value is compared as the IR stores it (canonical units, 6 decimals): `60 s` is 0.000694 days,
    # and must meet a bound of 1/1440 days (60 s) stored the same way
    lo = None if lo is None else clean_number(lo)
    hi = None if hi is None else clean_number(hi)
    if lo is not None and value < lo:
        ctx.error(diag("ADL1016", v.span, attr=attr, bound=f"at least {clean_number(lo)}{suffix}",
                       value=f"{value}{suffix}"))
        return _MISSING
    if hi is not None and value > hi:
        ctx.error(diag("ADL1016", v.span, attr=attr, bound=f"at most {clean_number(hi)}{suffix}",
                       value=f"{value}{suffix}"))
        return _MISSING
    return value


MISSING = _MISSING
