"""The re-checks after generating or editing a file: policies and cost.

A failing engine (no OPA binary, no price) makes the check "skipped: <reason>", reported to the
user, never a crash of `generate` or `chat`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from autodeploy.analytics.cost import estimate
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.policies.engine import evaluate
from autodeploy.policies.report import summary_line


@dataclass(frozen=True)
class CheckReport:
    cost_total: float | None = None
    cost_skipped: str | None = None
    policy_line: str | None = None
    policy_skipped: str | None = None
    blocking: tuple[str, ...] = ()  # policy findings that fail the gate, one line each
    lines: list[str] = field(default_factory=list)
    cost_unpriced: int = 0  # components without a price: cost_total is then a lower bound

    @property
    def gate_passed(self) -> bool:
        """Fail closed: a blocking finding, or a check that could not run, fails the gate."""
        return not self.blocking and self.policy_skipped is None and self.cost_skipped is None


def cost(ir: Any) -> tuple[dict[str, Any] | None, str | None]:
    """(the budget rules' cost document, skipped reason)."""
    try:
        return estimate(ir).policy_input(), None
    except Exception as exc:  # an optional stage: its failure is reported, not raised
        return None, f"cost estimate skipped: {type(exc).__name__}: {exc}"


def policies(ir: Any, cost_doc: dict[str, Any] | None) -> tuple[str | None, tuple[str, ...], str | None]:
    """(summary line, blocking findings, skipped reason)."""
    try:
        report = evaluate(ir, cost=cost_doc)
    except Exception as exc:  # PolicyEngineError (no opa binary) and anything else
        d = getattr(exc, "diagnostic", None)
        reason = f"{d.code} {d.message}" if d is not None else f"{type(exc).__name__}: {exc}"
        return None, (), f"policy check skipped: {reason}"
    try:
        line = summary_line(report)
    except Exception:  # the summary is cosmetic
        line = f"{len(report.findings)} finding(s)"
    blocking = tuple(
        f"{f.severity} {f.rule} {f.resource or ''}: {f.message}".replace("  ", " ") for f in report.blocking()
    )
    return line, blocking, None


def emit_errors(result: Any) -> list[Diagnostic]:
    """Emit in memory (Terraform for AWS and GCP, ARM for Azure): compile => emit, checked before writing."""
    ir, graph = result.ir, result.graph
    if ir is None or graph is None:
        return []
    from autodeploy.backends.dispatch import emit_for, target_for

    out = emit_for(target_for(ir.deployment.cloud), ir, graph)
    return [d for d in out.diagnostics if d.is_error]


def run(ir: Any) -> CheckReport:
    doc, cost_skipped = cost(ir)
    line, blocking, pol_skipped = policies(ir, doc)
    total = float(doc["total_monthly"]) if doc is not None else None
    unpriced = int(doc["unpriced"]) if doc is not None else 0
    return CheckReport(total, cost_skipped, line, pol_skipped, blocking, cost_unpriced=unpriced)
