"""The files of one request, in a private folder the compiler reads as its project root.

A request carries the `.adl` text and its imports as a map {relative name: text}; the server
never reads a path a request names. The map is checked here (relative names of plain
components, `.adl` only, bounded) and written into a fresh owner-only temporary folder, which
becomes the worker's working directory and the compiler's root: imports resolve inside it
through the compiler's own confinement (compiler/confine.py), so an import of a name that is
not in the map is the CLI's "file not found" (ADL0101), and `../` is the CLI's ADL0111.
Spans name files by these relative names, exactly as the CLI run in that folder would."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic

from . import diagnostics as _registered  # noqa: F401  (ADL09xx)

MAX_FILES = 64
MAX_DEPTH = 8
_COMPONENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
USAGE_FILE = "usage.yml"  # where a request's usage overrides are written (not an .adl name: no clash)


def name_problem(name: str) -> str | None:
    """Why `name` may not name a file of the request, or None."""
    if not isinstance(name, str) or not name:
        return "it is empty"
    if "\\" in name or name.startswith("/"):
        return "it must be a relative path with `/` separators"
    parts = name.split("/")
    if len(parts) > MAX_DEPTH:
        return f"it is more than {MAX_DEPTH} folders deep"
    for part in parts:
        if part in (".", ".."):
            return "it must not contain `.` or `..`"
        if not _COMPONENT.fullmatch(part):
            return "each part must be letters, digits, `_`, `-` or `.` (not first)"
    if not name.endswith(".adl"):
        return "only `.adl` files can be sent"
    return None


def check_files(filename: str, imports: Mapping[str, str]) -> list[Diagnostic]:
    out = []
    if len(imports) > MAX_FILES:
        out.append(diag("ADL0903", None, problem=f"{len(imports)} imported files (at most {MAX_FILES})",
                        hint="send only the files the deployment imports"))
    for name in [filename, *sorted(imports)]:
        problem = name_problem(name)
        if problem is not None:
            out.append(diag("ADL0904", None, name=name, reason=problem))
    if filename in imports:
        out.append(diag("ADL0904", None, name=filename, reason="it is both the main file and an import"))
    return out


@contextmanager
def sandbox(files: Mapping[str, str]) -> Iterator[str]:
    """A fresh folder holding `files` (names already checked), as the working directory."""
    top = tempfile.mkdtemp(prefix="adl-req-")  # mode 0700
    cwd = os.getcwd()
    try:
        for name, text in files.items():
            path = os.path.join(top, *name.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="") as fh:
                fh.write(text)
        os.chdir(top)
        yield top
    finally:
        os.chdir(cwd)
        shutil.rmtree(top, ignore_errors=True)
