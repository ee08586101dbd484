"""plan / apply / destroy / drift: the deploy engine over the IR, the graph and the state.

Waves of the dependency graph run one after the other; the resources of one wave run in
parallel threads. The state is saved after every resource so a crash loses nothing; a
failure rolls back everything this run created and restores the state file byte for byte.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from autodeploy.backends import tags as tags_vocab
from autodeploy.backends.aws.names import LEGACY_SCHEME, NAMING_SCHEME
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR, IRResource

from . import access_logs, journal, waiters
from .cloud import Cloud, error_code, preflight, unsupported_api
from .diagnostics import DeployError, ddiag
from .providers import PROVIDERS, Ctx, Provider, Unsupported, load_all
from .state import State, attrs_hash, desired
from .state import stub_resource as _stub

Report = Callable[[str], None]


@dataclass(frozen=True)
class Action:
    op: str  # create | update | replace | delete | noop
    name: str
    kind: str
    changed: tuple[str, ...] = ()


@dataclass
class Outcome:
    exit_code: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _changed(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    out = [k for k in ("variant", "data", "deployment_tags") if old.get(k) != new.get(k)]
    oa, na = old.get("attrs", {}), new.get("attrs", {})
    out += [k for k in sorted(set(oa) | set(na)) if oa.get(k) != na.get(k)]
    return tuple(out)


def plan(ir: IR, graph: Graph, state: State) -> list[Action]:
    providers = load_all()
    actions: list[Action] = []
    for name in graph.order():
        r = ir.by_name[name]
        rec = state.resources.get(name)
        want = desired(r, ir.deployment.tags)
        if rec is None:
            actions.append(Action("create", name, r.kind))
            continue
        if rec.get("kind") != r.kind:
            actions.append(Action("replace", name, r.kind, ("kind",)))
            continue
        p = providers.get(r.kind)
        # the hash equal, or differing only by attributes a newer release added unset (None ==
        # absent): nothing of its own to change, so an upgrade alone never plans an update (state is sacred)
        own = () if rec.get("attrs_hash") == attrs_hash(want) else _changed(rec.get("attrs", {}), want)
        # what the other resources of the file change about it (its own ALB once a load_balancer targets it)
        extra = p.derived(r, ir, rec.get("physical", {})) if p is not None and p.derived is not None else ()
        changed = own + tuple(x for x in extra if x not in own)
        if not changed:
            actions.append(Action("noop", name, r.kind))
        else:
            inplace = p is not None and p.update is not None and set(changed) <= p.updatable
            actions.append(Action("update" if inplace else "replace", name, r.kind, changed))
    for name in reverse_order(state, [n for n in state.resources if n not in ir.by_name]):
        actions.append(Action("delete", name, state.resources[name]["kind"]))
    return actions


PART_KIND = "bucket"  # the access-log bucket is an S3 bucket (main.tf: aws_s3_bucket.autodeploy_access_logs)


def parts(ir: IR | None, state: State, found: Sequence[Drift] = ()) -> list[Action]:
    """What the run does to the deployment's parts, the objects main.tf declares beside the file's
    resources and deploy builds for them: the access-log bucket, listed as Terraform's plan lists it.
    `ir` None: destroy. Apply creates and releases it with the resources that deliver logs to it.
    `found` (apply --refresh): a kept bucket whose settings drifted is updated (`repair_parts`)."""
    op = access_logs.planned_op(ir.resources if ir is not None else (), state.resources)
    if op is None:
        return []
    label = access_logs.facts.LABEL
    drifted = next((d for d in found if d.name == label and d.kind == PART_KIND and not d.missing), None)
    if op == "noop" and drifted is not None and drifted.changes:
        return [Action("update", label, PART_KIND, tuple(c[0] for c in drifted.changes))]
    return [Action(op, label, PART_KIND)]


def reverse_order(state: State, names: list[str]) -> list[str]:
    """Dependents before their dependencies, from the deps recorded in the state."""
    g = nx.DiGraph()
    g.add_nodes_from(names)
    for n in names:
        for d in state.resources[n].get("deps", []):
            if d in names:
                g.add_edge(n, d)
    return list(nx.lexicographical_topological_sort(g))


def render_plan(actions: list[Action]) -> str:
    sym = {"create": "+", "update": "~", "replace": "-/+", "delete": "-", "noop": " "}
    lines = []
    for a in actions:
        extra = f"  ({', '.join(a.changed)})" if a.changed else ""
        label = "no changes" if a.op == "noop" else a.op
        lines.append(f"  {sym[a.op]:>3} {a.name} ({a.kind}): {label}{extra}")
    c = sum(a.op == "create" for a in actions)
    u = sum(a.op in ("update", "replace") for a in actions)
    d = sum(a.op == "delete" for a in actions)
    lines.append(f"Plan: {c} to create, {u} to update, {d} to delete")
    return "\n".join(lines) + "\n"


class _Run:
    def __init__(self, ir: IR | None, state: State, cloud: Cloud, report: Report) -> None:
        self.ir, self.state, self.cloud, self.report = ir, state, cloud, report
        self.providers = load_all()
        self.lock = threading.Lock()
        self.contexts: list[Ctx] = []
        self.deployment = state.deployment
        self.waits = waiters.policy()
        self.kinds = {n: r["kind"] for n, r in state.resources.items()}
        if ir is not None:
            self.kinds.update({r.name: r.kind for r in ir.resources})

    def ctx(self, r: IRResource) -> Ctx:
        # the tags main.tf gives the resource: default_tags (deployment) + its own (backends/tags.py)
        base = (tags_vocab.deployment_tags(self.ir.deployment) if self.ir is not None
                else {tags_vocab.TAG_DEPLOYMENT: self.deployment})
        tags = {**base, tags_vocab.TAG_NAME: r.name, **tags_vocab.resource_tags(r)}
        with self.lock:
            refs = {n: dict(v["physical"]) for n, v in self.state.resources.items()}
            rec = self.state.resources.get(r.name)
        naming = int(rec.get("naming", LEGACY_SCHEME)) if rec is not None else NAMING_SCHEME
        c = Ctx(self.cloud, self.deployment, r, tags, refs, dict(self.kinds),
                targets=dict(self.ir.by_name) if self.ir is not None else {}, naming=naming, deployment_tags=base)
        with self.lock:
            self.contexts.append(c)
        return c

    def warnings(self) -> list[Diagnostic]:
        seen: list[Diagnostic] = []
        for c in self.contexts:
            seen.extend(w for w in c.warnings if w not in seen)
        return seen

    def parallel(self, items: list[Any], fn: Callable[[Any], Any]) -> list[Any]:
        return self.cloud.map(fn, items)


def _is_unsupported(exc: BaseException) -> str | None:
    if isinstance(exc, Unsupported):
        return exc.api
    return unsupported_api(exc)


def data_holders(state: State, names: list[str], cloud: Cloud) -> list[tuple[str, str, str]]:
    """(name, kind, why) of the recorded resources among `names` whose deletion loses data.

    Buckets are asked (one read each) whether they hold objects; a check that fails counts as
    holding data, so a confirmation is never skipped because the API could not answer."""
    providers = load_all()
    checks = [(n, state.resources[n]) for n in names if n in state.resources]
    checks = [(n, rec) for n, rec in checks if getattr(providers.get(rec["kind"]), "holds_data", None)]
    if not checks:
        return []
    preflight(cloud)
    run = _Run(None, state, cloud, lambda _: None)
    found: list[tuple[str, str, str]] = []
    for name, rec in checks:
        check = providers[rec["kind"]].holds_data
        try:
            why = check(run.ctx(_stub(name, rec)), dict(rec["physical"]))  # type: ignore[misc]
        except Exception as exc:  # noqa: BLE001 - unknown means "ask"
            code, _ = error_code(exc)
            why = f"could not check whether it holds data ({code})"
        if why:
            found.append((name, rec["kind"], str(why)))
    return found


def apply(ir: IR, graph: Graph, state: State, cloud: Cloud, report: Report, *,
          actions: list[Action] | None = None, costs: Mapping[str, float | None] | None = None,
          part_actions: Sequence[Action] = ()) -> Outcome:
    """Run `actions` (the plan a person approved; computed here when None). `costs` gives each
    resource's estimated monthly cost, recorded in the state for the next plan's cost delta.
    `part_actions` (engine.parts): a drifted part to bring back to main.tf's settings."""
    if actions is None:
        actions = plan(ir, graph, state)
    costs = costs or {}
    out = Outcome()
    out.diagnostics.extend(journal.recover_pending(state, cloud, report))
    todo = {a.name: a for a in actions if a.op != "noop"}
    repairs = [a for a in part_actions if a.op == "update"]
    if not todo and not repairs:
        report("No changes. Infrastructure matches the state.\n")
        return out
    # A replace deletes the old resource first; with deployed dependents that would orphan
    # them (or fail half-way), so refuse before any call is made.
    refused = []
    for a in actions:
        if a.op in ("create", "update", "replace"):
            r = ir.by_name[a.name]
            d = PROVIDERS.emit_only_diag(r.kind, a.name, r.span)
            if d is not None:  # an emit-only kind: the whole plan goes through Terraform instead
                refused.append(d)
            p = PROVIDERS.handlers.get(r.kind)
            if a.op != "update" and p is not None and p.refuse is not None and (d := p.refuse(r)) is not None:
                refused.append(d)  # e.g. a function whose runtime needs a built package (ADL5964)
        if a.op == "replace":
            deps = [d for d in graph.impact(a.name) if d in state.resources]
            if deps:
                r = ir.by_name[a.name]
                refused.append(ddiag("ADL5115", r.span, name=a.name, kind=a.kind,
                                     attrs=", ".join(f"`{c}`" for c in a.changed),
                                     dependents=", ".join(f"`{d}`" for d in deps)))
    if refused:
        out.diagnostics.extend(refused)
        out.exit_code = 1
        return out
    preflight(cloud)
    run = _Run(ir, state, cloud, report)
    jr = journal.begin(state, cloud, "apply")
    try:
        _apply(run, jr, ir, graph, actions, todo, costs, out)
    finally:
        cloud.unobserve(jr)
    if out.exit_code == 0:
        _repair_parts(run, repairs, out)
    return out


def _repair_parts(run: _Run, repairs: Sequence[Action], out: Outcome) -> None:
    """The drifted access-log bucket gets main.tf's settings again (its TLS-only statement on a
    deployment made before deploy wrote it, or settings loosened out of band); a failure is an
    error (ADL5963), never a silent pass."""
    for a in repairs:
        name = access_logs.recorded(run.state.resources)
        if name is None:
            continue
        try:
            access_logs.repair(run.cloud, name)
        except Exception as exc:  # noqa: BLE001
            code, msg = error_code(exc)
            out.diagnostics.append(ddiag("ADL5963", None, bucket=name, what=", ".join(a.changed), error=code,
                                         message=msg))
            out.exit_code = 1
            continue
        out.updated.append(a.name)
        run.report(f"  ~ {a.name} ({a.kind}): updated\n")


def _apply(run: _Run, jr: journal.Journal, ir: IR, graph: Graph, actions: list[Action], todo: dict[str, Action],
           costs: Mapping[str, float | None], out: Outcome) -> Outcome:
    state, cloud, report = run.state, run.cloud, run.report
    created: list[tuple[str, dict[str, Any]]] = []  # (name, phys) in completion order
    failures: list[tuple[str, str, BaseException, dict[str, Any]]] = []
    # in-place updates made (or begun) by this run: (name, record before, changed); rollback undoes them
    updates: list[tuple[str, dict[str, Any], tuple[str, ...]]] = []
    skipped: set[str] = set()

    def one(name: str) -> None:
        a = todo[name]
        r = ir.by_name[name]
        blocked = [d for d in graph.dependencies(name) if d in skipped]
        if blocked:
            with run.lock:
                skipped.add(name)
                out.diagnostics.append(ddiag("ADL5113", r.span, name=name, kind=r.kind, dep=blocked[0]))
            return
        # ADL5007 (the kind is declared unsupported on AWS) or ADL5008 (no provider registered)
        problem = PROVIDERS.problem(r.kind, name, r.span)
        p: Provider | None = run.providers.get(r.kind)
        if problem is not None or p is None:
            with run.lock:
                skipped.add(name)
                out.diagnostics.append(problem or ddiag("ADL5105", r.span, name=name, kind=r.kind,
                                                          api=f"`{r.kind}` resources"))
            return
        ctx = run.ctx(r)
        phys: dict[str, Any] = {}
        want = desired(r, ir.deployment.tags)
        prior = state.resources.get(name)
        jr.start(name, r.kind, a.op, prior, want)
        try:
            with jr.track(name, phys):
                if a.op == "update":
                    assert prior is not None
                    phys.update(prior["physical"])
                    with run.lock:
                        updates.append((name, prior, a.changed))
                    p.update(ctx, phys, set(a.changed))  # type: ignore[misc]
                else:
                    if a.op == "replace":
                        old = state.resources[name]
                        run.providers[old["kind"]].delete(run.ctx(_stub(name, old)), dict(old["physical"]))
                        with run.lock:
                            state.resources.pop(name, None)
                            state.save()
                    p.create(ctx, phys)
                    waiters.wait_ready(ctx, phys, run.waits, report)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a diagnostic + rollback
            api = _is_unsupported(exc)
            if api and a.op == "create":
                _cleanup(p, ctx, phys)
                with run.lock:
                    skipped.add(name)
                    out.diagnostics.append(ddiag("ADL5105", r.span, name=name, kind=r.kind, api=api))
                return
            with run.lock:
                failures.append((name, a.op, exc, phys if a.op != "update" else {}))
            return
        with run.lock:
            state.resources[name] = {"kind": r.kind, "physical": phys, "attrs_hash": attrs_hash(want),
                                     "attrs": want, "deps": graph.dependencies(name), "naming": ctx.naming}
            if costs.get(name) is not None:
                state.resources[name]["monthly"] = costs[name]
            state.endpoint, state.region = cloud.endpoint, cloud.region
            state.save()
            jr.end(name, phys)
            if a.op == "update":
                out.updated.append(name)
            else:
                created.append((name, phys))
                (out.updated if a.op == "replace" else out.created).append(name)
        report(f"  {'~' if a.op == 'update' else '+'} {name} ({r.kind}): {a.op}d\n")

    for wave in graph.waves():
        names = [n for n in wave if n in todo and todo[n].op != "delete"]
        run.parallel(names, one)
        if failures:
            break
    if failures:
        return _rollback(run, jr, failures, created, updates, out)
    # resources removed from the file: dependents first
    for a in actions:
        if a.op != "delete":
            continue
        rec = state.resources[a.name]
        p = run.providers.get(rec["kind"])
        jr.start(a.name, rec["kind"], "delete", rec, None)
        try:
            if p is not None:
                with jr.track(a.name, dict(rec["physical"])):
                    p.delete(run.ctx(_stub(a.name, rec)), dict(rec["physical"]))
        except Exception as exc:  # noqa: BLE001
            code, msg = error_code(exc)
            out.diagnostics.append(ddiag("ADL5112", None, name=a.name, kind=rec["kind"], error=code, message=msg))
            out.exit_code = 1
            continue
        state.resources.pop(a.name)
        state.save()
        jr.end(a.name, {})
        out.deleted.append(a.name)
        report(f"  - {a.name} ({rec['kind']}): deleted\n")
    _settle(run, jr, ir, updates, out)
    jr.close()
    out.diagnostics.extend(_release_parts(run))
    out.skipped = sorted(skipped)
    out.diagnostics.extend(run.warnings())
    if any(d.code in ("ADL5007", "ADL5008") for d in out.diagnostics):
        out.exit_code = max(out.exit_code, 1)  # a resource that cannot be built fails the run
    return out


def _settle(run: _Run, jr: journal.Journal, ir: IR, updates: list[tuple[str, dict[str, Any], tuple[str, ...]]],
            out: Outcome) -> None:
    """Last, once every resource of the run stands: what in-place updates left to remove (a
    service's own ALB a load_balancer replaced), so a run failing earlier rolls back with it intact.
    A failure here is ADL5965 with the state recording what is left; the next apply plans it again."""
    state = run.state
    for name, _, changed in updates:
        rec = state.resources.get(name)
        p = run.providers.get(rec["kind"]) if rec is not None else None
        if rec is None or p is None or p.settle is None or name not in ir.by_name:
            continue
        phys = dict(rec["physical"])
        jr.start(name, rec["kind"], "update", rec, rec.get("attrs"))
        try:
            with jr.track(name, phys):
                p.settle(run.ctx(ir.by_name[name]), phys, set(changed))
        except Exception as exc:  # noqa: BLE001
            code, msg = error_code(exc)
            out.diagnostics.append(ddiag("ADL5965", ir.by_name[name].span, name=name, kind=rec["kind"],
                                         what=", ".join(changed), error=code, message=msg))
            out.exit_code = 1
        rec["physical"] = phys  # what is left, as it is (the keys of what went are dropped last)
        state.save()
        jr.end(name, phys)


def _cleanup(p: Provider, ctx: Ctx, phys: dict[str, Any]) -> BaseException | None:
    if not phys:
        return None
    try:
        p.delete(ctx, phys)
    except Exception as exc:  # noqa: BLE001
        return exc
    return None


def _rollback(run: _Run, jr: journal.Journal, failures: list[tuple[str, str, BaseException, dict[str, Any]]],
              created: list[tuple[str, dict[str, Any]]], updates: list[tuple[str, dict[str, Any], tuple[str, ...]]],
              out: Outcome) -> Outcome:
    ir = run.ir
    assert ir is not None
    out.exit_code = 1
    # the state first: killed during the rollback, the journal then shows every creation of this
    # run as unfinished (not in the state) and the next apply deletes what is left of them
    jr.note("rollback")
    run.state.restore()
    for name, op, exc, _ in sorted(failures, key=lambda f: f[0]):
        r = ir.by_name[name]
        if isinstance(exc, (waiters.WaitError, DeployError)):  # a provider's coded failure (e.g. ADL5962)
            out.diagnostics.append(exc.diagnostic)
            continue
        code, msg = error_code(exc)
        out.diagnostics.append(ddiag("ADL5104", r.span, action={"update": "update", "replace": "replacement"}.get(
            op, "creation"), name=name, kind=r.kind, error=code, message=msg))
    run.report("  rolling back: deleting what this run created\n")
    # partial resources of the failed steps first (nothing depends on them), then the
    # completed creations, newest first (reverse graph order, since waves ran in order)
    todo = [(n, phys) for n, _, _, phys in failures if phys] + list(reversed(created))
    for name, phys in todo:
        r = ir.by_name[name]
        p = run.providers[r.kind]
        err = _cleanup(p, run.ctx(r), phys)
        if err is not None:
            code, msg = error_code(err)
            out.diagnostics.append(ddiag("ADL5107", r.span, name=name, kind=r.kind, error=code, message=msg,
                                         deployment=run.deployment))
    # in-place updates: put back the settings recorded before this run, from the journal's record
    for name, prior, changed in reversed(updates):
        p = run.providers[prior["kind"]]
        try:
            p.update(run.ctx(_stub(name, prior)), dict(prior["physical"]), set(changed))  # type: ignore[misc]
        except Exception as exc:  # noqa: BLE001
            code, msg = error_code(exc)
            out.diagnostics.append(ddiag("ADL5167", ir.by_name[name].span if name in ir.by_name else None,
                                         name=name, kind=prior["kind"], error=code, message=msg))
    jr.close()
    out.diagnostics.extend(_release_parts(run, rollback=True))
    out.diagnostics.extend(run.warnings())
    return out


def _release_parts(run: _Run, rollback: bool = False) -> list[Diagnostic]:
    """The deployment-wide access-log bucket goes with the last recorded resource using it, when empty
    (access_logs.py), and a rollback removes it when this run created it; a failure to check or
    delete it is a warning, never a failed run."""
    try:
        if rollback:
            access_logs.discard(run.cloud)
        return access_logs.release(run.cloud, run.deployment, run.state.resources)
    except Exception as exc:  # noqa: BLE001
        code, msg = error_code(exc)
        return [ddiag("ADL5961", None, bucket=access_logs.bucket_name(run.deployment), error=code, message=msg)]


def destroy(state: State, cloud: Cloud, report: Report) -> Outcome:
    out = Outcome()
    # a killed run may have created things the state does not list
    out.diagnostics.extend(journal.recover_pending(state, cloud, report))
    if not state.resources:
        report("Nothing to destroy: the state is empty.\n")
        return out
    preflight(cloud)
    run = _Run(None, state, cloud, report)
    jr = journal.begin(state, cloud, "destroy")
    try:
        _destroy(run, jr, out)
    finally:
        cloud.unobserve(jr)
    out.diagnostics.extend(_release_parts(run))
    out.diagnostics.extend(run.warnings())
    return out


def _destroy(run: _Run, jr: journal.Journal, out: Outcome) -> None:
    state, report = run.state, run.report
    names = list(state.resources)
    g = nx.DiGraph()
    g.add_nodes_from(names)
    for n in names:
        for d in state.resources[n].get("deps", []):
            if d in state.resources:
                g.add_edge(n, d)  # n must go before d
    failed: set[str] = set()

    def one(name: str) -> None:
        rec = state.resources[name]
        if any(a in failed for a in g.predecessors(name)):
            failed.add(name)  # a dependent is still there; keep this one too
            return
        p = run.providers.get(rec["kind"])
        jr.start(name, rec["kind"], "delete", rec, None)
        try:
            if p is not None:
                with jr.track(name, dict(rec["physical"])):
                    p.delete(run.ctx(_stub(name, rec)), dict(rec["physical"]))
        except Exception as exc:  # noqa: BLE001
            code, msg = error_code(exc)
            with run.lock:
                failed.add(name)
                out.diagnostics.append(ddiag("ADL5112", None, name=name, kind=rec["kind"], error=code, message=msg))
            return
        with run.lock:
            state.resources.pop(name)
            state.save()
            jr.end(name, {})
            out.deleted.append(name)
        report(f"  - {name} ({rec['kind']}): deleted\n")

    for wave in nx.topological_generations(g):  # dependents (no predecessors) first
        run.parallel(sorted(wave), one)
    jr.close()
    out.exit_code = 1 if failed else 0


@dataclass(frozen=True)
class Drift:
    name: str
    kind: str
    missing: bool
    changes: tuple[tuple[str, Any, Any], ...] = ()


def drift(state: State, cloud: Cloud, report: Report) -> tuple[list[Drift], Outcome]:
    out = Outcome()
    if not state.resources:
        return [], out
    preflight(cloud)
    run = _Run(None, state, cloud, report)
    names = sorted(state.resources)

    def one(name: str) -> Drift | None:
        rec = state.resources[name]
        p = run.providers.get(rec["kind"])
        if p is None:
            return None
        r = _stub(name, rec)
        observed = p.read(run.ctx(r), dict(rec["physical"]))
        if observed is None:
            return Drift(name, rec["kind"], True)
        changes = p.diff(r, observed)
        return Drift(name, rec["kind"], False, tuple(changes)) if changes else None

    found = [d for d in run.parallel(names, one) if d is not None]
    if (logs := access_logs.drift(cloud, state.resources)) is not None:
        found.append(Drift(access_logs.facts.LABEL, PART_KIND, logs[1], tuple(logs[2])))
    for d in found:
        if d.missing:
            out.diagnostics.append(ddiag("ADL5110", None, name=d.name, kind=d.kind, what="not found by the API"))
        for attr, want, got in d.changes:
            out.diagnostics.append(ddiag("ADL5111", None, name=d.name, kind=d.kind, attr=attr, actual=_fmt(got),
                                         expected=_fmt(want)))
    out.exit_code = 1 if found else 0
    return found, out


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    return "unset" if v is None else str(v)


# what `read` reports -> the file's attribute that sets it, where the names differ
_DRIFT_ATTR = {"public_access_blocked": "public"}


def with_drift(actions: list[Action], found: list[Drift]) -> list[Action]:
    """`apply --refresh`: turn drift into work. A drifted attribute the provider can update in
    place becomes an update (the file's value is applied again); a missing resource, or one
    whose drifted attribute cannot be updated, is replaced (its delete tolerates absence)."""
    providers = load_all()
    by_name = {d.name: d for d in found}
    out = []
    for a in actions:
        d = by_name.get(a.name)
        if d is None or a.op not in ("noop", "update"):
            out.append(a)
            continue
        p = providers.get(a.kind)
        attrs = tuple(sorted({_DRIFT_ATTR.get(c[0], c[0]) for c in d.changes} | set(a.changed)))
        inplace = not d.missing and p is not None and p.update is not None and set(attrs) <= p.updatable
        out.append(Action("update" if inplace else "replace", a.name, a.kind, attrs if not d.missing else
                          ("missing",)))
    return out

