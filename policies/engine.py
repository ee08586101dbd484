"""evaluate(ir) -> PolicyReport: run the Rego library on the IR with the local `opa eval`
or an OPA server, apply waivers, sort findings. Everything that can stop the gate from
running is a PolicyEngineError carrying an ADL3xxx diagnostic (the CLI exits 2); that includes
an engine whose answer does not prove it evaluated every rule this run loaded (policies/proof.py)
and an evaluation that outlives its deadline (policies/deadline.py): the gate never fails open."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, Span
from autodeploy.compiler.ir import IR

from . import library as _library
from . import opa as _opa
from . import opa_bundle_server as _bundle_server
from . import opa_server as _opa_server
from . import proof as _proof
from . import waivers as _waivers
from .deadline import Deadline
from .diagnostics import PolicyEngineError
from .library import RuleMeta
from .library import strs as _strs
from .severity import SEVERITIES, severity_rank
from .waivers import Waiver

__all__ = [
    "SEVERITIES",
    "Finding",
    "PolicyEngineError",
    "PolicyReport",
    "RuleMeta",
    "Waiver",
    "evaluate",
    "severity_rank",
]


def _span(v: Any) -> Span | None:
    if not isinstance(v, dict) or "file" not in v:
        return None
    line, col = int(v.get("line", 1)), int(v.get("col", 1))
    return Span(str(v["file"]), line, col, int(v.get("end_line", line)), int(v.get("end_col", col + 1)))


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    severity: str
    resource: str | None
    kind: str | None
    attr: str | None
    span: Span | None
    controls: tuple[str, ...]
    frameworks: tuple[str, ...]
    message: str
    remediation: str
    source: str
    waived: Waiver | None = None  # the waiver in force, if any
    waiver_expired: bool = False  # a waiver matched but its date has passed: the finding counts
    waiver: Waiver | None = None  # the matching waiver, expired or not

    @classmethod
    def from_opa(cls, d: dict[str, Any]) -> Finding:
        def s(key: str) -> str | None:
            v = d.get(key)
            return None if v is None else str(v)

        return cls(
            rule=str(d.get("rule", "")),
            title=s("title") or "",
            severity=str(d["severity"]),  # proof.check: exactly one of SEVERITIES
            resource=s("resource"),
            kind=s("kind"),
            attr=s("attr"),
            span=_span(d.get("span")),
            controls=_strs(d.get("controls")),
            frameworks=_strs(d.get("frameworks")),
            message=s("message") or "",
            remediation=s("remediation") or "",
            source=s("source") or "",
        )

    @property
    def counts(self) -> bool:
        """Does this finding count towards the gate (not covered by a waiver in force)?"""
        return self.waived is None

    def sort_key(self) -> tuple[Any, ...]:
        sp = self.span
        return (
            -severity_rank(self.severity),
            sp.file if sp else "",
            sp.line if sp else 0,
            sp.col if sp else 0,
            self.rule,
            self.resource or "",
            self.attr or "",
            self.message,
        )

    def to_json(self) -> dict[str, Any]:
        w = self.waiver
        return {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "resource": self.resource,
            "kind": self.kind,
            "attr": self.attr,
            "span": self.span.to_json() if self.span else None,
            "controls": list(self.controls),
            "frameworks": list(self.frameworks),
            "message": self.message,
            "remediation": self.remediation,
            "source": self.source,
            "waived": self.waived is not None,
            "waiver_expired": self.waiver_expired,
            "waiver": None
            if w is None
            else {"reason": w.reason, "owner": w.owner, "expires": w.expires, "span": w.span.to_json()},
        }


@dataclass(frozen=True)
class PolicyReport:
    findings: tuple[Finding, ...]
    frameworks: tuple[str, ...]
    rules: tuple[RuleMeta, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    today: str = ""
    engine: str = "opa eval"
    cost: dict[str, Any] | None = field(default=None, compare=False)
    # where a finding without a span is shown (SARIF results need a location): the deployment block
    anchor: Span | None = field(default=None, compare=False)
    # sha256 over the modules the engine proved it evaluated (policies/library.py)
    revision: str = field(default="", compare=False)

    @property
    def waived(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.waived is not None)

    @property
    def expired(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.waiver_expired)

    def blocking(self, threshold: str = "high") -> tuple[Finding, ...]:
        """Findings that fail the gate: not waived and at/above threshold, or under an expired waiver."""
        t = severity_rank(threshold)
        return tuple(
            f for f in self.findings if f.waiver_expired or (f.waived is None and severity_rank(f.severity) >= t)
        )

    def failed(self, threshold: str = "high") -> bool:
        return bool(self.blocking(threshold)) or any(d.is_error for d in self.diagnostics)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in reversed(SEVERITIES)}
        for f in self.findings:
            if f.waived is None:
                out[f.severity] += 1
        out["waived"] = len(self.waived)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "frameworks": list(self.frameworks),
            "today": self.today,
            "rules": len(self.rules),
            "counts": self.counts(),
            "findings": [f.to_json() for f in self.findings],
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


def build_input(ir: IR, frameworks: Sequence[str], cost: dict[str, Any] | None, today: str) -> dict[str, Any]:
    return {"ir": ir.to_json(), "frameworks": list(frameworks), "cost": cost, "today": today}


def evaluate(
    ir: IR,
    frameworks: Sequence[str] | None = None,
    cost: dict[str, Any] | None = None,
    policy_dirs: Sequence[str | os.PathLike[str]] = (),
    opa_url: str | None = None,
    today: str | None = None,
    *,
    timeout: float | None = None,
    bundle_mode: bool = False,
    bundle_revision: str | None = None,
) -> PolicyReport:
    """Evaluate the policy library (+ organisation dirs) on `ir`; see the module docstring.
    `timeout` (seconds) bounds the whole evaluation; None: AUTODEPLOY_GATE_TIMEOUT, else 60 s
    local / 30 s server. `bundle_mode`: the server at `opa_url` runs the library's bundle and
    must prove its revision (`bundle_revision`, else this library's); nothing is uploaded."""
    fws = tuple(frameworks) if frameworks is not None else tuple(ir.deployment.compliance)
    today = today or _dt.date.today().isoformat()
    deadline = Deadline.for_run(timeout, server=bool(opa_url))
    doc = build_input(ir, fws, cost, today)
    with deadline.progress():
        if opa_url:
            try:
                binary: str | None = _opa.find_opa(deadline.remaining())  # only for `opa inspect`
            except PolicyEngineError:
                binary = None  # Python reads the metadata instead
            lib = _library.load(policy_dirs, binary, deadline)
            if bundle_mode:
                engine = _bundle_server.ENGINE
                answer = _bundle_server.eval_bundle_server(opa_url, lib, doc, deadline, bundle_revision)
            else:
                engine = _opa_server.ENGINE
                answer = _opa_server.eval_server(opa_url, lib, doc, deadline)
            value = _proof.server_value(answer, engine)
        else:
            binary = _opa.find_opa(deadline.remaining())
            lib = _library.load(policy_dirs, binary, deadline, prebuild=True)
            engine = "opa eval"
            value = _proof.local_value(_opa.eval_local(binary, lib, doc, deadline), engine)
        raw = _proof.check(value, lib, engine)
    rules = {r.id: r for r in lib.rules}
    findings = _waivers.apply([Finding.from_opa(d) for d in raw], ir.waivers, today)
    findings.sort(key=Finding.sort_key)
    diags = _waivers.check(ir.waivers, rules, today)
    known_fws = {fw for r in rules.values() for fw in r.frameworks}
    for fw in fws:
        if known_fws and fw not in known_fws:
            diags.append(
                diag(
                    "ADL3007",
                    ir.deployment.attr_spans.get("compliance", ir.deployment.span),
                    framework=fw,
                    hint="frameworks with rules: " + ", ".join(sorted(known_fws)),
                )
            )
    return PolicyReport(
        findings=tuple(findings),
        frameworks=fws,
        rules=lib.rules,
        diagnostics=tuple(sorted(diags, key=Diagnostic.sort_key)),
        today=today,
        engine=engine,
        cost=cost,
        anchor=ir.deployment.span or (Span(ir.files[0], 1, 1, 1, 2) if ir.files else None),
        revision=lib.revision,
    )
