"""One policy report in any of the formats `autodeploy check --format` offers. The format modules
import report.py's helpers, and this module imports them all, so none of them imports back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import PolicyReport

# `check --format` offers these before anything is evaluated: each renderer (markdown's jinja2,
# junit's XML) is imported only when its format is asked for
FORMATS = ("text", "json", "sarif", "junit", "markdown")


def render(
    report: PolicyReport, fmt: str, threshold: str = "high", sources: Mapping[str, str] | None = None
) -> str:
    if fmt == "text":
        from .report import render_text_report

        return render_text_report(report, threshold, sources)
    if fmt == "json":
        from .report import render_json_report

        return render_json_report(report, threshold)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(report)
    if fmt == "junit":
        from .junit import render_junit

        return render_junit(report, threshold)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, threshold)
    raise ValueError(f"unknown format {fmt!r}")
