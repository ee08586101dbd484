"""Paths named inside `.adl` files stay inside the project root.

An `.adl` file may come from a pull request or an LLM answer, so a path it names (an
import, a function's `code`) is untrusted: it must be relative, must not climb above the
root through `..`, and must not leave it through a symlink. The root is the main file's
directory unless the caller passes one (`--root`, the language server, the service).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

_CONTROL = {chr(c) for c in range(0x20)} | {"\x7f"}


@dataclass(frozen=True)
class Outside:
    """Why a path is refused: the catalogue code and its fields."""

    code: str
    reason: str


def project_root(root: str | None, base_dir: str | None) -> str:
    """The absolute root: the explicit one, else the main file's directory, else the working directory."""
    return os.path.abspath(root if root is not None else base_dir if base_dir is not None else os.getcwd())


def within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives
        return False


def lexical_problem(path: str) -> Outside | None:
    """What is wrong with `path` whatever the root: control characters, an absolute path."""
    if any(c in _CONTROL for c in path):
        return Outside("ADL0114", "it contains a control character")
    if os.path.isabs(path) or path.startswith("~"):
        return Outside("ADL0110", "it is an absolute path")
    if not path.strip():
        return Outside("ADL0114", "it is empty")
    return None


def resolve(path: str, base_dir: str, root: str) -> tuple[str, Outside | None]:
    """The absolute (lexical) target of `path` written in a file in `base_dir`, or why it is refused.

    The target may not exist; when it does, its real path (symlinks followed) must be inside
    the real root too."""
    lexical = lexical_problem(path)
    if lexical is not None:
        return "", lexical
    target = os.path.normpath(os.path.join(base_dir, path))
    if not within(target, root):
        return target, Outside("ADL0111", f"it resolves to {target}, above the project root {root}")
    if os.path.lexists(target) and not within(os.path.realpath(target), os.path.realpath(root)):
        return target, Outside("ADL0111", f"a symlink leads it out of the project root {root}")
    return target, None
