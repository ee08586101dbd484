"""The events of one gate run (`check`/`build --notify`) and their delivery.

Called after the verdict is printed and the exit code decided: it only reads the run, never
raises, and whatever happens to a delivery (receiver down, history locked, a bad setting) is a
warning on stderr plus a recorded attempt, so notifications can neither block nor flip the gate.
A gate that could not run (engine error) is `gate.failed` with the error's code: a silent
receiver never reads as a pass."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any

from autodeploy.analytics.store import HistoryError
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, render_text

from . import store
from .delivery import Delivery, RetryPolicy, deliver


@dataclass(frozen=True)
class GateRun:
    """What the events say about a run; built by the command from its results."""

    command: str
    file: str
    deployment: str
    cloud: str
    region: str
    verdict: str  # PASS | FAIL | ERROR
    exit_code: int
    fail_on: str
    counts: dict[str, int] | None = None
    blocking: tuple[str, ...] = ()  # rule ids of the blocking findings
    policy_revision: str = ""
    error: str | None = None  # the coded diagnostic that stopped the gate
    total_monthly: float | None = None
    budget: float | None = None
    currency: str = "USD"

    def to_json(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}

    def events(self) -> tuple[str, ...]:
        out = ["run.finished"]
        if self.verdict != "PASS":
            out.append("gate.failed")
        if self.budget is not None and self.total_monthly is not None and self.total_monthly > self.budget:
            out.append("budget.exceeded")
        return tuple(out)


def gate_run(command: str, args: Any, ir: Any, report: Any, exit_code: int, cost: dict[str, Any] | None,
             error: Diagnostic | None = None) -> GateRun:
    """A GateRun from a command's results (`report` a PolicyReport, or None when the gate did
    not run; `cost` the estimate's policy input)."""
    d = ir.deployment
    fail_on = getattr(args, "fail_on", "high") or "high"
    verdict = "ERROR" if report is None else ("FAIL" if report.failed(fail_on) else "PASS")
    return GateRun(
        command=command,
        file=str(getattr(args, "file", "")),
        deployment=d.name,
        cloud=d.cloud,
        region=d.region,
        verdict=verdict,
        exit_code=exit_code,
        fail_on=fail_on,
        counts=report.counts() if report is not None else None,
        blocking=tuple(sorted({f.rule for f in report.blocking(fail_on)})) if report is not None else (),
        policy_revision=getattr(report, "revision", "") if report is not None else "",
        error=f"{error.code}: {error.message}" if error is not None else None,
        total_monthly=(cost or {}).get("total_monthly") if (cost or {}).get("available", True) else None,
        budget=d.budget,
        currency=str((cost or {}).get("currency") or "USD"),
    )


def notify(run: GateRun, path: str | None = None) -> list[Delivery]:
    """Deliver the run's events to every webhook subscribed to them (see the module docstring)."""
    try:
        policy = RetryPolicy.from_env()
    except ValueError as exc:
        _warn(diag("ADL0955", None, reason=str(exc)))
        return []
    ends_at = time.monotonic() + policy.deadline
    done: list[Delivery] = []
    try:
        subscribed = store.hooks(path)
        for event in run.events():
            for hook in (h for h in subscribed if event in h.events):
                delivery = deliver(hook, event, run.to_json(), policy, ends_at)
                store.record(delivery.attempts, path)
                done.append(delivery)
                if not delivery.delivered:
                    _warn(diag("ADL0954", None, id=hook.id, url=hook.url, event=event,
                               attempts=len(delivery.attempts), reason=delivery.reason))
    except HistoryError as exc:
        _warn(diag("ADL0955", None, reason=exc.diagnostic.message))
    return done


def _warn(d: Diagnostic) -> None:
    sys.stderr.write(render_text([d], {}))
