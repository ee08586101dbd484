"""Errors every layer above the compiler may raise for the CLI to report (exit 2)."""

from __future__ import annotations


class UsageError(Exception):
    """Bad invocation (missing file, bad flag value): exit 2 with a message."""
