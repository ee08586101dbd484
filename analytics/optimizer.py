"""The cost optimizer: the cheapest configuration that still meets the load and the policies.

Search space (AWS), per resource written in the main .adl file:
  vm        EC2 instance type (general purpose, compute, memory and burstable families; arm and x86)
            and gp2 -> gp3 disks;
  database  RDS instance class of the same engine and deployment option (Single-/Multi-AZ kept);
  cache     ElastiCache node type of the same engine;
  service   Fargate cpu/memory combination, arch (arm64 Graviton / x86_64) and replica bounds;
  bucket    storage class (standard <-> infrequent, only for a bucket nothing reads from).

Capacity assumptions (docs/analytics.md):
  * a vm, database or cache instance is sized for its declared load today: a candidate must have at least
    the current instance's vCPU and memory (it may be cheaper, e.g. Graviton or a newer generation, but
    never smaller); burstable (t) families are only candidates for a burstable instance;
  * a service's per-replica memory never shrinks (the app's working set); its total vCPU at the minimum
    replica count covers the declared load: with a declared `capacity` (rps per replica), capacity scales
    with vCPU and min replicas = ceil(load x (1 + headroom) / capacity); without one, the current minimum
    fleet's vCPU is the need (the headroom is taken to be in today's sizing). A service with two or more
    minimum replicas keeps at least two (availability across zones);
  * arm64 candidates assume a multi-arch image (`--no-arm` keeps x86).

Every candidate is priced by autodeploy.analytics.cost.estimate; a candidate with a price the catalog does
not have is never proposed. The chosen changes are made by editing the .adl text at the attributes'
spans and recompiling, so the patch is a real diff, and the patched file is checked by the policy engine:
a change that adds a policy finding is rejected. When the engine is unavailable the result says
"policy check skipped: <reason>" and is marked unverified.

Compliance control costs: on copies of the IR, each control that is on (Multi-AZ, backups, customer-
managed keys, flow logs, audit trail, ...) is turned off and re-costed; the findings that turning it
off causes attribute the cost to frameworks and controls.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import autodeploy.analytics.scaling_diagnostics  # noqa: F401  (registers ADL41xx)
from autodeploy.compiler import compile_source
from autodeploy.compiler.ir import IR, IRResource
from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool
from autodeploy.policies import engine
from autodeploy.policies import opa as _opa

from .shapes import Shape, shapes  # noqa: F401  (Shape: re-exported for callers)

# Fargate task sizes: vCPU -> allowed memory (GB), per the ECS task-size table.
FARGATE: dict[float, tuple[float, ...]] = {
    0.25: (0.5, 1, 2),
    0.5: (1, 2, 3, 4),
    1: tuple(float(x) for x in range(2, 9)),
    2: tuple(float(x) for x in range(4, 17)),
    4: tuple(float(x) for x in range(8, 31)),
    8: tuple(float(x) for x in range(16, 61, 4)),
    16: tuple(float(x) for x in range(32, 121, 8)),
}
FAMILY_RE = re.compile(r"^(?:db\.|cache\.)?(?P<fam>[tmcr]\d+[a-z]*(?:-flex)?)\.")
POLICY_TRIES = 4  # candidates tried per resource when the cheapest adds a policy finding


# ---- results --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttrChange:
    attr: str
    old: str  # ADL text
    new: str


@dataclass(frozen=True)
class Change:
    resource: str
    kind: str
    changes: tuple[AttrChange, ...]
    monthly_before: float
    monthly_after: float
    reason: str

    @property
    def savings(self) -> float:
        return round(self.monthly_before - self.monthly_after, 2)

    def to_json(self) -> dict[str, Any]:
        return {"resource": self.resource, "kind": self.kind, "monthly_before": self.monthly_before,
                "monthly_after": self.monthly_after, "savings": self.savings, "reason": self.reason,
                "changes": [dataclasses.asdict(c) for c in self.changes]}


@dataclass(frozen=True)
class ControlCost:
    control: str
    resource: str
    monthly: float  # what keeping the control on costs per month
    frameworks: tuple[str, ...]
    controls: tuple[str, ...]
    rules: tuple[str, ...]
    # components of the control without a price: `monthly` is then only its priced part
    unpriced: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class OptimizeResult:
    file: str
    before_total: float
    after_total: float
    changes: tuple[Change, ...]
    diff: str
    new_text: str
    verified: bool
    policy_note: str
    findings_before: int | None
    findings_after: int | None
    controls: tuple[ControlCost, ...]
    notes: tuple[str, ...] = field(default=())
    unpriced: int = 0  # components without a price (the same before and after): totals are lower bounds

    @property
    def savings(self) -> float:
        return round(self.before_total - self.after_total, 2)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "monthly_before": self.before_total, "monthly_after": self.after_total,
                "savings": self.savings, "verified": self.verified, "policy": self.policy_note,
                "findings_before": self.findings_before, "findings_after": self.findings_after,
                "changes": [c.to_json() for c in self.changes], "diff": self.diff,
                "compliance_costs": [c.to_json() for c in self.controls], "notes": list(self.notes),
                "unpriced_components": self.unpriced, "totals_are_lower_bounds": self.unpriced > 0}


# ---- instance shapes: analytics/shapes.py (the estimate reads them without this module) --------


def _instance_candidates(service: str, current: str, allow_arm: bool) -> list[str]:
    table = shapes()
    cur = table.get((service, current))
    if cur is None:
        return []
    cur_fam = FAMILY_RE.match(current)
    burstable = bool(cur_fam and cur_fam.group("fam").startswith("t"))
    out = []
    for (svc, typ), s in table.items():
        if svc != service or "metal" in typ:
            continue
        m = FAMILY_RE.match(typ)
        if m is None or not s.current:
            continue
        if m.group("fam").startswith("t") and not burstable:
            continue
        if s.arch == "arm64" and not allow_arm and cur.arch != "arm64":
            continue
        if s.vcpu + 1e-9 < cur.vcpu or s.memory + 1e-9 < cur.memory:
            continue
        out.append(typ)
    return sorted(set(out) | {current})


# ---- ADL text edits -----------------------------------------------------------------------------

def _fmt(x: float) -> str:
    return f"{x:g}"


def adl_value(attr: str, value: Any, unit: str | None = None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) and "min" in value:
        lo, hi = value["min"], value["max"]
        return str(lo) if lo == hi else f"{lo}..{hi}"
    if attr in ("instance",):
        return f'"{value}"'
    if isinstance(value, int | float) and unit:
        return f"{_fmt(float(value))} {unit}"
    return str(value)


UNIT_TEXT = {"vcpu": "vcpu", "GB": "GB", "rps": "rps", "days": "days"}


@dataclass(frozen=True)
class Edit:
    line: int
    col: int
    end_line: int
    end_col: int
    text: str


def _offset(lines: list[str], line: int, col: int) -> int:
    return sum(len(x) for x in lines[: line - 1]) + col - 1


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    lines = text.splitlines(keepends=True)
    spans = sorted(((_offset(lines, e.line, e.col), _offset(lines, e.end_line, e.end_col), e.text) for e in edits),
                   reverse=True)
    for a, b, t in spans:
        text = text[:a] + t + text[b:]
    return text


def attr_edit(text: str, res: IRResource, attr: str, new_value: str, main_file: str) -> Edit | None:
    """Replace `attr = old` by `attr = new` at its span, or insert `attr = new` before the block's
    closing brace when the attribute was not written. None when the resource is in another file."""
    lines = text.splitlines()
    if res.span.file != main_file:
        return None
    sp = res.attr_spans.get(attr)
    if sp is not None:
        src = lines[sp.line - 1][sp.col - 1: sp.end_col - 1] if sp.line == sp.end_line else None
        if src is None or "=" not in src:
            return None
        head = src[: src.index("=") + 1]
        return Edit(sp.line, sp.col, sp.end_line, sp.end_col, f"{head} {new_value}")
    end = res.span
    if end.end_line == end.line:
        return None  # a one-line block: leave it alone rather than reflow it
    close = lines[end.end_line - 1]
    if close.strip() != "}":
        return None
    spans = sorted(res.attr_spans.values(), key=lambda s: (s.line, s.col))
    indent = " " * ((spans[0].col - 1) if spans else 2)
    width = max((len(lines[s.line - 1][s.col - 1:].split("=")[0].rstrip()) for s in spans), default=0)
    name = attr.ljust(width) if width else attr
    return Edit(end.end_line, 1, end.end_line, 1, f"{indent}{name} = {new_value}\n")


# ---- the optimizer -----------------------------------------------------------------------------------

@dataclass
class _Ctx:
    text: str
    filename: str
    base_dir: str
    params: dict[str, str] | None
    ir: IR
    headroom: float
    allow_arm: bool
    policy: Callable[[IR], Any] | None
    policy_note: str
    notes: list[str]
    with_loads: Callable[[IR], IR]
    root: str | None = None  # the project root imports and paths stay inside (--root)


def _replace_attrs(ir: IR, name: str, attrs: dict[str, Any]) -> IR:
    res = ir.resource(name)
    assert res is not None
    new = dataclasses.replace(res, attrs={**res.attrs, **attrs})
    return dataclasses.replace(ir, resources=tuple(new if r.name == name else r for r in ir.resources))


def _cost_of(ir: IR, name: str, unpriced: frozenset[str] | None = None) -> Decimal | None:
    """A resource's exact monthly cost of its priced components, or None when a price the change
    could affect is unknown: the unpriced components must be exactly `unpriced` (none by default),
    so that two configurations compare on the same priced parts."""
    from autodeploy.analytics.cost import estimate

    rc = estimate(ir).resource(name)
    if rc is None or _unpriced(rc) != (unpriced or frozenset()):
        return None
    return rc.exact


def _unpriced(rc: Any) -> frozenset[str]:
    return frozenset(c.name for c in rc.components if c.price_source == "unknown")


def _instance_unknown(rc: Any) -> bool:
    """The instance (the thing the search changes) itself has no price."""
    return any(c.price_source == "unknown" and c.name.startswith(("Instance", "Cache nodes", "Fargate"))
               for c in rc.components)


# the shape table's service for a kind's `instance`, by the validator its KindSpec names
_SHAPE_SERVICE = {"instance:vm": "ec2", "instance:db": "rds", "instance:cache": "elasticache"}


def _shape_service(kind: str) -> str | None:
    spec = KINDS.get(kind)
    a = spec.attr("instance") if spec is not None else None
    return _SHAPE_SERVICE.get(getattr(a.type, "check", None) or "") if a is not None else None


def _candidates(ctx: _Ctx, res: IRResource) -> list[dict[str, Any]]:
    """Attribute sets to try for one resource (the current one first)."""
    kind, cloud = res.kind, ctx.ir.deployment.cloud
    if cloud != "aws":
        return []  # the shape table and the search are AWS-only for now
    svc = _shape_service(kind)
    if svc is not None:
        cur = str(res.get("instance"))
        cands = [{"instance": t} for t in _instance_candidates(svc, cur, ctx.allow_arm)]
        if res.get("disk_type") == "gp2":
            cands += [{**c, "disk_type": "gp3"} for c in cands]
        return cands
    if kind == "service":
        return _service_candidates(ctx, res)
    if kind == "bucket":
        cls = res.get("storage_class") or "standard"
        used = any(ref.target == res.name for r in ctx.ir.resources for ref in r.refs)
        if cls in ("standard", "infrequent") and res.get("load") is None and not used \
                and not res.get("website"):
            return [{"storage_class": c} for c in ("standard", "infrequent")]
    return []


def _service_candidates(ctx: _Ctx, res: IRResource) -> list[dict[str, Any]]:
    c0 = float(res.get("cpu") or 0.5)
    m0 = float(res.get("memory") or 1)
    reps = res.get("replicas") or {"min": 1, "max": 1}
    rmin0, rmax0 = int(reps["min"]), int(reps["max"])
    load, cap0 = res.get("load"), res.get("capacity")
    ha = min(rmin0, 2)
    arches = ["x86_64", "arm64"] if ctx.allow_arm or res.get("arch") == "arm64" else ["x86_64"]
    out = []
    for c, mems in FARGATE.items():
        for m in mems:
            if m + 1e-9 < m0:
                continue
            for arch in arches:
                cand: dict[str, Any] = {"cpu": float(c), "memory": float(m), "arch": arch}
                # the minimum fleet keeps today's vCPU floor; the maximum can reach the load + headroom
                rmin = max(ha, math.ceil(rmin0 * c0 / c - 1e-9))
                rmax = max(rmin, math.ceil(rmax0 * c0 / c - 1e-9))
                if load is not None and cap0:
                    cap = float(cap0) * c / c0
                    cand["capacity"] = round(cap, 3)
                    rmax = max(rmax, math.ceil(float(load) * (1 + ctx.headroom) / cap - 1e-9))
                cand["replicas"] = {"min": rmin, "max": rmax}
                out.append(cand)
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return bool(a == b)


def _diff_attrs(res: IRResource, cand: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in cand.items() if not _same(res.attrs.get(k), v)}


def _edits_for(ctx: _Ctx, res: IRResource, attrs: dict[str, Any]) -> list[Edit] | None:
    edits = []
    for k, v in sorted(attrs.items()):
        e = attr_edit(ctx.text, res, k, adl_value(k, v, UNIT_TEXT.get(res.units.get(k, ""))), ctx.filename)
        if e is None:
            return None
        edits.append(e)
    return edits


def _compile(ctx: _Ctx, text: str) -> IR | None:
    r = compile_source(text, ctx.filename, ctx.params, ctx.base_dir, ctx.root)
    return ctx.with_loads(r.ir) if r.ok and r.ir is not None else None


def _finding_keys(report: Any) -> set[tuple[str, str, str]]:
    return {(f.rule, f.resource or "", f.attr or "") for f in report.findings if f.waived is None}


def optimize(path: str, params: dict[str, str] | None = None, headroom: float = 0.3, allow_arm: bool = True,
             check_policies: bool = True, controls: bool = True,
             loads: dict[str, float] | None = None, root: str | None = None,
             cloud: str | None = None) -> OptimizeResult:
    """`loads` overrides resources' declared `load` (rps), e.g. with a forecast's P90 peak
    (`forecast_load`); the search, the prices and the policy input all use it; the patch does not
    rewrite `load` itself. `cloud="any"` first moves a portable file to the cloud where it is provably
    cheaper (optimizer_cloud.py), then searches there."""
    from autodeploy.analytics.cost import estimate

    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    from autodeploy.compiler.loader import display_path

    filename = display_path(path)
    base_dir = os.path.dirname(os.path.abspath(path))
    first = compile_source(text, filename, params, base_dir, root)
    if not first.ok or first.ir is None:
        raise OptimizeInputError(first)
    loads = dict(loads or {})
    for name in loads:
        if first.ir.resource(name) is None:
            raise ValueError(f"no resource named {name!r}")

    def with_loads(x: IR) -> IR:
        for name, rps in sorted(loads.items()):
            x = _replace_attrs(x, name, {"load": float(rps)})
        return x

    ir = with_loads(first.ir)
    policy, note = _policy_engine() if check_policies else (None, "policy check skipped: --no-policy given")
    ctx = _Ctx(text, filename, base_dir, params, ir, headroom, allow_arm, policy, note, [], with_loads, root)
    for name, rps in sorted(loads.items()):
        ctx.notes.append(f"`{name}` sized for {_fmt(round(rps, 3))} rps (forecast), not its declared load")
    base_findings = None
    if policy is not None:
        try:
            base_findings = _finding_keys(policy(ir))
        except Exception as exc:  # the engine can fail at run time (OPA crash): say so, keep going
            ctx.policy = None
            ctx.policy_note = f"policy check skipped: {_reason(exc)}"
    before = estimate(ir)
    orig_text, orig_ir, orig_before, moved = text, ir, before, None
    if cloud == "any":
        from .optimizer_cloud import choose_cloud

        moved = choose_cloud(text, filename, params, base_dir, root, ir, before,
                             ctx.policy if base_findings is not None else None, _finding_keys)
        ctx.notes.append(moved.note)
        if moved.cloud:
            text = moved.text
            again = compile_source(text, filename, params, base_dir, root)
            if again.ir is None:
                raise PatchError("the file moved to another cloud does not compile")
            ir = with_loads(again.ir)
            ctx.text, ctx.ir = text, ir
            before = estimate(ir)
    elif cloud is not None:
        raise ValueError(f"--cloud for optimize takes `any`, not {cloud!r}")
    if ir.deployment.cloud != "aws":
        ctx.notes.append(f"the optimizer searches AWS resources only; `{ir.deployment.cloud}` left unchanged")
    chosen: dict[str, tuple[dict[str, Any], list[Edit], Decimal, Decimal, str]] = {}
    for res in ir.resources:
        if res.span.file != filename:
            if _candidates(ctx, res):
                ctx.notes.append(f"`{res.name}` is defined in {res.span.file}; not changed")
            continue
        cands = _candidates(ctx, res)
        if not cands:
            continue
        cur_rc = before.resource(res.name)
        unpriced = _unpriced(cur_rc) if cur_rc is not None else frozenset()
        cur_cost = None if cur_rc is None or _instance_unknown(cur_rc) else cur_rc.exact
        if cur_cost is None:
            ctx.notes.append(f"`{res.name}`: current price unknown in the catalog; not optimized")
            continue
        priced: list[tuple[Decimal, int, str, dict[str, Any]]] = []
        for cand in cands:
            delta = _diff_attrs(res, cand)
            cost = cur_cost if not delta else _cost_of(_replace_attrs(ir, res.name, delta), res.name, unpriced)
            if cost is not None:
                priced.append((cost, len(delta), repr(sorted(delta.items())), delta))
        priced.sort(key=lambda t: (t[0], t[1], t[2]))
        tries = 0
        for cost, _n, _k, delta in priced:
            if not delta:
                break  # the current configuration is the cheapest that is left
            edits = _edits_for(ctx, res, delta)
            if edits is None:
                continue
            cand_ir = _compile(ctx, apply_edits(text, edits))
            if cand_ir is None:
                continue
            if ctx.policy is not None and base_findings is not None:
                tries += 1
                if not _finding_keys(ctx.policy(cand_ir)) <= base_findings:
                    if tries >= POLICY_TRIES:
                        break
                    continue
            why = _reason_for(res, delta, ctx)
            chosen[res.name] = (delta, edits, cur_cost, cost, why)
            break
    all_edits = [e for v in chosen.values() for e in v[1]]
    new_text = apply_edits(text, all_edits)
    new_ir = _compile(ctx, new_text) if chosen else ir
    if new_ir is None:
        raise PatchError("the combined patch does not compile")
    findings_after = None
    verified = False
    if ctx.policy is not None and base_findings is not None:
        after_keys = _finding_keys(ctx.policy(new_ir))
        findings_after = len(after_keys)
        verified = after_keys <= base_findings
        if not verified:  # changes that pass alone but not together: keep none rather than guess
            chosen, new_text, new_ir, findings_after = {}, text, ir, len(base_findings)
            ctx.notes.append("the combined changes added policy findings; nothing changed")
            verified = True
        ctx.policy_note = "policy check passed: no new findings"
    after = estimate(new_ir)
    changes = []
    if moved is not None and moved.cloud:
        d0 = orig_ir.deployment
        moves = [AttrChange("cloud", d0.cloud, moved.cloud)]
        if moved.region != d0.region:
            moves.append(AttrChange("region", f'"{d0.region}"', f'"{moved.region}"'))
        changes.append(Change(f"deployment {d0.name}", "deployment", tuple(moves), orig_before.total_monthly,
                              before.total_monthly, moved.note))
    for name, (delta, _edits, c0, c1, why) in chosen.items():
        orig = ir.resource(name)
        assert orig is not None
        ac = tuple(AttrChange(k, adl_value(k, orig.attrs.get(k), UNIT_TEXT.get(orig.units.get(k, ""))),
                              adl_value(k, v, UNIT_TEXT.get(orig.units.get(k, "")))) for k, v in sorted(delta.items()))
        changes.append(Change(name, orig.kind, ac, _cents(c0), _cents(c1), why))
    diff = "".join(difflib.unified_diff(orig_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                                        fromfile=f"a/{filename}", tofile=f"b/{filename}"))
    ctl = tuple(control_costs(ir, ctx.policy if base_findings is not None else None)) if controls else ()
    return OptimizeResult(
        file=filename, before_total=orig_before.total_monthly, after_total=after.total_monthly,
        changes=tuple(changes), diff=diff, new_text=new_text, verified=verified, policy_note=ctx.policy_note,
        findings_before=len(base_findings) if base_findings is not None else None, findings_after=findings_after,
        controls=ctl, notes=tuple(ctx.notes), unpriced=orig_before.unpriced,
    )


class PatchError(Exception):
    """The patched text does not compile: an optimizer bug; the file is left unchanged."""


class OptimizeInputError(Exception):
    def __init__(self, result: Any) -> None:
        super().__init__("input does not compile")
        self.result = result


def _cents(x: Decimal) -> float:
    return float(x.quantize(Decimal("0.01")))


def _reason(exc: BaseException) -> str:
    d = getattr(exc, "diagnostic", None)
    if d is not None and getattr(d, "message", None):
        return str(d.message)
    return str(exc) or type(exc).__name__


def _policy_engine() -> tuple[Callable[[IR], Any] | None, str]:
    """The policy engine if it can run here, else (None, 'policy check skipped: <reason>')."""
    try:
        _opa.find_opa()
    except Exception as exc:
        return None, f"policy check skipped: {_reason(exc)}"
    return (lambda ir: engine.evaluate(ir)), "policy check passed"


def _reason_for(res: IRResource, delta: dict[str, Any], ctx: _Ctx) -> str:
    svc = _shape_service(res.kind)
    if svc is not None and "instance" in delta:
        a = shapes().get((svc, res.get("instance")))
        b = shapes().get((svc, delta["instance"]))
        if a and b:
            return (f"{delta['instance']} ({_fmt(b.vcpu)} vCPU, {_fmt(b.memory)} GiB, {b.arch}) covers "
                    f"{res.get('instance')} ({_fmt(a.vcpu)} vCPU, {_fmt(a.memory)} GiB, {a.arch})")
    if res.kind == "service":
        load, cap = res.get("load"), res.get("capacity")
        if load is not None and cap:
            return (f"max replicas reach {_fmt(float(load))} rps x (1 + {_fmt(ctx.headroom)} headroom) at the "
                    "per-replica capacity (scaled with vCPU); the minimum keeps today's vCPU floor; "
                    f"per-replica memory kept >= {_fmt(float(res.get('memory')))} GB")
        return (f"same total vCPU at the minimum ({res.get('replicas', {}).get('min')} x "
                f"{_fmt(float(res.get('cpu')))}); per-replica memory kept >= {_fmt(float(res.get('memory')))} GB")
    if res.kind == "bucket":
        return "nothing declared reads from this bucket (no load, no `uses`)"
    return "cheaper with the same capacity"


# ---- what each compliance control costs ------------------------------------------------------------------

def toggles(kind: str) -> tuple[tuple[str | None, Callable[[Any], bool], Any, str], ...]:
    """(attr, "on" test, off value, control name) for each compliance control of `kind`, read from
    its KindSpec (`control=` on an attribute or on the kind); attr None: the resource itself.
    A switch is on when true, a retention (backups) when non-zero; off is false or 0."""
    spec = KINDS.get(kind)
    if spec is None:
        return ()
    out: list[tuple[str | None, Callable[[Any], bool], Any, str]] = []
    for a in spec.attrs:
        if a.control:
            boolean = isinstance(a.type, TBool)
            out.append((a.name, (lambda v: v is True) if boolean else bool, False if boolean else 0, a.control))
    if spec.control:
        out.append((None, lambda v: True, None, spec.control))
    return tuple(out)


def _without(ir: IR, name: str) -> IR:
    """The IR without resource `name`; references to a removed key fall back to provider-managed
    encryption (`true`), other references to it are dropped."""
    def fix(v: Any) -> Any:
        if isinstance(v, dict) and v.get("ref") == name:
            return True
        if isinstance(v, list):
            return [x for x in v if not (isinstance(x, dict) and x.get("ref") == name)]
        return v

    out = []
    for r in ir.resources:
        if r.name == name:
            continue
        if any(ref.target == name for ref in r.refs):
            r = dataclasses.replace(r, attrs={k: fix(v) for k, v in r.attrs.items()},
                                    refs=tuple(x for x in r.refs if x.target != name))
        out.append(r)
    return dataclasses.replace(ir, resources=tuple(out))


def control_costs(ir: IR, policy: Callable[[IR], Any] | None) -> list[ControlCost]:
    from autodeploy.analytics.cost import estimate

    base = estimate(ir)
    base_keys: set[tuple[str, str, str]] = set()
    if policy is not None:
        base_keys = _finding_keys(policy(ir))
    out = []
    for res in ir.resources:
        for attr, on, off, control in toggles(res.kind):
            if attr is None:
                variant = _without(ir, res.name)
            else:
                if not on(res.attrs.get(attr)):
                    continue
                variant = _replace_attrs(ir, res.name, {attr: off})
            without = estimate(variant)
            delta = base.exact_total - without.exact_total
            unpriced = tuple(sorted(set(base.unknown) - set(without.unknown)))
            fws: set[str] = set()
            ctrls: set[str] = set()
            rules: set[str] = set()
            if policy is not None:
                for f in policy(variant).findings:
                    if f.waived is None and (f.rule, f.resource or "", f.attr or "") not in base_keys:
                        fws.update(f.frameworks)
                        ctrls.update(f.controls)
                        rules.add(f.rule)
            out.append(ControlCost(control, res.name, _cents(delta), tuple(sorted(fws)), tuple(sorted(ctrls)),
                                   tuple(sorted(rules)), unpriced))
    return out


def forecast_load(csv_path: str, horizon: int = 168, column: str | None = None) -> tuple[float, str]:
    """Peak calibrated P90 of a forecast from a metric-history CSV, in requests per second: the model
    the history's own backtest serves, its P90 calibrated on its backtest residuals.

    A per-period count (CloudWatch `Sum`, e.g. RequestCount) becomes an hourly total, so rps = hourly / 3600;
    a rate column (averaged) is taken to be rps already. Raises ValueError with the rendered diagnostics."""
    from autodeploy.analytics.forecast import forecast, read_history
    from autodeploy.compiler.diagnostics import render_text

    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        text = fh.read()
    hist, diags = read_history(text, csv_path, column)
    if hist is None:
        raise ValueError(render_text(diags, {csv_path: text}))
    fc = forecast(hist, horizon)
    peak = float(fc.frame["p90"].max())
    rps = peak / 3600.0 if hist.agg == "sum" else peak
    how = "hourly sum / 3600" if hist.agg == "sum" else "hourly mean, taken as rps"
    return rps, (f"calibrated P90 peak of a {horizon} h forecast of `{hist.column}` in {csv_path} by "
                 f"{fc.model} ({how})")
