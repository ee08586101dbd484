"""What `autodeploy plan|apply|destroy|drift|force-unlock` run (their options: commands/deploy.py).

Deploys the IR with boto3 to AWS or any AWS-compatible endpoint (moto, LocalStack).
`plan` and `apply` first run the gate (estimate + policy library, as `check` does); `apply`
and `destroy` show the plan and ask before touching anything (docs/deploy.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import Any

from autodeploy import confirm, planfile
from autodeploy.backends.deploy import engine, journal, lock
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.backends.deploy.diagnostics import DeployError, ddiag
from autodeploy.backends.deploy.state import State, default_path, load
from autodeploy.backends.deploy.store import open_store
from autodeploy.cli import UsageError
from autodeploy.compiler import CompileResult
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, render_text
from autodeploy.gate import GateError, GateResult, GateSettings, blocked, check_reason, override, run_gate
from autodeploy.gate import record as record_override
from autodeploy.term import color_enabled, red


def force_unlock(args: argparse.Namespace) -> int:
    path = args.state
    if path is None:
        if args.file is None:
            raise UsageError("force-unlock needs --state PATH or the .adl file")
        from autodeploy.compiler import compile_file

        result = compile_file(args.file)
        if result.ir is None:
            _print_diags(result.diagnostics, result)
            return 1
        path = default_path(args.file, result.ir.deployment.name)
    endpoint = args.endpoint if args.endpoint is not None else (os.environ.get("AUTODEPLOY_AWS_ENDPOINT") or None)
    try:
        info = lock.force_unlock(open_store(path, args.region, endpoint), args.lock_id)
    except DeployError as exc:
        _print_diags([exc.diagnostic], None)
        return exc.exit_code
    _out(f"Removed the lock {info.id} ({info.command} by {info.holder}, pid {info.pid} on {info.host}, "
         f"since {info.started}) from {path}.\n")
    if journal.pending(State(path, "", args.region, endpoint, store=open_store(path, args.region, endpoint)
                             if path.startswith("s3://") else None)):
        _out("That run was interrupted; the next `apply` (or `destroy`) recovers from its journal.\n")
    return 0


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _err(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def _print_diags(diags: list[Diagnostic] | tuple[Diagnostic, ...], result: CompileResult | None) -> None:
    if diags:
        _err(render_text(diags, result.sources if result else {}))


def _use_saved_plan(args: argparse.Namespace) -> dict[str, Any]:
    """Load --plan and take the file, parameters and gate options from it; giving different ones
    on the command line is a usage error rather than a silent choice between the two."""
    saved = planfile.load(args.plan)
    given = [flag for flag, v in (("--set", args.sets), ("--framework", args.frameworks),
                                  ("--require-framework", args.require_frameworks),
                                  ("--policy-dir", args.policy_dirs), ("--usage", args.usage),
                                  ("--fail-on", args.fail_on), ("--opa-url", args.opa_url)) if v]
    if given:
        raise UsageError(f"apply --plan takes the file's parameters and the gate options from the plan; "
                         f"drop {', '.join(given)}")
    for flag, mine, theirs in (("file", args.file, saved["file"]), ("--state", args.state, saved["state"])):
        if mine is not None and (mine if mine.startswith("s3://") else os.path.abspath(mine)) != theirs:
            raise UsageError(f"the plan {args.plan} was made for {flag} {theirs}, not {mine}")
    if args.region is not None and args.region != saved.get("region"):
        raise UsageError(f"the plan {args.plan} was made for region {saved.get('region')}, not {args.region}")
    args.file, args.state, args.region = saved["file"], saved["state"], saved.get("region")
    if args.endpoint is None:  # a different one (or AUTODEPLOY_AWS_ENDPOINT) makes the plan stale
        args.endpoint = saved.get("endpoint")
    args.sets = [f"{k}={v}" for k, v in sorted(saved["params"].items())]
    return saved


def run(args: argparse.Namespace) -> int:
    from ._common import compile_args, parse_sets

    cmd = args.deploy_command
    saved: dict[str, Any] | None = None
    reason = check_reason(args.skip_gate) if getattr(args, "skip_gate", None) is not None else None
    if getattr(args, "plan", None):
        if args.refresh:  # a saved plan is exactly what was reviewed; drift found now would change it
            raise UsageError("apply --plan cannot be combined with --refresh; run `plan` again instead")
        try:
            saved = _use_saved_plan(args)
        except DeployError as exc:
            _print_diags([exc.diagnostic], None)
            return exc.exit_code
    elif args.file is None:
        raise UsageError("apply needs an .adl file (or --plan FILE)")
    result = compile_args(args)
    if not result.ok or result.ir is None or result.graph is None:
        return 1
    ir = result.ir
    cloud: Cloud | None = None
    try:
        if ir.deployment.cloud != "aws":
            raise DeployError(ddiag("ADL5109", ir.deployment.span, name=ir.deployment.name,
                                    cloud=ir.deployment.cloud), 1)
        region = args.region or ir.deployment.region
        cloud = Cloud(region, args.endpoint)
        path = args.state or default_path(args.file, ir.deployment.name)
        store = open_store(path, region, cloud.endpoint)
        if cmd in ("apply", "destroy"):
            # one writer at a time: the lock is taken before the state is read, so a second run
            # never works from (and later writes back) a state the first one is changing
            with lock.held(store, cmd):
                state = _existing(args, load(path, ir.deployment.name, region, cloud.endpoint, store=_remote(store)))
                _recover(state, cloud, result)
                if cmd == "destroy":
                    return _destroy(args, result, state, cloud)
                return _Run(args, result, state, cloud, _settings(args, saved),
                            parse_sets(args.sets)).apply(saved, reason)
        state = load(path, ir.deployment.name, region, cloud.endpoint, store=_remote(store))
        if cmd == "plan":
            if journal.pending(state):
                _err("note: a run on this state was interrupted; the next `apply` first cleans up what its "
                     "journal shows\n")
            return _Run(args, result, state, cloud, _settings(args, saved), parse_sets(args.sets)).plan()
        found, outcome = engine.drift(_existing(args, state), cloud, _out)
        _print_diags(outcome.diagnostics, result)
        _out(f"Drift: {len(found)} of {len(state.resources)} resource(s) drifted.\n" if found
             else f"No drift: {len(state.resources)} resource(s) match the state.\n")
        return outcome.exit_code
    except DeployError as exc:
        _print_diags([exc.diagnostic], result)
        return exc.exit_code
    except GateError as exc:
        _print_diags(exc.diagnostics, result)
        return exc.exit_code
    finally:
        if cloud is not None:
            cloud.close()


def _existing(args: argparse.Namespace, state: State) -> State:
    """drift and destroy only read a state: a --state named on the command line that does not exist
    is a mistyped path, never "nothing deployed" (drift would pass, destroy would do nothing)."""
    if args.deploy_command in ("drift", "destroy") and args.state and state.raw is None:
        raise DeployError(diag("ADL0991", None, path=args.state,
                               hint=f"{args.deploy_command} reads an existing state: check the path"), 2)
    if args.deploy_command == "drift" and state.raw is None:
        # no state at the default path either: a drift job run where the state does not live (a fresh
        # CI checkout) would otherwise report "No drift" on a deployment it never looked at
        raise DeployError(diag("ADL0991", None, path=state.path,
                               hint="drift compares a deployment with its state, and there is none here: "
                                    "run it where the state lives, or pass --state / the state backend"), 2)
    return state


def _remote(store: Any) -> Any:
    """The store to read and write the state through; None for a local file (state.py's own)."""
    return store if store.url.startswith("s3://") else None


def _settings(args: argparse.Namespace, saved: dict[str, Any] | None) -> GateSettings:
    return GateSettings.from_json(saved["gate"]) if saved else GateSettings.from_args(args)


def _recover(state: State, cloud: Cloud, result: CompileResult) -> None:
    """Under the lock: finish what a killed run left (journal.py) before planning anything."""
    _print_diags(journal.recover_pending(state, cloud, _out), result)


class _Run:
    """One plan/apply: gate, plan, (apply:) confirmation, deployment. The state is loaded by the
    caller, under the deployment lock for apply."""

    def __init__(self, args: argparse.Namespace, result: CompileResult, state: State, cloud: Cloud,
                 settings: GateSettings, params: dict[str, str]) -> None:
        self.args, self.result, self.state, self.cloud = args, result, state, cloud
        self.settings, self.params = settings, params
        assert result.ir is not None and result.graph is not None
        self.ir, self.graph = result.ir, result.graph

    def _gate(self) -> GateResult:
        gate = run_gate(self.ir, self.settings)
        _print_diags(gate.report.diagnostics, self.result)
        _err(gate.blocking_text() + gate.summary())
        return gate

    def _hashes(self) -> dict[str, str]:
        return planfile.hashes(self.result, self.args.file, self.state, self.settings.to_json())

    def plan(self) -> int:
        gate = self._gate()
        planned = planfile.with_costs(engine.plan(self.ir, self.graph, self.state), self.state, gate.cost)
        parts = engine.parts(self.ir, self.state)
        fmt, output = self.args.format, self.args.output
        doc = ""
        if fmt == "json" or output:
            doc = planfile.dumps(planfile.document(
                file=self.args.file, params=self.params, deployment=self.ir.deployment.name,
                region=self.cloud.region, endpoint=self.cloud.endpoint, state_path=self.state.path,
                gate=self.settings.to_json(), verdict=gate.verdict(), planned=planned, hashes=self._hashes(),
                parts=parts))
        if output:
            from autodeploy.fsutil import write_atomic

            write_atomic(output, doc)
        _out(doc if fmt == "json" else planfile.render_text(planned, parts))
        if output:
            _err(f"Saved the plan to {output}; apply it with `autodeploy apply --plan {output}`.\n")
        return 1 if gate.failed else 0

    def _stale(self, what: list[str]) -> DeployError:
        return DeployError(ddiag("ADL5145", None, path=self.args.plan, what=" and ".join(what)), 1)

    def apply(self, saved: dict[str, Any] | None, reason: str | None) -> int:
        if saved is not None:
            what = planfile.stale(saved["hashes"], self._hashes())
            if self.cloud.endpoint != saved.get("endpoint"):
                what.append("the endpoint")
            if what:
                raise self._stale(what)
        gate = self._gate()
        actions = engine.plan(self.ir, self.graph, self.state)
        found: list[engine.Drift] = []
        if getattr(self.args, "refresh", False):
            found, outcome = engine.drift(self.state, self.cloud, _out)
            _print_diags(outcome.diagnostics, self.result)
            actions = engine.with_drift(actions, found)
        parts = engine.parts(self.ir, self.state, found)  # a drifted access-log bucket: an update
        if saved is not None and actions != planfile.recorded_actions(saved):
            raise self._stale(["the set of changes"])
        ov = None
        if gate.failed:
            if gate.report_errors or reason is None:
                _print_diags([blocked(gate, "apply")], self.result)
                return 1
            ov = override(gate, reason)
            _err(red(ov.render(), color_enabled(sys.stderr)))
        elif reason is not None:
            _err("note: the gate passed; --skip-gate was not needed and nothing was recorded\n")
        planned = planfile.with_costs(actions, self.state, gate.cost)
        _out(planfile.render_text(planned, parts))
        if not planfile.changes(planned) and not any(p.op == "update" for p in parts):
            _out("No changes. Infrastructure matches the state.\n")
            return 0
        _approve("apply", planned, self.args, self.state, self.cloud)
        if ov is not None:
            run_id = record_override(self.ir, self.args.file, gate, ov)
            self.state.gate_overrides.append({**ov.to_json(), "history_run": run_id})
            _print_diags([ov.warning()], self.result)
        outcome = engine.apply(self.ir, self.graph, self.state, self.cloud, _out, actions=actions,
                               costs=planfile.costs(planned), part_actions=parts)
        _print_diags(outcome.diagnostics, self.result)
        if outcome.exit_code == 0:
            if ov is not None:
                self.state.save()  # even when every change was skipped, the override is on record
            _out(f"Apply complete: {len(outcome.created)} created, {len(outcome.updated)} updated, "
                 f"{len(outcome.deleted)} deleted, {len(outcome.skipped)} skipped. State: {self.state.path}\n")
        else:
            _out("Apply failed: rolled back; the state is as it was before this run.\n")
        return outcome.exit_code


def _approve(command: str, planned: list[planfile.PlannedAction], args: argparse.Namespace, state: State,
             cloud: Cloud) -> None:
    """Ask (or check --auto-approve); resources that hold data must be named. Raises DeployError."""
    asker = confirm.prompt()
    if not args.auto_approve and not asker.available():  # before any API call
        raise DeployError(ddiag("ADL5142", None, command=command), 2)
    losing = [p.name for p in planned if p.op in ("delete", "replace")]
    why = {n: w for n, _, w in engine.data_holders(state, losing, cloud)} if losing else {}
    planned = [replace(p, holds_data=why.get(p.name)) for p in planned]
    confirm.approve(command, planned, auto_approve=args.auto_approve, allow_data_loss=args.allow_data_loss,
                    asker=asker)


def _destroy(args: argparse.Namespace, result: CompileResult, state: State, cloud: Cloud) -> int:
    if state.resources:
        planned = planfile.destroy_plan(state)
        _out(planfile.render_text(planned, engine.parts(None, state)))
        _approve("destroy", planned, args, state, cloud)
    outcome = engine.destroy(state, cloud, _out)
    _print_diags(outcome.diagnostics, result)
    _out(f"Destroy complete: {len(outcome.deleted)} deleted, {len(state.resources)} left in the state.\n")
    return outcome.exit_code
