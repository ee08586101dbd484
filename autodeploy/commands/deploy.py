"""`autodeploy plan|apply|destroy|drift app.adl [--endpoint URL] [--region R] [--state PATH]`.

Deploys the IR with boto3 to AWS or any AWS-compatible endpoint (moto, LocalStack).
`plan` and `apply` first run the gate (estimate + policy library, as `check` does); `apply`
and `destroy` show the plan and ask before touching anything (docs/deploy.md).

Only the options live here: boto3, the deploy engine and the gate load from commands/_deploy.py
when one of these commands runs, never for another command's parser (tests/test_startup.py).
"""

from __future__ import annotations

import argparse

ORDER = 60

_HELP = {
    "plan": "run the gate, then show what apply would create, update and delete (and the cost delta)",
    "apply": "run the gate, show the plan, ask, then deploy to AWS (or --endpoint) and record the state",
    "destroy": "show what would be deleted, ask, then delete everything in the state, dependents first",
    "drift": "compare the state with the live cloud; exit 1 on drift",
}


def aws_region(value: str) -> str:
    """--region: a region the deploy engine's cloud (AWS) has. Unchecked, an empty, misspelt or
    foreign region was planned against (exit 0) and reached boto3 as the endpoint's host name."""
    from autodeploy.compiler.catalogue import suggest
    from autodeploy.compiler.regions import AWS_REGIONS

    if value not in AWS_REGIONS:
        hint = suggest(value, AWS_REGIONS, "region")
        raise argparse.ArgumentTypeError(f"{value!r} is not a known aws region" + (f"; {hint}" if hint else ""))
    return value


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from .check import add_gate_args

    for name, help_text in _HELP.items():
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", nargs="?" if name == "apply" else None,
                       help="the .adl file" + (" (with --plan: the plan's file)" if name == "apply" else ""))
        p.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                       help="override a parameter (repeatable)")
        p.add_argument("--endpoint", metavar="URL",
                       help="AWS-compatible endpoint (default: env AUTODEPLOY_AWS_ENDPOINT, else real AWS)")
        p.add_argument("--region", metavar="R", type=aws_region, help="override the deployment's region")
        p.add_argument("--state", metavar="PATH",
                       help="state file, or s3://BUCKET/KEY for a state shared by a team (default: "
                            ".autodeploy/<deployment>.state.json next to the .adl file)")
        if name in ("plan", "apply"):
            g = p.add_argument_group("the gate (the same options as `autodeploy check`)")
            add_gate_args(g)  # type: ignore[arg-type]
            g.add_argument("--usage", metavar="FILE", help="usage overrides for the estimate (docs/cost.md)")
            p.add_argument("--today", help=argparse.SUPPRESS)  # pin the waiver-expiry date (tests)
            p.set_defaults(fail_on=None)  # None = not given (apply --plan refuses a second opinion)
        if name == "plan":
            p.add_argument("--format", choices=("text", "json"), default="text", help="plan format on stdout")
            p.add_argument("-o", "--output", metavar="FILE",
                           help="save the plan (JSON) for `apply --plan FILE`")
        if name == "apply":
            p.add_argument("--plan", metavar="FILE",
                           help="apply exactly this saved plan; refused when its inputs changed since")
            p.add_argument("--skip-gate", metavar="REASON",
                           help="deploy despite blocking findings; the reason, user, time and findings are "
                                "recorded in the state and the history database")
        if name == "apply":
            p.add_argument("--refresh", action="store_true",
                           help="also compare with the live cloud and re-apply the file's settings to "
                                "resources that drifted")
        if name in ("apply", "destroy"):
            p.add_argument("--auto-approve", action="store_true",
                           help="do not ask for confirmation (CI); without a terminal it is required")
            p.add_argument("--allow-data-loss", action="store_true",
                           help="with --auto-approve: allow deleting databases, tables and non-empty buckets")
        p.set_defaults(func=run, deploy_command=name)
    p = sub.add_parser("force-unlock", help="remove the lock a crashed apply/destroy left on a state")
    p.add_argument("lock_id", metavar="ID", help="the lock id, as the `state locked` error shows it")
    p.add_argument("file", nargs="?", help="the .adl file (to find its default state)")
    p.add_argument("--state", metavar="PATH", help="the state file or s3://BUCKET/KEY")
    p.add_argument("--endpoint", metavar="URL", help="AWS-compatible endpoint (for an s3:// state)")
    p.add_argument("--region", metavar="R", type=aws_region, default="us-east-1",
                   help="region of an s3:// state's bucket")
    p.set_defaults(func=force_unlock)


def run(args: argparse.Namespace) -> int:
    from ._deploy import run as run_deploy

    return run_deploy(args)


def force_unlock(args: argparse.Namespace) -> int:
    from ._deploy import force_unlock as run_force_unlock

    return run_force_unlock(args)
