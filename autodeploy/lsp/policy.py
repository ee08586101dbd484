"""The second pass: the policy gate on a file that compiles, as editor diagnostics.

Findings carry their rule id as the code, with the rule's controls and remediation in the
message; a waived finding is not shown. When the gate cannot run (no OPA, a broken policy)
that is shown too, as the gate's own coded diagnostic: the editor never implies a pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types as t

from autodeploy.compiler.diagnostics import Span
from autodeploy.policies.engine import PolicyEngineError, evaluate
from autodeploy.policies.library import RuleMeta

from .features import SOURCE, span_range, to_lsp_diagnostics
from .index import Index

_SEVERITY = {
    "critical": t.DiagnosticSeverity.Error,
    "high": t.DiagnosticSeverity.Error,
    "medium": t.DiagnosticSeverity.Warning,
    "low": t.DiagnosticSeverity.Information,
    "info": t.DiagnosticSeverity.Hint,
}
GATE_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class PolicyPass:
    diagnostics: list[t.Diagnostic]
    rules: dict[str, RuleMeta]  # the library's rules, by id (hover on a rule id)
    findings: dict[str, tuple[str, ...]]  # resource -> ids of the rules it fails (hover on a name)


def policy_diagnostics(index: Index, lines: list[str]) -> PolicyPass:
    ir = index.result.ir
    if ir is None or not index.result.ok:
        return PolicyPass([], {}, {})
    report = index.cost()
    cost = {"total_monthly": float(report.total_monthly), "currency": "USD"} if report is not None else None
    try:
        policy = evaluate(ir, cost=cost, timeout=GATE_TIMEOUT_S)
    except PolicyEngineError as exc:
        return PolicyPass(to_lsp_diagnostics((exc.diagnostic,), index.root, lines), {}, {})
    out = to_lsp_diagnostics(policy.diagnostics, index.root, lines)
    failing: dict[str, list[str]] = {}
    for finding in policy.findings:
        if finding.waived is not None:
            continue
        if finding.resource:
            failing.setdefault(finding.resource, []).append(finding.rule)
        span: Span | None = finding.span or policy.anchor
        where = span if span is not None and span.file == index.root else None
        rng = span_range(where, lines) if where is not None else t.Range(
            start=t.Position(line=0, character=0), end=t.Position(line=0, character=0))
        message = f"{finding.title}: {finding.message}" if finding.title else finding.message
        if finding.controls:
            message += "\ncontrols: " + ", ".join(finding.controls)
        if finding.remediation:
            message += f"\nfix: {finding.remediation}"
        if finding.waiver_expired:
            message += "\n(its waiver has expired)"
        out.append(t.Diagnostic(range=rng, message=message, severity=_SEVERITY.get(finding.severity),
                                code=finding.rule, source=f"{SOURCE} policy"))
    return PolicyPass(out, {r.id: r for r in policy.rules},
                      {name: tuple(sorted(set(ids))) for name, ids in failing.items()})
