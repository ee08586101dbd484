"""Render a PolicyReport: text (terminal), json, and a dispatcher for sarif/junit/markdown.
Every finding names its .adl file:line:col, rule, control ids and remediation."""

from __future__ import annotations

from collections.abc import Mapping

from autodeploy.compiler.diagnostics import render_text
from autodeploy.compiler.jsontext import dumps_indented

from .engine import SEVERITIES, Finding, PolicyReport, severity_rank


def where(f: Finding) -> str:
    return str(f.span) if f.span else "<deployment>"


def subject(f: Finding) -> str:
    if f.resource and f.kind:
        return f"{f.kind} `{f.resource}`" + (f".{f.attr}" if f.attr else "")
    return f"`{f.resource}`" if f.resource else "deployment"


def waiver_note(f: Finding) -> str | None:
    w = f.waiver
    if w is None:
        return None
    if f.waiver_expired:
        return (
            f"EXPIRED waiver ({w.span}) ended {w.expires} (owner {w.owner}): the finding counts again; "
            "renew or fix it"
        )
    return f"waived: {w.reason} (owner {w.owner}, until {w.expires}, {w.span})"


def summary_line(report: PolicyReport, threshold: str = "high") -> str:
    """`hipaa, pci_dss: 0 high+, 2 medium, 1 waived (12 rules)`"""
    counts = report.counts()
    t = severity_rank(threshold)
    at_or_above = sum(n for s, n in counts.items() if s in SEVERITIES and severity_rank(s) >= t)
    parts = [f"{at_or_above} {threshold}+"]
    for s in reversed(SEVERITIES[:t]):
        if counts[s]:
            parts.append(f"{counts[s]} {s}")
    parts.append(f"{counts['waived']} waived")
    if report.expired:
        parts.append(f"{len(report.expired)} under expired waiver")
    errors = sum(1 for d in report.diagnostics if d.is_error)
    if errors:
        parts.append(f"{errors} error(s)")
    fws = ", ".join(report.frameworks) or "no frameworks"
    return f"{fws}: " + ", ".join(parts) + f" ({len(report.rules)} rules)"


def render_text_report(
    report: PolicyReport, threshold: str = "high", sources: Mapping[str, str] | None = None
) -> str:
    out: list[str] = []
    for f in report.findings:
        mark = " [waived]" if f.waived else (" [waiver expired]" if f.waiver_expired else "")
        out.append(f"{where(f)}: {f.severity} {f.rule}{mark}: {subject(f)}: {f.message}")
        if f.title:
            out.append(f"    rule:     {f.title}")
        if f.controls:
            out.append(f"    controls: {', '.join(f.controls)}")
        if f.remediation:
            out.append(f"    fix:      {f.remediation}")
        note = waiver_note(f)
        if note:
            out.append(f"    {note}")
    text = "\n".join(out) + ("\n" if out else "")
    if report.diagnostics:
        text += render_text(report.diagnostics, dict(sources or {}))
    verdict = "FAIL" if report.failed(threshold) else "PASS"
    text += f"check {summary_line(report, threshold)}: {verdict} (--fail-on {threshold})\n"
    return text


def render_json_report(report: PolicyReport, threshold: str = "high") -> str:
    doc = report.to_json()
    doc["fail_on"] = threshold
    doc["failed"] = report.failed(threshold)
    doc["rule_catalogue"] = [r.to_json() for r in report.rules]
    return dumps_indented(doc)
