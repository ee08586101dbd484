"""Reads a root file and its import closure (imports first, each file once)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from . import syntax as s
from .catalogue import diag
from .diagnostics import Diagnostic
from .parser import parse


def display_path(path: str) -> str:
    """Paths in spans are relative to the working directory when below it (stable goldens)."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


@dataclass
class Closure:
    modules: list[s.Module] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    diags: list[Diagnostic] = field(default_factory=list)


def load(root_text: str, root_name: str, root_dir: str | None) -> Closure:
    out = Closure()
    seen: set[str] = set()

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
            target = os.path.normpath(os.path.join(base, item.path))
            if target in seen:
                continue
            if not os.path.isfile(target):
                hint = f"looked for {display_path(target)}"
                if not item.path.endswith(".adl"):
                    hint += "; ADL files end in `.adl`"
                out.diags.append(diag("ADL0101", item.span, path=item.path, hint=hint))
                continue
            seen.add(target)
            try:
                with open(target, encoding="utf-8") as fh:
                    sub = fh.read()
            except (OSError, UnicodeDecodeError) as exc:
                out.diags.append(diag("ADL0102", item.span, path=item.path, reason=str(exc)))
                continue
            visit(sub, display_path(target), os.path.dirname(target))
        out.modules.append(module)  # after its imports: definitions come in dependency order

    if root_dir is not None:
        seen.add(os.path.normpath(os.path.join(root_dir, os.path.basename(root_name))))
    visit(root_text, root_name, root_dir)
    return out
