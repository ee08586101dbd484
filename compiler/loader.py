"""Reads a root file and its import closure (imports first, each file once).

Imports are untrusted (see confine.py): each must name an `.adl` file inside the project
root, and is read only if it is a regular file. Only files read here reach the diagnostic
renderer's snippets, so no other file's lines are ever echoed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from . import syntax as s
from .catalogue import diag
from .confine import project_root, resolve
from .diagnostics import Diagnostic
from .parser import parse
from .sourcefile import UnreadableFile, read_text


def display_path(path: str) -> str:
    """Paths in spans are relative to the working directory when below it (stable goldens)."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


@dataclass
class Closure:
    modules: list[s.Module] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    diags: list[Diagnostic] = field(default_factory=list)


def load(root_text: str, root_name: str, root_dir: str | None, root: str | None = None) -> Closure:
    out = Closure()
    seen: set[str] = set()
    top = project_root(root, root_dir)

    def visit(text: str, name: str, directory: str | None) -> None:
        out.sources[name] = text
        module, diags = parse(text, name)
        out.diags.extend(diags)
        if module is None:
            return
        for item in module.items:
            if not isinstance(item, s.Import):
                continue
            base = directory if directory is not None else os.getcwd()
            target, refused = resolve(item.path, base, top)
            if refused is not None:
                out.diags.append(diag(refused.code, item.span, what="import", path=item.path, reason=refused.reason))
                continue
            if target in seen:
                continue
            if not item.path.endswith(".adl"):
                out.diags.append(diag("ADL0113", item.span, path=item.path))
                continue
            if not os.path.lexists(target):
                out.diags.append(diag("ADL0101", item.span, path=item.path,
                                      hint=f"looked for {display_path(target)}"))
                continue
            seen.add(target)
            try:
                sub = read_text(target)
            except UnreadableFile as exc:
                code = "ADL0112" if exc.not_regular else "ADL0102"
                out.diags.append(diag(code, item.span, path=item.path, reason=exc.reason))
                continue
            visit(sub, display_path(target), os.path.dirname(target))
        out.modules.append(module)  # after its imports: definitions come in dependency order

    if root_dir is not None:
        seen.add(os.path.normpath(os.path.join(root_dir, os.path.basename(root_name))))
    visit(root_text, root_name, root_dir)
    return out
