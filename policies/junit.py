"""JUnit XML: one <testsuite> per framework, one <testcase> per rule (passing) or per finding
(a <failure> when it counts, <skipped> when waived). CI dashboards then show compliance as tests."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .engine import Finding, PolicyReport, RuleMeta, severity_rank
from .report import subject, waiver_note, where


def _case(suite: ET.Element, name: str, classname: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"name": name, "classname": classname, "time": "0"})


def _finding_case(suite: ET.Element, f: Finding, fw: str, threshold: str) -> str:
    case = _case(suite, f"{f.rule} {f.resource or 'deployment'}", f"autodeploy.{fw}.{f.rule}")
    body = (
        f"{where(f)}: {f.severity} {f.rule}: {subject(f)}: {f.message}\n"
        f"controls: {', '.join(f.controls) or '-'}\nfix: {f.remediation or '-'}\n"
    )
    if f.waived is not None:
        ET.SubElement(case, "skipped", {"message": waiver_note(f) or "waived"})
        return "skipped"
    if f.waiver_expired or severity_rank(f.severity) >= severity_rank(threshold):
        el = ET.SubElement(case, "failure", {"message": f"{f.rule}: {f.message}", "type": f.severity})
        el.text = body + (f"{waiver_note(f)}\n" if f.waiver_expired else "")
        return "failure"
    # below the gate's threshold: reported, not failing
    out = ET.SubElement(case, "system-out")
    out.text = f"below --fail-on {threshold}: " + body
    return "pass"


def render_junit(report: PolicyReport, threshold: str = "high") -> str:
    root = ET.Element("testsuites", {"name": "autodeploy check"})
    # a suite per selected framework, plus any framework a finding was pulled into (phi data brings
    # hipaa in) and "general" for rules tied to no framework (e.g. the budget)
    general = "general"
    suites = list(report.frameworks)
    suites += sorted({fw for f in report.findings for fw in f.frameworks} - set(suites))
    if general not in suites and (any(not f.frameworks for f in report.findings) or not suites):
        suites.append(general)

    def in_suite(fws: tuple[str, ...], fw: str) -> bool:
        return fw in fws if fw != general else not fws

    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f)
    metas: dict[str, RuleMeta] = {r.id: r for r in report.rules}
    totals = {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
    for fw in suites:
        suite = ET.SubElement(root, "testsuite", {"name": fw})
        n = {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
        ids = sorted(
            {r for r, m in metas.items() if in_suite(m.frameworks, fw)}
            | {f.rule for f in report.findings if in_suite(f.frameworks, fw)}
        )
        for rid in ids:
            fs = [f for f in by_rule.get(rid, []) if in_suite(f.frameworks, fw)]
            if not fs:
                title = metas[rid].title if rid in metas else rid
                _case(suite, f"{rid} {title}", f"autodeploy.{fw}.{rid}")
                n["tests"] += 1
                continue
            for f in fs:
                kind = _finding_case(suite, f, fw, threshold)
                n["tests"] += 1
                if kind == "failure":
                    n["failures"] += 1
                elif kind == "skipped":
                    n["skipped"] += 1
        for k, v in n.items():
            suite.set(k, str(v))
            totals[k] += v
    if report.diagnostics:
        suite = ET.SubElement(root, "testsuite", {"name": "diagnostics"})
        errs = 0
        for d in report.diagnostics:
            case = _case(suite, f"{d.code} {d.span or ''}".strip(), "autodeploy.diagnostics")
            if d.is_error:
                ET.SubElement(case, "error", {"message": d.message, "type": d.code}).text = d.help or ""
                errs += 1
        suite.set("tests", str(len(report.diagnostics)))
        suite.set("failures", "0")
        suite.set("skipped", "0")
        suite.set("errors", str(errs))
        totals["tests"] += len(report.diagnostics)
        totals["errors"] += errs
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
