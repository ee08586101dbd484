"""docs/kinds.md and docs/diagnostics.md are generated: they must match the code."""

from __future__ import annotations

from pathlib import Path

from autodeploy.docgen import diagnostics_markdown, kinds_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"
HINT = "regenerate with `.venv/bin/python -m autodeploy.docgen`"


def test_kinds_reference_is_current() -> None:
    assert (DOCS / "kinds.md").read_text(encoding="utf-8") == kinds_markdown(), HINT


def test_diagnostics_reference_is_current() -> None:
    assert (DOCS / "diagnostics.md").read_text(encoding="utf-8") == diagnostics_markdown(), HINT
