"""SARIF 2.1.0 for GitHub code scanning: one run, tool `autodeploy`, one rule descriptor per
library rule, one result per finding (waived ones carry an inSource suppression)."""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

from autodeploy.compiler.catalogue import templates
from autodeploy.compiler.jsontext import dumps_indented

from .engine import Finding, PolicyReport, RuleMeta

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# GitHub buckets security-severity: >=9 critical, 7-8.9 high, 4-6.9 medium, <4 low
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}


def _name(title: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", title)) or "Rule"


def _uri(path: str) -> dict[str, str]:
    if os.path.isabs(path):
        return {"uri": "file://" + path.replace(os.sep, "/")}
    return {"uri": path.replace(os.sep, "/"), "uriBaseId": "%SRCROOT%"}


def _rule(meta: RuleMeta) -> dict[str, Any]:
    help_text = meta.remediation or meta.description
    md = f"**{meta.title}**\n\n{meta.description}\n\n"
    if meta.controls:
        md += "Controls: " + ", ".join(f"`{c}`" for c in meta.controls) + "\n\n"
    if meta.remediation:
        md += f"Fix: {meta.remediation}\n"
    return {
        "id": meta.id,
        "name": _name(meta.title),
        "shortDescription": {"text": meta.title},
        "fullDescription": {"text": meta.description or meta.title},
        "help": {"text": help_text or meta.title, "markdown": md},
        "defaultConfiguration": {"level": LEVEL.get(meta.severity, "warning")},
        "properties": {
            "tags": ["compliance", *meta.frameworks, *meta.controls],
            "security-severity": SECURITY_SEVERITY.get(meta.severity, "5.5"),
            "precision": "very-high",
            "problem.severity": LEVEL.get(meta.severity, "warning"),
        },
    }


def _fallback_meta(f: Finding) -> RuleMeta:
    return RuleMeta(
        id=f.rule,
        title=f.title or f.rule,
        description=f.title or f.rule,
        severity=f.severity,
        frameworks=f.frameworks,
        controls=f.controls,
        remediation=f.remediation,
        file=f.source,
    )


def _region(span: Any) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.col,
        "endLine": span.end_line,
        "endColumn": max(span.end_col, span.col + 1) if span.end_line == span.line else span.end_col,
    }


def _result(f: Finding, index: int, anchor: Any) -> dict[str, Any]:
    text = f"{f.message}"
    if f.controls:
        text += f" Controls: {', '.join(f.controls)}."
    if f.remediation:
        text += f" Fix: {f.remediation}"
    if f.waiver_expired and f.waiver:
        text += f" (waiver expired {f.waiver.expires}; owner {f.waiver.owner})"
    res: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": text},
        "partialFingerprints": {
            "adlFinding/v1": hashlib.sha256(f"{f.rule}|{f.resource}|{f.attr}".encode()).hexdigest()[:32]
        },
        "properties": {
            "severity": f.severity,
            "resource": f.resource,
            "kind": f.kind,
            "attr": f.attr,
            "frameworks": list(f.frameworks),
            "controls": list(f.controls),
        },
    }
    span = f.span or anchor  # GitHub rejects results without a location
    if span is not None:
        res["locations"] = [{"physicalLocation": {"artifactLocation": _uri(span.file), "region": _region(span)}}]
    if f.waived is not None:
        w = f.waived
        res["suppressions"] = [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": w.reason,
                "location": {"physicalLocation": {"artifactLocation": _uri(w.span.file), "region": _region(w.span)}},
                "properties": {"owner": w.owner, "expires": w.expires},
            }
        ]
    return res


def to_sarif(report: PolicyReport) -> dict[str, Any]:
    metas: dict[str, RuleMeta] = {r.id: r for r in report.rules}
    for f in report.findings:
        metas.setdefault(f.rule, _fallback_meta(f))
    titles = {t.code: t.title for t in templates()}
    rules = [_rule(metas[k]) for k in sorted(metas)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(f, index[f.rule], report.anchor) for f in report.findings]
    # gate diagnostics (e.g. ADL3002, a waiver for an unknown rule) are results too, at the waiver
    for d in report.diagnostics:
        if d.code not in index:
            rules.append(
                {
                    "id": d.code,
                    "name": _name(titles.get(d.code, d.code)),
                    "shortDescription": {"text": titles.get(d.code, d.code)},
                    "fullDescription": {"text": titles.get(d.code, d.code)},
                    "help": {"text": d.help or titles.get(d.code, d.code)},
                    "properties": {"tags": ["autodeploy-gate"]},
                }
            )
            index[d.code] = len(rules) - 1
        r: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.is_error else "warning",
            "message": {"text": d.message},
        }
        dspan = d.span or report.anchor
        if dspan is not None:
            r["locations"] = [{"physicalLocation": {"artifactLocation": _uri(dspan.file), "region": _region(dspan)}}]
        results.append(r)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "autodeploy",
                        "informationUri": "https://github.com/autodeploy/autodeploy",
                        "version": "0.1.0",
                        "semanticVersion": "0.1.0",
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": "autodeploy/check/" + ",".join(report.frameworks)},
                "columnKind": "unicodeCodePoints",
                "properties": {"frameworks": list(report.frameworks), "today": report.today},
                "results": results,
            }
        ],
    }


def render_sarif(report: PolicyReport) -> str:
    return dumps_indented(to_sarif(report))
