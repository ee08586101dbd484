"""Finding severities, lowest first. Matching is exact: a rule's `custom.severity` or an engine's
finding must be one of these lowercase words (policies/library.py and policies/proof.py reject
anything else, e.g. `HIGH`), so an unknown word can never rank as harmless."""

from __future__ import annotations

# the gate's --fail-on takes one of the last four
SEVERITIES = ("info", "low", "medium", "high", "critical")


def severity_rank(s: str) -> int:
    """Index in SEVERITIES; ValueError for anything else (validated input never has it)."""
    return SEVERITIES.index(s)
