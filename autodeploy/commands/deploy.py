"""`autodeploy plan|apply|destroy|drift app.adl [--endpoint URL] [--region R] [--state PATH]`.

Deploys the IR with boto3 to AWS or any AWS-compatible endpoint (moto, LocalStack).
"""

from __future__ import annotations

import argparse
import sys

from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.backends.deploy.diagnostics import DeployError, ddiag
from autodeploy.backends.deploy.engine import apply, destroy, drift, plan, render_plan
from autodeploy.backends.deploy.state import State, default_path, load
from autodeploy.compiler import CompileResult
from autodeploy.compiler.diagnostics import render_text

ORDER = 60

_HELP = {
    "plan": "show what apply would create, update and delete against the recorded state",
    "apply": "deploy the file to AWS (or --endpoint) and record the state",
    "destroy": "delete everything recorded in the state, dependents first",
    "drift": "compare the state with the live cloud; exit 1 on drift",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from ._common import add_compile_args

    for name, help_text in _HELP.items():
        p = sub.add_parser(name, help=help_text)
        add_compile_args(p)
        p.add_argument("--endpoint", metavar="URL",
                       help="AWS-compatible endpoint (default: env AUTODEPLOY_AWS_ENDPOINT, else real AWS)")
        p.add_argument("--region", metavar="R", help="override the deployment's region")
        p.add_argument("--state", metavar="PATH",
                       help="state file (default: .autodeploy/<deployment>.state.json next to the .adl file)")
        p.set_defaults(func=run, deploy_command=name)


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _print_diags(diags: list, result: CompileResult) -> None:  # type: ignore[type-arg]
    if diags:
        sys.stderr.write(render_text(diags, result.sources))


def run(args: argparse.Namespace) -> int:
    from ._common import compile_args

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
        state: State = load(path, ir.deployment.name, region, cloud.endpoint)
        cmd = args.deploy_command
        if cmd == "plan":
            _out(render_plan(plan(ir, result.graph, state)))
            return 0
        if cmd == "apply":
            outcome = apply(ir, result.graph, state, cloud, _out)
            _print_diags(outcome.diagnostics, result)
            if outcome.exit_code == 0:
                _out(f"Apply complete: {len(outcome.created)} created, {len(outcome.updated)} updated, "
                     f"{len(outcome.deleted)} deleted, {len(outcome.skipped)} skipped. State: {path}\n")
            else:
                _out("Apply failed: rolled back; the state is as it was before this run.\n")
            return outcome.exit_code
        if cmd == "destroy":
            outcome = destroy(state, cloud, _out)
            _print_diags(outcome.diagnostics, result)
            _out(f"Destroy complete: {len(outcome.deleted)} deleted, {len(state.resources)} left in the state.\n")
            return outcome.exit_code
        found, outcome = drift(state, cloud, _out)
        _print_diags(outcome.diagnostics, result)
        _out(f"Drift: {len(found)} of {len(state.resources)} resource(s) drifted.\n" if found
             else f"No drift: {len(state.resources)} resource(s) match the state.\n")
        return outcome.exit_code
    except DeployError as exc:
        sys.stderr.write(render_text([exc.diagnostic], result.sources))
        return exc.exit_code
    finally:
        if cloud is not None:
            cloud.close()
