"""`autodeploy check app.adl`: the compliance gate. Compiles, evaluates the Rego policy
library on the IR, prints/writes the findings; exit 1 when a finding reaches --fail-on."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from autodeploy.analytics.cost import estimate
from autodeploy.compiler.diagnostics import render_text
from autodeploy.fsutil import write_atomic
from autodeploy.policies.engine import PolicyEngineError, evaluate
from autodeploy.policies.opa import find_opa
from autodeploy.policies.render import FORMATS, render
from autodeploy.policies.report import summary_line
from autodeploy.stages.check import add_gate_args, parse_frameworks

from ._common import add_cloud_arg, add_compile_args, add_record_arg, compile_args, record

ORDER = 20


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="compliance gate: evaluate the policy library on an .adl file")
    add_compile_args(p)
    add_cloud_arg(p)
    add_gate_args(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (default: stdout)")
    add_record_arg(p)
    p.add_argument("--today", help=argparse.SUPPRESS)  # pin the date for waiver expiry (tests)
    p.set_defaults(func=run)


def estimate_cost(ir: Any) -> dict[str, Any] | None:
    """The budget rules' input: the cost estimate's policy document (fails closed when unavailable)."""
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
    frameworks = parse_frameworks(args.frameworks)
    result = compile_args(args)
    if not result.ok or result.ir is None:
        print(
            f"check: {args.file} does not compile ({len(result.errors)} error(s)); no policy ran",
            file=sys.stderr,
        )
        return 1
    try:
        if not args.opa_url:
            find_opa()  # fail fast, before the cost estimate
        report = evaluate(
            result.ir,
            frameworks=frameworks,
            cost=estimate_cost(result.ir),
            policy_dirs=args.policy_dirs,
            opa_url=args.opa_url,
            today=args.today,
            timeout=args.gate_timeout,
        )
    except PolicyEngineError as exc:
        sys.stderr.write(render_text([exc.diagnostic], result.sources))
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
    if not record("check", args, result.ir, findings=report):
        return 2
    return 1 if report.failed(args.fail_on) else 0
