"""evaluate(ir) -> PolicyReport: run the Rego library on the IR with the local `opa eval`
or an OPA server, apply waivers, sort findings. Everything that can stop the gate from
running is a PolicyEngineError carrying an ADL3xxx diagnostic (the CLI exits 2)."""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, Span
from autodeploy.compiler.ir import IR

from . import opa as _opa
from . import waivers as _waivers
from .diagnostics import PolicyEngineError
from .waivers import Waiver

__all__ = ["SEVERITIES", "Finding", "PolicyEngineError", "PolicyReport", "RuleMeta", "Waiver", "evaluate"]

# lowest first; the gate's --fail-on takes one of the last four
SEVERITIES = ("info", "low", "medium", "high", "critical")


def severity_rank(s: str) -> int:
    return SEVERITIES.index(s) if s in SEVERITIES else 0


def _strs(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    if isinstance(v, dict):  # {"hipaa": ["164.312(b)"], ...} -> "hipaa 164.312(b)"
        return tuple(f"{k} {c}" for k in sorted(v) for c in _strs(v[k]))
    return tuple(str(x) for x in v)


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
            severity=str(d.get("severity", "low")),
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


def _rule_frameworks(custom: dict[str, Any]) -> tuple[str, ...]:
    """custom.frameworks plus the framework of every non-empty control list; control keys carry
    the standard's version (pci_dss_4_0) which the framework name (pci_dss) does not."""
    fws = set(_strs(custom.get("frameworks")))
    controls = custom.get("controls")
    if isinstance(controls, dict):
        fws |= {re.sub(r"(_\d+)+$", "", k) for k, ids in controls.items() if ids}
    return tuple(sorted(fws))


@dataclass(frozen=True)
class RuleMeta:
    """One rule of the library as its `# METADATA` annotation describes it."""

    id: str
    title: str
    description: str
    severity: str
    frameworks: tuple[str, ...]
    controls: tuple[str, ...]
    remediation: str
    file: str

    @classmethod
    def from_annotation(cls, a: dict[str, Any]) -> RuleMeta:
        c = a.get("custom") or {}
        return cls(
            id=str(c["id"]),
            title=str(a.get("title") or c["id"]),
            description=str(a.get("description") or a.get("title") or ""),
            severity=str(c.get("severity", "medium")),
            frameworks=_rule_frameworks(c),
            controls=_strs(c.get("controls")),
            remediation=str(c.get("remediation") or ""),
            file=_opa._rel(str(a.get("_file", ""))),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "severity": self.severity,
            "frameworks": list(self.frameworks),
            "controls": list(self.controls),
            "remediation": self.remediation,
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
                out[f.severity if f.severity in out else "info"] += 1
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
) -> PolicyReport:
    """Evaluate the policy library (+ organisation dirs) on `ir`; see the module docstring."""
    fws = tuple(frameworks) if frameworks is not None else tuple(ir.deployment.compliance)
    today = today or _dt.date.today().isoformat()
    dirs = _opa.policy_dirs(policy_dirs)
    doc = build_input(ir, fws, cost, today)
    if opa_url:
        try:
            binary: str | None = _opa.find_opa()  # only for `opa inspect`; Python reads metadata otherwise
        except PolicyEngineError:
            binary = None
        raw = _opa.eval_server(opa_url, dirs, doc)
        engine = "opa server"
    else:
        binary = _opa.find_opa()
        raw = _opa.eval_local(binary, dirs, doc)
        engine = "opa eval"
    rules: dict[str, RuleMeta] = {}
    for a in _opa.inspect_rules(binary, dirs):
        if isinstance(a.get("custom"), dict) and a["custom"].get("id"):
            meta = RuleMeta.from_annotation(a)
            rules.setdefault(meta.id, meta)
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
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)),
        diagnostics=tuple(sorted(diags, key=Diagnostic.sort_key)),
        today=today,
        engine=engine,
        cost=cost,
        anchor=ir.deployment.span or (Span(ir.files[0], 1, 1, 1, 2) if ir.files else None),
    )
