"""One policy report in any of the formats `autodeploy check --format` offers. The format modules
import report.py's helpers, and this module imports them all, so none of them imports back."""

from __future__ import annotations

from collections.abc import Mapping

from .engine import PolicyReport
from .junit import render_junit
from .markdown import render_markdown
from .report import render_json_report, render_text_report
from .sarif import render_sarif

FORMATS = ("text", "json", "sarif", "junit", "markdown")


def render(
    report: PolicyReport, fmt: str, threshold: str = "high", sources: Mapping[str, str] | None = None
) -> str:
    if fmt == "text":
        return render_text_report(report, threshold, sources)
    if fmt == "json":
        return render_json_report(report, threshold)
    if fmt == "sarif":
        return render_sarif(report)
    if fmt == "junit":
        return render_junit(report, threshold)
    if fmt == "markdown":
        return render_markdown(report, threshold)
    raise ValueError(f"unknown format {fmt!r}")
