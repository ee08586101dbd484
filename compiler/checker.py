"""Names and types: syntax trees of the import closure -> IR (with defaults applied)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from . import syntax as s
from .catalogue import diag, suggest
from .cloud_strings import default_handler, handler_diag
from .diagnostics import Diagnostic, Span
from .ir import IR, IRDeployment, IRRef, IRResource, IRWaiver
from .kinds import DEPLOYMENT, KINDS, WAIVER
from .parser import parse
from .schema import AttrSpec, KindSpec, TBool, TCount, TDate, TEnum, TInt, TList, TQty, TStr, Type
from .values import MISSING, Ctx, PendingRef, coerce, fifo_queue_name_broken, missing_vcpu
from .waiver_rules import DEFAULT_HORIZON_DAYS, check_waiver, horizon_days

PARAM_TYPES: dict[str, Type] = {
    "string": TStr(),
    "int": TInt(),
    "bool": TBool(),
    "size": TQty("GB"),
    "duration": TQty("seconds"),
    "money": TQty("usd/month"),
    "rate": TQty("rps"),
    "cpu": TQty("vcpu"),
    "count": TCount(),
    "date": TDate(),
}


@dataclass(frozen=True)
class _Checked:
    attrs: dict[str, Any]
    spans: dict[str, Span]
    explicit: tuple[str, ...]
    refs: list[PendingRef]


def _check_block(
    spec: KindSpec, attrs: tuple[s.Attr, ...], owner: str, name: str, span: Span,
    variant: str | None, ctx: Ctx,
) -> _Checked:
    values: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    first: dict[str, s.Attr] = {}
    refs_before = len(ctx.refs)
    for a in attrs:
        aspec = spec.attr(a.name)
        if aspec is None:
            ctx.error(diag("ADL1003", a.name_span, kind=owner, attr=a.name,
                           hint=suggest(a.name, spec.attr_names, "attribute")))
            continue
        if a.name in first:
            ctx.error(diag("ADL1007", a.name_span, attr=a.name, previous=str(first[a.name].name_span)))
            continue
        first[a.name] = a
        value = coerce(aspec.type, a.value, a.name, ctx)
        spans[a.name] = a.span
        if value is not MISSING:
            values[a.name] = value
    for aspec in spec.attrs:
        if aspec.required and aspec.name not in first and not (aspec.instead and aspec.instead in first):
            ctx.error(diag("ADL1006", span, kind=owner, name=name, attr=aspec.name,
                           fix=f"{aspec.name} = {aspec.example or '...'}"))
    effective: dict[str, Any] = {}
    for aspec in spec.attrs:
        if aspec.name in values:
            effective[aspec.name] = values[aspec.name]
        elif aspec.sparse:
            continue
        else:
            # absent, or invalid and already reported: later passes still see a value
            effective[aspec.name] = _copy(aspec.default_for(ctx.cloud, variant))
    return _Checked(effective, spans, tuple(a for a in spec.attr_names if a in first), ctx.refs[refs_before:])


def _value_span(res: s.Resource, attr: str) -> Span | None:
    return next((a.value.span for a in res.attrs if a.name == attr), None)


def _copy(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _copy(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_copy(x) for x in v]
    return v


def _units(spec: KindSpec) -> dict[str, str]:
    return {a.name: a.type.canonical for a in spec.attrs if isinstance(a.type, TQty)}


_SET_PREFIX = "deployment __set__ { v = "
_BOUNDS = ("ADL0020", "ADL0021", "ADL0022")  # literal bounds: reported as such, not as "not a value"


def _parse_set_value(text: str, name: str) -> tuple[s.Value | None, list[Diagnostic]]:
    """`--set k=v` values use ADL value syntax; a bare word that is not one is taken as a string.
    Returns the value, or the bounds diagnostics (positioned within the --set text) that refused it."""
    module, diags = parse(_SET_PREFIX + text + " }", f"--set {name}")
    if module is not None and not diags:
        dep = module.items[0]
        assert isinstance(dep, s.Deployment)
        if len(dep.attrs) == 1:
            return dep.attrs[0].value, []
    shift = len(_SET_PREFIX)
    return None, [replace(d, span=replace(d.span, col=max(1, d.span.col - shift), end_col=max(
        1, d.span.end_col - shift)) if d.span and d.span.line == 1 else d.span) for d in diags if d.code in _BOUNDS]


def _params(mods: list[s.Module], overrides: dict[str, str], diags: list[Diagnostic]) -> tuple[
    dict[str, s.Value], dict[str, s.Param]
]:
    declared: dict[str, s.Param] = {}
    values: dict[str, s.Value] = {}
    for m in mods:
        for item in m.items:
            if not isinstance(item, s.Param):
                continue
            if item.name in declared:
                diags.append(diag("ADL1023", item.name_span, name=item.name,
                                  previous=str(declared[item.name].name_span)))
                continue
            if item.type not in PARAM_TYPES:
                diags.append(diag("ADL1024", item.type_span, type=item.type,
                                  hint=suggest(item.type, PARAM_TYPES, "type")))
                continue
            declared[item.name] = item
            if item.default is not None:
                values[item.name] = item.default
    for name, text in sorted(overrides.items()):
        if name not in declared:
            diags.append(diag("ADL1022", None, problem=f"--set {name}: no parameter named `{name}`",
                              hint=suggest(name, declared, "parameter")))
            continue
        p = declared[name]
        value, bounds = _parse_set_value(text, name)
        if bounds and p.type != "string":  # a long digit string is a fine string value
            diags.extend(bounds)
            continue
        if p.type == "string" and not isinstance(value, s.Str):
            value = s.Str(text, p.name_span)
        if value is None:
            shown = text if len(text) <= 60 else text[:57] + "..."
            diags.append(diag("ADL1022", None, problem=f"--set {name}={shown}: not a valid ADL value",
                              hint=f"expected {PARAM_TYPES[p.type].describe()}"))
            continue
        values[name] = _respan(value, p.name_span)
    # type-check every parameter value once, where it was declared
    ctx = Ctx(cloud="aws", params={}, diags=diags)
    for name, p in declared.items():
        if name not in values:
            diags.append(diag("ADL1022", p.name_span, problem=f"parameter `{name}` has no value",
                              hint=f"give it a default or pass `--set {name}=...`"))
            continue
        if coerce(PARAM_TYPES[p.type], values[name], name, ctx) is MISSING:
            values.pop(name)
    return values, declared


def _respan(v: s.Value, span: Span) -> s.Value:
    from dataclasses import replace

    return replace(v, span=span)  # type: ignore[type-var]


def _deployment(mods: list[s.Module], params: dict[str, s.Value], diags: list[Diagnostic],
                root: str, retarget: str | None = None) -> tuple[IRDeployment, Ctx]:
    found: list[s.Deployment] = [i for m in mods for i in m.items if isinstance(i, s.Deployment)]
    for extra in found[1:]:
        diags.append(diag("ADL1020", extra.name_span, problem="a deployment is declared more than once",
                          hint=f"the first is at {found[0].name_span}; keep one `deployment` block"))
    dep = found[0] if found else None
    attrs = dep.attrs if dep else ()
    # the cloud decides region and instance validation, so settle it first
    cloud = "aws"
    for a in attrs:
        if a.name == "cloud":
            probe = Ctx(cloud="aws", params=params, diags=[])
            v = coerce(DEPLOYMENT.attr("cloud").type, a.value, "cloud", probe)  # type: ignore[union-attr]
            if v is not MISSING:
                cloud = v
    if retarget is not None and retarget != cloud:
        cloud, attrs = retarget, _retargeted(attrs, retarget, params, diags)
    ctx = Ctx(cloud=cloud, params=params, diags=diags)
    span = dep.name_span if dep else Span.point(root, 1, 1)
    checked = _check_block(DEPLOYMENT, attrs, "deployment", dep.name if dep else "", span, None, ctx)
    if dep is None:
        diags.append(diag("ADL1019", span))  # located at the main file's start, so it says which file
    eff = checked.attrs
    ir_dep = IRDeployment(
        name=dep.name if dep else "app",
        cloud=cloud if retarget else eff["cloud"],
        region=eff["region"],
        environment=eff["environment"],
        compliance=tuple(sorted(set(eff["compliance"]), key=list(eff["compliance"]).index)),
        budget=eff["budget"],
        tags=eff["tags"],
        owner=eff["owner"],
        span=dep.span if dep else None,
        attr_spans=checked.spans,
    )
    return ir_dep, ctx


def _retargeted(attrs: tuple[s.Attr, ...], cloud: str, params: dict[str, s.Value],
                diags: list[Diagnostic]) -> tuple[s.Attr, ...]:
    """The deployment's attributes for another cloud: its `cloud` goes, and a region of the file's own
    cloud gives way to the new cloud's default (ADL1502 says so)."""
    from .regions import DEFAULT_REGION, REGIONS

    out = []
    for a in attrs:
        if a.name == "cloud":
            continue
        if a.name == "region":
            v = a.value
            if isinstance(v, s.Ref) and v.member is None and v.name in params:
                v = params[v.name]
            if isinstance(v, s.Str) and v.value not in REGIONS[cloud]:
                diags.append(diag("ADL1502", a.span, region=v.value, cloud=cloud, default=DEFAULT_REGION[cloud]))
                continue
        out.append(a)
    return tuple(out)


# Backends derive physical names as `<prefix (<= 20)>-<name>-<suffix>`; the longest suffix on a name of
# at most 64 characters (IAM roles, Lambda functions, EventBridge rules) is `-monitoring`: 20 + 1 + 32 + 11.
# A longer resource name compiled clean and failed at deploy (an SQS queue or IAM role name too long).
MAX_RESOURCE_NAME = 32


def check(mods: list[s.Module], overrides: dict[str, str], root: str,
          cloud: str | None = None) -> tuple[IR, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    params, declared = _params(mods, overrides, diags)
    dep, ctx = _deployment(mods, params, diags, root, cloud)

    # symbol table across the closure
    symbols: dict[str, s.Resource] = {}
    for m in mods:
        for item in m.items:
            if isinstance(item, s.Resource):
                if item.name in symbols:
                    diags.append(diag("ADL1008", item.name_span, name=item.name,
                                      previous=str(symbols[item.name].name_span)))
                    continue
                if item.name in declared:
                    diags.append(diag("ADL1008", item.name_span, name=item.name,
                                      previous=str(declared[item.name].name_span)))
                    continue
                if len(item.name) > MAX_RESOURCE_NAME:
                    diags.append(diag("ADL0980", item.name_span, name=item.name, length=len(item.name),
                                      limit=MAX_RESOURCE_NAME))
                symbols[item.name] = item

    resources: list[IRResource] = []
    pending: list[tuple[IRResource, list[PendingRef]]] = []
    for res in symbols.values():
        spec = KINDS.get(res.kind)
        if spec is None:
            diags.append(diag("ADL1001", res.kind_span, kind=res.kind, hint=suggest(res.kind, KINDS, "kind")))
            continue
        variant = res.variant
        if variant is None and spec.variant_required:
            diags.append(diag("ADL1002", res.name_span,
                              problem=f"`{res.kind} {res.name}` needs an engine",
                              hint=f"write `{res.kind} {res.name} : {spec.variants[0]} {{ ... }}`"
                                   f" (one of {', '.join(spec.variants)})"))
            continue
        if variant is not None and variant not in spec.variants:
            problem = (f"`{res.kind}` takes no variant" if not spec.variants
                       else f"`{variant}` is not a {res.kind} engine")
            diags.append(diag("ADL1002", res.variant_span, problem=problem,
                              hint=suggest(variant, spec.variants) if spec.variants
                              else f"remove `: {variant}`"))
            continue
        variant = variant or spec.default_variant
        checked = _check_block(spec, res.attrs, res.kind, res.name, res.name_span, variant, ctx)
        attrs = dict(checked.attrs)
        if res.kind == "queue" and attrs.get("fifo") and isinstance(attrs.get("name"), str) and (
                rule := fifo_queue_name_broken(ctx.cloud, attrs["name"])):
            diags.append(diag("ADL1083", checked.spans.get("name", res.name_span), name=attrs["name"], kind="queue",
                              cloud=ctx.cloud, rule=rule))
        if "handler" in attrs and isinstance(runtime := attrs.get("runtime"), str):
            if "handler" not in checked.explicit:  # the default follows the runtime (a Java class, not a file)
                attrs["handler"] = default_handler(runtime)
            elif bad := handler_diag(runtime, attrs["handler"], _value_span(res, "handler")):
                diags.append(bad)
        if attrs.get("size") is not None and spec.attr("instance") is not None:
            _resolve_size(res, spec, attrs, checked, variant, ctx)
        data = attrs.pop("data", None)
        ir_res = IRResource(
            kind=res.kind, name=res.name, variant=variant, data=data, attrs=attrs,
            units=_units(spec), explicit=checked.explicit, span=res.span,
            attr_spans=checked.spans, refs=(),
        )
        pending.append((ir_res, checked.refs))

    # resolve references now that every name is known
    from dataclasses import replace

    kinds_of = {n: r.kind for n, r in symbols.items()}
    for ir_res, refs in pending:
        resolved: list[IRRef] = []
        for p in refs:
            target = p.ref.name
            if target not in symbols:
                diags.append(diag("ADL1009", p.ref.span, name=target,
                                  hint=suggest(target, list(symbols) + list(declared), "name")))
                continue
            if target == ir_res.name:
                diags.append(diag("ADL2002", p.ref.span, name=target, attr=p.attr))
                continue
            tkind = kinds_of[target]
            if p.kinds and tkind not in p.kinds:
                same = sorted(n for n, k in kinds_of.items() if k in p.kinds)
                diags.append(diag("ADL1010", p.ref.span, attr=p.attr, expected=" or ".join(
                    f"a {k}" for k in p.kinds), name=target, kind=tkind,
                    hint=suggest(target, same, "name") if same else f"declare a {p.kinds[0]} first"))
                continue
            tspec = KINDS.get(tkind)
            if p.ref.member is not None and tspec is not None and p.ref.member not in tspec.members:
                diags.append(diag("ADL1017", p.ref.span, name=target, member=p.ref.member,
                                  hint=suggest(p.ref.member, tspec.members, "member")
                                  if tspec.members else f"a {tkind} has no members; write `{target}`"))
                continue
            resolved.append(IRRef(p.attr, target, p.ref.member, p.ref.span))
        resources.append(replace(ir_res, refs=tuple(resolved)))

    waivers = _waivers(mods, symbols, ctx, diags)
    for name, decl in declared.items():
        if name not in ctx.used_params:
            diags.append(diag("ADL1050", decl.name_span, name=name))
    ir = IR(
        deployment=dep,
        resources=tuple(resources),
        params={n: _param_json(v) for n, v in sorted(params.items())},
        waivers=waivers,
        assertions=(),
        files=tuple(m.file for m in mods),
    )
    from .assertions import check_assertions

    assertions = check_assertions(mods, ir, ctx, diags)
    return replace(ir, assertions=assertions), diags


def _resolve_size(res: s.Resource, spec: KindSpec, attrs: dict[str, Any], checked: _Checked,
                  variant: str | None, ctx: Ctx) -> None:
    """A portable `size` becomes the cheapest `instance` of the deployment's cloud (compiler/sizes.py);
    the choice and its basis stay in the IR next to the size asked for."""
    from .sizes import resolve

    if "instance" in checked.explicit:
        ctx.error(diag("ADL1500", checked.spans["size"], kind=res.kind, name=res.name, cloud=ctx.cloud))
        return
    aspec = spec.attr("instance")
    what = (aspec.type.check or "").split(":")[-1] if aspec is not None and isinstance(aspec.type, TStr) else ""
    size = attrs["size"]
    if problem := missing_vcpu(size, what, checked.spans["size"]):
        ctx.error(problem)
        return
    choice = resolve(ctx.cloud, what, float(size.get("vcpu", 0)), float(size["memory"]), engine=variant,
                     ha=bool(attrs.get("multi_az")))
    if choice is None:
        asked = (f">= {size['memory']:g} GB" if "vcpu" not in size
                 else f">= {size['vcpu']:g} vCPU and >= {size['memory']:g} GB")
        hint = ("Cloud SQL offers postgres and mysql" if ctx.cloud == "gcp" and what == "db"
                else "ask for less, or name an `instance`")
        ctx.error(diag("ADL1501", checked.spans["size"], kind=res.kind, name=res.name, cloud=ctx.cloud,
                       what=what, size=asked, hint=hint))
        return
    attrs["instance"] = choice.instance
    attrs["size"] = {**size, "instance": choice.instance, "basis": choice.basis}


def _param_json(v: s.Value) -> Any:
    from .values import value_text

    if isinstance(v, s.Num):
        return v.value
    if isinstance(v, s.Bool):
        return v.value
    return value_text(v)


def _waivers(mods: list[s.Module], symbols: dict[str, s.Resource], ctx: Ctx,
             diags: list[Diagnostic]) -> tuple[IRWaiver, ...]:
    out: list[IRWaiver] = []
    waivers = [item for m in mods for item in m.items if isinstance(item, s.Waiver)]
    horizon = horizon_days(diags) if waivers else DEFAULT_HORIZON_DAYS
    today = dt.date.today()
    for item in waivers:
        ok = True
        if item.target not in symbols:
            diags.append(diag("ADL1040", item.target_span,
                              problem=f"waiver {item.rule} names `{item.target}`, which is not defined",
                              hint=suggest(item.target, symbols, "resource")))
            ok = False
        before = len(diags)
        checked = _check_block(WAIVER, item.attrs, "waive", item.rule, item.rule_span, None, ctx)
        if len(diags) > before or not ok:
            continue
        a = checked.attrs
        if not check_waiver(item, a["reason"], a["owner"], a["expires"], today, horizon, diags):
            continue
        out.append(IRWaiver(item.rule, item.target, a["reason"], a["owner"], a["expires"], item.span))
    return tuple(out)


__all__ = ["check", "PARAM_TYPES", "AttrSpec", "TEnum", "TList"]
