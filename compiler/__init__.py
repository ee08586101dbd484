"""The ADL compiler: parse -> check (names, types, defaults) -> IR -> dependency graph."""

from __future__ import annotations

from .api import CompileResult, compile_file, compile_source
from .diagnostics import Diagnostic, Severity, Span
from .graph import Graph
from .ir import IR, IRResource

__all__ = ["CompileResult", "Diagnostic", "Graph", "IR", "IRResource", "Severity", "Span", "compile_file",
           "compile_source"]
