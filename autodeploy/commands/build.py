"""`autodeploy build app.adl`: compile -> check -> cost -> emit, one summary."""

from __future__ import annotations

import argparse
import os

from autodeploy.fsutil import exclusive_dir
from autodeploy.pipeline import BuildContext, compile_summary, run_stages, stages
from autodeploy.stages._artifacts import withdraw

from ._common import add_compile_args, add_notify_arg, compile_args, notify

ORDER = 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("build", help="compile, check, cost and emit in one run (the main job)")
    add_compile_args(p)
    p.add_argument("-o", "--out", default="build", help="output folder for artifacts (default: build/)")
    for st in stages():
        st.add_arguments(p)
    add_notify_arg(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = compile_args(args)
    ir = result.ir
    if ir is None or not result.ok:
        # a deployable file of an earlier build must not outlive this failure (docs/backends.md)
        removed = _withdraw_held(args.out)
        print(f"build: {args.file} does not compile ({len(result.errors)} error(s)); nothing else ran"
              + (f"; removed stale {', '.join(removed)}" if removed else ""))
        return 1
    ctx = BuildContext(file=args.file, args=args, result=result, out_dir=args.out)
    ctx.summary.append(compile_summary(result))
    with exclusive_dir(args.out):  # the reports and the artifacts of one run, never of two
        run_stages(ctx)
    print(f"autodeploy build {args.file}")
    for line in ctx.summary:
        print("  " + line)
    print("  result   " + ("PASS" if ctx.exit_code == 0 else "FAIL"))
    if "check" in ctx.artifacts or ctx.exit_code:  # a build whose gate ran (or could not run)
        cost = ctx.artifacts.get("cost")
        notify("build", args, ir, ctx.artifacts.get("check"), ctx.exit_code,
               cost.policy_input() if cost is not None else None)
    return ctx.exit_code


def _withdraw_held(out: str) -> list[str]:
    if not os.path.isdir(out):  # nothing to withdraw; a failed compile creates no folder
        return []
    with exclusive_dir(out):
        return withdraw(out)
