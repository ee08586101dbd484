"""The gate in front of `plan` and `apply`: the same estimate and policy evaluation as `check`
and `build` (the build's cost and check stages), and the one way past it, `--skip-gate`.

Everything that stops the gate from deciding (no OPA, a broken price catalog, an invalid usage
file, a budget over prices that are not known) is a GateError with exit 2: the gate never fails
open. Findings at or above --fail-on make `GateResult.failed` true (exit 1 unless overridden);
errors in the report itself (an unknown framework, a broken waiver) cannot be overridden.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import getpass
import os
from dataclasses import dataclass
from typing import Any

import autodeploy.backends.deploy.diagnostics  # noqa: F401  (registers ADL51xx)
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.ir import IR
from autodeploy.policies.engine import Finding, PolicyEngineError, PolicyReport
from autodeploy.policies.report import subject, summary_line, where
from autodeploy.stages.check import gate_report
from autodeploy.stages.cost import CostUnavailable, estimate_for


class GateError(Exception):
    """The gate could not decide; nothing may be touched (exit 2)."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...], exit_code: int = 2) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics
        self.exit_code = exit_code


@dataclass(frozen=True)
class GateSettings:
    """The gate options of a run; a saved plan records them and `apply --plan` reuses them."""

    frameworks: str | None = None
    require_frameworks: str | None = None
    fail_on: str = "high"
    policy_dirs: tuple[str, ...] = ()
    opa_url: str | None = None
    usage: str | None = None
    today: str | None = None  # pins the waiver-expiry date (tests)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> GateSettings:
        # absolute paths: a saved plan is applied from wherever CI happens to run
        usage = getattr(args, "usage", None)
        return cls(
            frameworks=getattr(args, "frameworks", None),
            require_frameworks=getattr(args, "require_frameworks", None),
            fail_on=getattr(args, "fail_on", None) or "high",
            policy_dirs=tuple(os.path.abspath(d) for d in getattr(args, "policy_dirs", None) or ()),
            opa_url=getattr(args, "opa_url", None),
            usage=os.path.abspath(usage) if usage else None,
            today=getattr(args, "today", None),
        )

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> GateSettings:
        return cls(
            frameworks=d.get("frameworks"),
            require_frameworks=d.get("require_frameworks"),
            fail_on=str(d.get("fail_on") or "high"),
            policy_dirs=tuple(str(x) for x in d.get("policy_dirs") or ()),
            opa_url=d.get("opa_url"),
            usage=d.get("usage"),
            today=d.get("today"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "frameworks": self.frameworks,
            "require_frameworks": self.require_frameworks,
            "fail_on": self.fail_on,
            "policy_dirs": list(self.policy_dirs),
            "opa_url": self.opa_url,
            "usage": self.usage,
            "today": self.today,
        }

    def namespace(self) -> argparse.Namespace:
        """What the build stages read their options from."""
        return argparse.Namespace(**{**self.to_json(), "policy_dirs": list(self.policy_dirs)})


@dataclass(frozen=True)
class GateResult:
    report: PolicyReport
    cost: Any  # CostReport
    threshold: str

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return self.report.blocking(self.threshold)

    @property
    def report_errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.report.diagnostics if d.is_error)

    @property
    def failed(self) -> bool:
        return self.report.failed(self.threshold)

    def blocking_text(self) -> str:
        """The findings that block, as `check` prints them."""
        out = []
        for f in self.blocking:
            out.append(f"{where(f)}: {f.severity} {f.rule}: {subject(f)}: {f.message}")
            if f.remediation:
                out.append(f"    fix:      {f.remediation}")
        return "\n".join(out) + ("\n" if out else "")

    def verdict(self) -> dict[str, Any]:
        """The gate's outcome as a saved plan records it."""
        return {"failed": self.failed, "summary": summary_line(self.report, self.threshold),
                "blocking": [f.to_json() for f in self.blocking]}

    def summary(self) -> str:
        from autodeploy.analytics.cost_render import money, total_text

        c = self.cost
        status = c.budget_status
        word = "ok" if status == "ok" else status.upper()
        budget = "no budget" if status == "none" else f"budget {money(c.budget)}: {word}"
        verdict = "FAIL" if self.failed else "PASS"
        return (f"check    {summary_line(self.report, self.threshold)}: {verdict} (--fail-on {self.threshold})\n"
                f"cost     {total_text(c)}/month ({budget})\n")


def run_gate(ir: IR, settings: GateSettings) -> GateResult:
    """Estimate, then evaluate the policy library with the estimate for the budget rule."""
    try:
        cost = estimate_for(ir, settings.usage)
    except CostUnavailable as exc:
        raise GateError(exc.diagnostics) from None
    # A budget over a total with unpriced components is not a pass: the budget rules get the
    # estimate's lower-bound flag and report ADLP-030 "unverifiable" (medium) or ADLP-029 "over by at
    # least" (high), so `--fail-on` decides, exactly as in `check` (issue 17).
    try:
        report = gate_report(ir, settings.namespace(), cost)
    except PolicyEngineError as exc:
        raise GateError((exc.diagnostic,)) from None
    return GateResult(report, cost, settings.fail_on)


def blocked(result: GateResult, command: str) -> Diagnostic:
    return diag("ADL5140", None, count=len(result.blocking), threshold=result.threshold, command=command)


@dataclass(frozen=True)
class Override:
    """One `--skip-gate`: who let which findings through, when and why."""

    reason: str
    user: str
    time: str  # UTC, ISO 8601
    fail_on: str
    findings: tuple[Finding, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "user": self.user,
            "time": self.time,
            "fail_on": self.fail_on,
            "findings": [_finding_json(f) for f in self.findings],
        }

    def warning(self) -> Diagnostic:
        return diag("ADL5141", None, user=self.user, time=self.time, reason=self.reason,
                    count=len(self.findings))

    def render(self) -> str:
        lines = [f"GATE OVERRIDDEN by {self.user} at {self.time}: {self.reason}"]
        lines += [f"  let through: {where(f)}: {f.severity} {f.rule}: {subject(f)}: {f.message}"
                  for f in self.findings]
        return "\n".join(lines) + "\n"


def _finding_json(f: Finding) -> dict[str, Any]:
    """The part of a finding an audit needs (the full record is in the history database)."""
    return {"rule": f.rule, "severity": f.severity, "resource": f.resource, "attr": f.attr,
            "where": where(f), "message": f.message}


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getuser raises OSError/KeyError without a login name
        return "unknown"


def override(result: GateResult, reason: str, now: _dt.datetime | None = None) -> Override:
    t = (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC).replace(microsecond=0)
    return Override(reason, current_user(), t.strftime("%Y-%m-%dT%H:%M:%SZ"), result.threshold, result.blocking)


def check_reason(reason: str) -> str:
    """The --skip-gate reason: one printable line, said in words."""
    from autodeploy.errors import UsageError

    text = reason.strip()
    if len(text) < 3 or not text.isprintable():
        raise UsageError("--skip-gate needs a reason: one line of text, e.g. --skip-gate \"INC-42 hotfix, "
                         "approved by the CISO\"")
    if len(text) > 500:
        raise UsageError("--skip-gate: the reason is limited to 500 characters")
    return text


def record(ir: IR, file: str, result: GateResult, ov: Override) -> str:
    """The override in the history database (its own run, kind `gate-override`); raises GateError."""
    from autodeploy.analytics.store import HistoryError, record_run

    try:
        return record_run("gate-override", ir, result.cost, list(ov.findings), command="apply", file=file,
                          override={"user": ov.user, "reason": ov.reason, "fail_on": ov.fail_on})
    except HistoryError as exc:
        raise GateError((exc.diagnostic,)) from None
