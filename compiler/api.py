"""compile_source / compile_file: text -> (IR, Graph, diagnostics). Never raises on bad input."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from functools import cached_property

from autodeploy.fsutil import UnreadableFile, read_text

from .buildable import check_buildable
from .catalogue import diag
from .checker import check
from .diagnostics import Diagnostic, DiagnosticBag, render_json, render_text
from .graph import Graph
from .ir import IR
from .loader import display_path, load


@dataclass(frozen=True)
class CompileResult:
    ir: IR | None
    graph: Graph | None
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.ir is not None and not any(d.is_error for d in self.diagnostics)

    @cached_property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    def render(self, fmt: str = "text") -> str:
        if fmt == "json":
            return render_json(self.diagnostics)
        return render_text(self.diagnostics, self.sources)


def compile_source(text: str, filename: str = "<string>", params: dict[str, str] | None = None,
                   base_dir: str | None = None) -> CompileResult:
    # The compiler allocates many small, long-lived objects and frees almost none: the
    # cyclic GC's repeated full scans made 10k-resource files super-linear, so pause it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compile(text, filename, params, base_dir)
    finally:
        if enabled:
            gc.enable()


def _compile(text: str, filename: str, params: dict[str, str] | None, base_dir: str | None) -> CompileResult:
    closure = load(text, filename, base_dir)
    bag = DiagnosticBag()
    bag.extend(closure.diags)
    if any(d.is_error and d.code.startswith("ADL00") for d in closure.diags):
        # the closure could not be read whole: names and types would only add noise
        return CompileResult(None, None, bag.sorted(), closure.sources)
    ir, diags = check(closure.modules, params or {}, filename)
    bag.extend(diags)
    graph = Graph.from_ir(ir)
    bag.extend(graph.cycle_diagnostics())
    if not bag.has_errors:  # the last phase: on a file already broken it would only add noise
        bag.extend(check_buildable(ir))
    return CompileResult(ir, graph, bag.sorted(), closure.sources)


def compile_file(path: str | os.PathLike[str], params: dict[str, str] | None = None) -> CompileResult:
    path = os.fspath(path)
    name = display_path(path)
    try:
        text = read_text(path)  # a FIFO or device is refused, never waited on
    except UnreadableFile as exc:
        return CompileResult(None, None, (diag("ADL0102", None, path=name, reason=exc.reason),), {})
    return compile_source(text, name, params, os.path.dirname(os.path.abspath(path)))
