"""Build stage 30: the compliance gate inside `autodeploy build` (local OPA), with the cost
stage's estimate as the budget rule's input; writes <out>/findings.sarif.

`gate_report` is the same gate for `plan` and `apply` (the options `check` takes)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from autodeploy.compiler.diagnostics import render_text
from autodeploy.errors import UsageError
from autodeploy.fsutil import write_atomic
from autodeploy.policies.deadline import MAX_SECONDS

if TYPE_CHECKING:  # the engine is imported when the stage runs: registering its options needs none of it
    from autodeploy.compiler.ir import IR
    from autodeploy.pipeline import BuildContext
    from autodeploy.policies.engine import PolicyReport

THRESHOLDS = ("low", "medium", "high", "critical")


def add_gate_args(p: argparse.ArgumentParser, prefix: str = "") -> None:
    """The options `check` and the build's check stage share."""
    p.add_argument(
        "--framework",
        dest="frameworks",
        metavar="LIST",
        help="comma-separated frameworks to check (default: the deployment's `compliance`)",
    )
    p.add_argument(
        "--require-framework",
        dest="require_frameworks",
        metavar="LIST",
        help="frameworks always checked, on top of the deployment's `compliance` (or --framework): "
        "a CI pin that an edit to the file cannot drop",
    )
    p.add_argument(
        "--fail-on",
        choices=THRESHOLDS,
        default="high",
        help="lowest severity that fails the gate (default: high)",
    )
    p.add_argument(
        "--policy-dir",
        dest="policy_dirs",
        action="append",
        default=[],
        metavar="DIR",
        help="extra organisation policy folder (repeatable)",
    )
    p.add_argument("--opa-url", metavar="URL", help="evaluate on this OPA server instead of the local binary")
    p.add_argument(
        "--bundle-mode",
        action="store_true",
        help="the --opa-url server runs the library's bundle (`autodeploy policy bundle`): upload nothing, "
        "and fail unless its bundle revision is the expected one",
    )
    p.add_argument(
        "--bundle-revision",
        metavar="REV",
        help="with --bundle-mode: the revision the server must run (default: this library's revision)",
    )
    p.add_argument(
        "--gate-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="deadline for the whole policy evaluation (default: $AUTODEPLOY_GATE_TIMEOUT, "
        "else 60 local / 30 with --opa-url); past it the gate fails with ADL3017",
    )


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of seconds (at most {MAX_SECONDS:g})")
    return seconds


def parse_frameworks(value: str | None, option: str = "--framework") -> list[str] | None:
    """The frameworks of a --framework/--require-framework list. A name the language does not know
    is refused (exit 2): checked against nothing, a typo (`hipa`) would turn the gate green."""
    from autodeploy.compiler.kinds import FRAMEWORKS

    if value is None:
        return None
    fws = [x.strip() for x in value.split(",") if x.strip()]
    if not fws:
        raise UsageError(f"{option} expects a comma-separated list, e.g. hipaa,pci_dss")
    unknown = [fw for fw in dict.fromkeys(fws) if fw not in FRAMEWORKS]
    if unknown:
        raise UsageError(f"{option}: unknown framework(s) {', '.join(unknown)}; known: {', '.join(FRAMEWORKS)}")
    return fws


def effective_frameworks(ir: IR, args: argparse.Namespace) -> list[str] | None:
    """The frameworks the gate checks: --framework (else the deployment's `compliance`), plus
    every --require-framework. Without a pin, None lets the engine read the deployment."""
    chosen = parse_frameworks(getattr(args, "frameworks", None))
    required = parse_frameworks(getattr(args, "require_frameworks", None), "--require-framework")
    if not required:
        return chosen
    base = chosen if chosen is not None else list(ir.deployment.compliance)
    return base + [fw for fw in dict.fromkeys(required) if fw not in base]


def bundle_options(args: argparse.Namespace) -> tuple[bool, str | None]:
    """(--bundle-mode, --bundle-revision), refused when they would be ignored."""
    mode, revision = bool(getattr(args, "bundle_mode", False)), getattr(args, "bundle_revision", None)
    if mode and not getattr(args, "opa_url", None):
        raise UsageError("--bundle-mode needs --opa-url (the OPA server that runs the bundle)")
    if revision is not None and not mode:
        raise UsageError("--bundle-revision needs --bundle-mode")
    return mode, revision


def gate_report(ir: IR, args: argparse.Namespace, cost_report: Any) -> PolicyReport:
    """Evaluate the policy library with the gate options on `args` (--framework, --policy-dir,
    --opa-url) and the estimate's policy input for the budget rules (total, and whether it is a
    lower bound). Raises PolicyEngineError."""
    from autodeploy.policies.engine import evaluate

    cost = cost_report.policy_input() if cost_report is not None else None
    bundle_mode, bundle_revision = bundle_options(args)
    return evaluate(
        ir,
        frameworks=effective_frameworks(ir, args),
        cost=cost,
        policy_dirs=getattr(args, "policy_dirs", None) or (),
        opa_url=getattr(args, "opa_url", None),
        today=getattr(args, "today", None),
        timeout=getattr(args, "gate_timeout", None),
        bundle_mode=bundle_mode,
        bundle_revision=bundle_revision,
    )


class CheckStage:
    name = "check"
    order = 30

    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group("check stage")
        add_gate_args(g)  # type: ignore[arg-type]

    def run(self, ctx: BuildContext) -> None:
        from autodeploy.policies.engine import PolicyEngineError
        from autodeploy.policies.report import summary_line
        from autodeploy.policies.sarif import render_sarif

        ir = ctx.result.ir
        if ir is None:
            return
        threshold = getattr(ctx.args, "fail_on", "high") or "high"
        try:
            report = gate_report(ir, ctx.args, ctx.artifacts.get("cost"))
        except PolicyEngineError as exc:
            d = exc.diagnostic
            ctx.summary.append(f"check    not run: {d.code} {d.message}")
            if d.help:
                ctx.summary.append(f"         {d.help}")
            ctx.fail(2)
            return
        ctx.artifacts["check"] = report
        write_atomic(os.path.join(ctx.out_dir, "findings.sarif"), render_sarif(report))
        if report.diagnostics:
            sys.stderr.write(render_text(report.diagnostics, ctx.result.sources))
        failed = report.failed(threshold)
        line = f"check    {summary_line(report, threshold)}"
        if failed:
            blocking = report.blocking(threshold)
            line += f": FAIL ({len(blocking)} blocking finding(s))" if blocking else ": FAIL"
        ctx.summary.append(line)
        for f in report.blocking(threshold)[:3]:
            ctx.summary.append(f"         {f.span}: {f.severity} {f.rule} {f.resource or ''}: {f.message}")
        if failed:
            ctx.fail(1)


STAGE = CheckStage()
