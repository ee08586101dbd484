"""A markdown summary for a pull-request comment, rendered from policies/templates/check_summary.md.j2."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .engine import SEVERITIES, PolicyReport, severity_rank
from .report import subject, where


def _md(v: object) -> str:
    """Keep table cells in one cell: escape pipes, fold newlines."""
    return str(v if v is not None else "").replace("|", "\\|").replace("\n", " ")


def environment(templates: Path | None = None) -> jinja2.Environment:
    """The jinja2 set-up of the report templates (policies/templates unless `templates` is given)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates or Path(__file__).parent / "templates")),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _md
    return env


def render_markdown(report: PolicyReport, threshold: str = "high") -> str:
    counts = report.counts()
    t = severity_rank(threshold)
    findings = []
    for f in report.findings:
        if f.waived is not None:
            icon = "💤"
        elif f.waiver_expired or severity_rank(f.severity) >= t:
            icon = "❌"
        else:
            icon = "⚠️"
        findings.append(
            {
                "icon": icon,
                "severity": f.severity + (" (waived)" if f.waived else ""),
                "rule": f.rule,
                "title": f.title,
                "subject": subject(f),
                "where": where(f),
                "controls": ", ".join(f.controls),
                "remediation": f.remediation,
            }
        )

    def wv(f):  # type: ignore[no-untyped-def]
        w = f.waiver
        return {
            "rule": f.rule,
            "resource": f.resource,
            "reason": w.reason,
            "owner": w.owner,
            "expires": w.expires,
        }

    text = (
        environment()
        .get_template("check_summary.md.j2")
        .render(
            failed=report.failed(threshold),
            frameworks=list(report.frameworks),
            rules=len(report.rules),
            threshold=threshold,
            counts=[(s, counts[s]) for s in reversed(SEVERITIES) if s != "info" or counts[s]],
            waived=counts["waived"],
            findings=findings,
            waived_list=[wv(f) for f in report.waived],
            expired=[wv(f) for f in report.expired],
            diagnostics=[
                {
                    "severity": d.severity.value,
                    "code": d.code,
                    "where": str(d.span or "-"),
                    "message": d.message,
                    "help": d.help,
                }
                for d in report.diagnostics
            ],
        )
    )
    return text.rstrip("\n") + "\n"
