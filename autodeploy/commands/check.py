"""`autodeploy check app.adl`: the compliance gate. Compiles, evaluates the Rego policy
library on the IR, prints/writes the findings; exit 1 when a finding reaches --fail-on."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import write_atomic
from autodeploy.policies.render import FORMATS
from autodeploy.stages.check import add_gate_args, bundle_options, effective_frameworks, parse_frameworks

from ._common import add_cloud_arg, add_compile_args, add_notify_arg, add_record_arg, compile_args, notify, record

ORDER = 20


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="compliance gate: evaluate the policy library on an .adl file")
    add_compile_args(p)
    add_cloud_arg(p)
    add_gate_args(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (default: stdout)")
    add_record_arg(p)
    add_notify_arg(p)
    p.add_argument("--today", help=argparse.SUPPRESS)  # pin the date for waiver expiry (tests)
    p.set_defaults(func=run)


def estimate_cost(ir: Any) -> dict[str, Any] | None:
    """The budget rules' input: the cost estimate's policy document (fails closed when unavailable)."""
    from autodeploy.analytics.cost import estimate

    try:
        doc: dict[str, Any] = estimate(ir).policy_input()
    except Exception as exc:  # cost trouble must not hide compliance findings
        reason = f"{type(exc).__name__}: {exc}"
        print(
            f"autodeploy check: cost estimate unavailable ({reason}); a budget cannot be verified",
            file=sys.stderr,
        )
        # fail closed: a budget with no estimate is "unverifiable" (ADLP-030), never a pass
        return {"available": False, "reason": reason, "currency": "USD"}
    return doc


def run(args: argparse.Namespace) -> int:
    from autodeploy.policies.engine import PolicyEngineError, evaluate
    from autodeploy.policies.opa import find_opa
    from autodeploy.policies.render import render
    from autodeploy.policies.report import summary_line

    parse_frameworks(args.frameworks)  # a malformed list is a usage error before any work
    parse_frameworks(args.require_frameworks, "--require-framework")
    bundle_mode, bundle_revision = bundle_options(args)
    result = compile_args(args)
    if not result.ok or result.ir is None:
        print(
            f"check: {args.file} does not compile ({len(result.errors)} error(s)); no policy ran",
            file=sys.stderr,
        )
        return 1
    cost: dict[str, Any] | None = None
    try:
        if not args.opa_url:
            find_opa()  # fail fast, before the cost estimate
        cost = estimate_cost(result.ir)
        report = evaluate(
            result.ir,
            frameworks=effective_frameworks(result.ir, args),
            cost=cost,
            policy_dirs=args.policy_dirs,
            opa_url=args.opa_url,
            today=args.today,
            timeout=args.gate_timeout,
            bundle_mode=bundle_mode,
            bundle_revision=bundle_revision,
        )
    except PolicyEngineError as exc:
        sys.stderr.write(render_text([exc.diagnostic], result.sources))
        notify("check", args, result.ir, None, 2, cost, exc.diagnostic)
        return 2
    text = render(report, args.format, args.fail_on, result.sources)
    if args.output:
        write_atomic(args.output, text)
        if report.diagnostics:
            sys.stderr.write(render_text(report.diagnostics, result.sources))
        verdict = "FAIL" if report.failed(args.fail_on) else "PASS"
        print(f"check {summary_line(report, args.fail_on)}: {verdict}; wrote {args.output}")
    else:
        sys.stdout.write(text)
    code = 1 if report.failed(args.fail_on) else 0
    if not record("check", args, result.ir, findings=report):
        code = 2
    notify("check", args, result.ir, report, code, cost)
    return code
