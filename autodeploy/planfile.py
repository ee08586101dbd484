"""The plan a person reviews: per resource create / update / replace / delete with the monthly
cost delta, rendered as text or JSON, and saved (`plan -o plan.json`) for `apply --plan`.

A saved plan records SHA-256 hashes of what it was computed from: the .adl sources (and the
usage file), the state file and the policy library (rules, lib and --policy-dir folders).
`apply --plan` recomputes them and refuses a plan whose inputs changed (ADL5145), so what is
applied is exactly what was reviewed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autodeploy.analytics.cost_render import money
from autodeploy.backends.deploy.diagnostics import DeployError, ddiag
from autodeploy.backends.deploy.engine import Action, reverse_order
from autodeploy.backends.deploy.state import State
from autodeploy.compiler import CompileResult
from autodeploy.policies import library as _library

PLAN_FORMAT = 1
_SYM = {"create": "+", "update": "~", "replace": "-/+", "delete": "-", "noop": " "}


@dataclass(frozen=True)
class PlannedAction:
    op: str  # create | update | replace | delete | noop
    name: str
    kind: str
    changed: tuple[str, ...]
    monthly_before: float | None  # None: not known (a state written before costs were recorded)
    monthly_after: float | None  # None: a price of this resource is not in the catalog
    holds_data: str | None = None  # why deleting it loses data (filled in before the confirmation)
    # when monthly_after is None because some components have no price: what the priced ones cost,
    # so the review shows the same lower bound as `cost` (`>= $X`) instead of a bare `?`
    priced_after: float | None = None

    @property
    def delta(self) -> float | None:
        if self.monthly_before is None or self.monthly_after is None:
            return None
        return round(self.monthly_after - self.monthly_before, 2)

    def action(self) -> Action:
        return Action(self.op, self.name, self.kind, self.changed)

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "name": self.name, "kind": self.kind, "changed": list(self.changed),
                "monthly_before": self.monthly_before, "monthly_after": self.monthly_after,
                "monthly_delta": self.delta, "monthly_after_at_least": self.priced_after}


def _resource_monthly(cost: Any, name: str) -> tuple[float | None, float | None]:
    """(monthly cost, None) when every component is priced; (None, priced part) when some are not;
    (None, None) when the estimate has no such resource."""
    rc = cost.resource(name) if cost is not None else None
    if rc is None:
        return None, None
    if any(c.monthly is None for c in rc.components):
        return None, round(sum(float(c.monthly) for c in rc.components if c.monthly is not None), 2)
    return float(rc.monthly), None


def _recorded(state: State, name: str) -> float | None:
    v = state.resources.get(name, {}).get("monthly")
    return float(v) if isinstance(v, int | float) else None


def with_costs(actions: Sequence[Action], state: State, cost: Any) -> list[PlannedAction]:
    out = []
    for a in actions:
        before = 0.0 if a.op == "create" else _recorded(state, a.name)
        after, priced = (0.0, None) if a.op == "delete" else _resource_monthly(cost, a.name)
        out.append(PlannedAction(a.op, a.name, a.kind, a.changed, before, after, priced_after=priced))
    return out


def destroy_plan(state: State) -> list[PlannedAction]:
    """Everything in the state, dependents first (the order destroy deletes in)."""
    return [PlannedAction("delete", n, state.resources[n]["kind"], (), _recorded(state, n), 0.0)
            for n in reverse_order(state, list(state.resources))]


def costs(planned: Sequence[PlannedAction]) -> dict[str, float | None]:
    """name -> estimated monthly cost after the run (recorded in the state by apply)."""
    return {p.name: p.monthly_after for p in planned if p.op != "delete"}


def _total(values: Sequence[float | None]) -> float | None:
    return None if any(v is None for v in values) else round(sum(v for v in values if v is not None), 2)


def totals(planned: Sequence[PlannedAction]) -> tuple[float | None, float | None]:
    """Monthly cost of the deployment before and after the run (None when a part is unknown)."""
    before = _total([p.monthly_before for p in planned if p.op != "create"])
    after = _total([p.monthly_after for p in planned if p.op != "delete"])
    return before, after


def _floor(planned: Sequence[PlannedAction]) -> float | None:
    """The deployment's monthly cost after the run when only unpriced components are missing."""
    kept = [p for p in planned if p.op != "delete"]
    if any(p.monthly_after is None and p.priced_after is None for p in kept):
        return None
    return round(sum(p.monthly_after if p.monthly_after is not None else p.priced_after or 0.0 for p in kept), 2)


def _at_least(x: float | None, sign: bool = False) -> str:
    return "?" if x is None else "\u2265 " + money(x, sign=sign)


def changes(planned: Sequence[PlannedAction]) -> list[PlannedAction]:
    return [p for p in planned if p.op != "noop"]


# a part's cost is no line of its own: its logs are priced with the resources delivering them (cost)
_PART_NOTE = {"create": "  (a part of the deployment: its logs are priced with the resources that deliver them)",
              "delete": "  (when empty: a bucket holding logs is kept)",
              "update": "  (drifted: main.tf's settings applied again)"}


def _part_lines(parts: Sequence[Action]) -> list[str]:
    lines = []
    for a in parts:
        changed = f"  ({', '.join(a.changed)})" if a.changed else ""
        lines.append(f"  {_SYM[a.op]:>3} {a.name} ({a.kind}): {'no changes' if a.op == 'noop' else a.op}"
                     f"{changed}{_PART_NOTE.get(a.op, '')}")
    return lines


def _counts(ops: Sequence[str]) -> tuple[int, int, int]:
    return (sum(o == "create" for o in ops), sum(o in ("update", "replace") for o in ops),
            sum(o == "delete" for o in ops))


def render_text(planned: Sequence[PlannedAction], parts: Sequence[Action] = ()) -> str:
    """The plan as text; `parts` (engine.parts: the access-log bucket) are listed and counted like
    resources, as Terraform's plan counts them."""
    lines = []
    for p in planned:
        extra = f"  ({', '.join(p.changed)})" if p.changed else ""
        label = "no changes" if p.op == "noop" else p.op
        if p.op == "noop":
            cost = ""
        elif p.delta is None and p.priced_after is not None and p.monthly_before is not None:
            cost = f"  {_at_least(p.priced_after - p.monthly_before, sign=True)}/month (some parts unpriced)"
        else:
            cost = f"  {money(p.delta, sign=True)}/month"  # money(None) is "?"
        lines.append(f"  {_SYM[p.op]:>3} {p.name} ({p.kind}): {label}{extra}{cost}")
    lines += _part_lines(parts)
    before, after = totals(planned)
    delta = None if before is None or after is None else round(after - before, 2)
    if after is None and before is not None and (floor := _floor(planned)) is not None:
        lines.append(f"Monthly cost: {money(before)} -> {_at_least(floor)} "
                     f"({_at_least(round(floor - before, 2), sign=True)}/month; some parts unpriced)")
    else:
        lines.append(f"Monthly cost: {money(before)} -> {money(after)} ({money(delta, sign=True)}/month)")
    c, u, d = _counts([p.op for p in planned] + [a.op for a in parts])
    lines.append(f"Plan: {c} to create, {u} to update, {d} to delete")
    return "\n".join(lines) + "\n"


# ---- what a saved plan is computed from ------------------------------------------------------


def _sha(parts: Sequence[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in parts:
        h.update(name.encode() + b"\0" + hashlib.sha256(data).hexdigest().encode() + b"\n")
    return h.hexdigest()


def sources_hash(result: CompileResult, main_file: str, usage: str | None) -> str:
    """The .adl file, everything it imports, and the usage file, by path relative to the file."""
    base = os.path.dirname(os.path.abspath(main_file))
    parts = [(os.path.relpath(os.path.abspath(p), base), text.encode("utf-8")) for p, text in result.sources.items()]
    if usage:
        try:
            parts.append(("usage:" + os.path.relpath(os.path.abspath(usage), base), Path(usage).read_bytes()))
        except OSError:
            parts.append(("usage:" + usage, b"(unreadable)"))
    return _sha(sorted(parts))


def state_hash(state: State) -> str:
    """The state file's bytes as read (a missing file hashes as such)."""
    return _sha([("state", b"(no state file)" if state.raw is None else state.raw.encode("utf-8"))])


def policy_hash(policy_dirs: Sequence[str]) -> str:
    """Every rule and lib module the engines load (not the rule unit tests): the library's
    revision, the same one the gate proves it evaluated."""
    return _library.revision_of(policy_dirs)


def hashes(result: CompileResult, main_file: str, state: State, gate: Mapping[str, Any]) -> dict[str, str]:
    return {
        "sources": sources_hash(result, main_file, gate.get("usage")),
        "state": state_hash(state),
        "policy_library": policy_hash(list(gate.get("policy_dirs") or ())),
    }


_WHAT = {"sources": "the .adl file (or a file it imports, or the usage file)", "state": "the state file",
         "policy_library": "the policy library"}


def stale(recorded: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    return [_WHAT[k] for k in _WHAT if recorded.get(k) != now.get(k)]


# ---- the plan document ----------------------------------------------------------------------


def document(*, file: str, params: Mapping[str, str], deployment: str, region: str, endpoint: str | None,
             state_path: str, gate: Mapping[str, Any], verdict: Mapping[str, Any],
             planned: Sequence[PlannedAction], hashes: Mapping[str, str],
             parts: Sequence[Action] = ()) -> dict[str, Any]:
    before, after = totals(planned)
    return {
        "format": "autodeploy-plan",
        "format_version": PLAN_FORMAT,
        "file": os.path.abspath(file),
        "params": dict(sorted(params.items())),
        "deployment": deployment,
        "region": region,
        "endpoint": endpoint,
        "state": state_path if state_path.startswith("s3://") else os.path.abspath(state_path),
        "gate": {**gate, **verdict},
        "monthly_cost": {"before": before, "after": after},
        "summary": {op: [p.op for p in planned].count(op) + [a.op for a in parts].count(op)
                    for op in ("create", "update", "replace", "delete")},
        "actions": [p.to_json() for p in planned],
        # not applied from the plan: apply builds and releases them with the resources delivering logs
        "parts": [{"op": a.op, "name": a.name, "kind": a.kind} for a in parts],
        "hashes": dict(hashes),
    }


def dumps(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load(path: str) -> dict[str, Any]:
    """A saved plan; anything but a plan this version wrote is ADL5146 (exit 2)."""
    from autodeploy.compiler.sourcefile import UnreadableFile, read_text

    try:
        doc = json.loads(read_text(path))  # non-blocking: a FIFO is refused, never waited on
    except UnreadableFile as exc:
        raise DeployError(ddiag("ADL5146", None, path=path, reason=exc.reason), 2) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise DeployError(ddiag("ADL5146", None, path=path, reason=str(exc)), 2) from None
    if not isinstance(doc, dict) or doc.get("format") != "autodeploy-plan":
        raise DeployError(ddiag("ADL5146", None, path=path, reason="not an autodeploy plan"), 2)
    if doc.get("format_version") != PLAN_FORMAT:
        raise DeployError(ddiag("ADL5146", None, path=path, reason=f"format_version {doc.get('format_version')!r}"
                                f" (this autodeploy writes {PLAN_FORMAT})"), 2)
    ok = (isinstance(doc.get("file"), str) and isinstance(doc.get("state"), str)
          and isinstance(doc.get("params"), dict) and isinstance(doc.get("gate"), dict)
          and isinstance(doc.get("hashes"), dict) and isinstance(doc.get("actions"), list)
          and all(isinstance(a, dict) and {"op", "name", "kind", "changed"} <= set(a) for a in doc["actions"]))
    if not ok:
        raise DeployError(ddiag("ADL5146", None, path=path, reason="the plan document is malformed"), 2)
    return doc


def recorded_actions(doc: Mapping[str, Any]) -> list[Action]:
    return [Action(str(a["op"]), str(a["name"]), str(a["kind"]), tuple(str(c) for c in a["changed"]))
            for a in doc["actions"]]
