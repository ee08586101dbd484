"""The ADL compiler: parse -> check (names, types, defaults) -> IR -> dependency graph.

The names below load on first use (PEP 562): `from autodeploy.compiler.catalogue import diag`
must not pull in the parser (lark) for a command that never parses."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import CompileResult, compile_file, compile_source
    from .diagnostics import Diagnostic, Severity, Span
    from .graph import Graph
    from .ir import IR, IRResource

# public name -> the submodule that defines it
_LAZY = {
    "CompileResult": "api", "compile_file": "api", "compile_source": "api",
    "Diagnostic": "diagnostics", "Severity": "diagnostics", "Span": "diagnostics",
    "Graph": "graph", "IR": "ir", "IRResource": "ir",
}

__all__ = ["CompileResult", "Diagnostic", "Graph", "IR", "IRResource", "Severity", "Span", "compile_file",
           "compile_source"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value  # later lookups skip this hook
    return value
