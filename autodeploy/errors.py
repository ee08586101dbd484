"""Errors every layer above the compiler may raise for the CLI to report (exit 2)."""

from __future__ import annotations


class UsageError(Exception):
    """Bad invocation (missing file, bad flag value): exit 2 with a coded diagnostic, ADL0990 (or
    the `code` given: ADL0991 for a missing file) built by the CLI from the catalogue."""

    def __init__(self, message: str, *, code: str = "ADL0990", path: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.code, self.path, self.hint = code, path, hint


def no_such_file(path: str, hint: str = "") -> UsageError:
    """A file named on the command line is not there (ADL0991, exit 2)."""
    return UsageError(f"no such file: {path}", code="ADL0991", path=path, hint=hint)
