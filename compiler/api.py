"""compile_source / compile_file: text -> (IR, Graph, diagnostics). Never raises on bad input."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from functools import cached_property

from .buildable import check_buildable
from .catalogue import diag
from .checker import check
from .cloud_strings import check_tag_sets
from .confine import project_root
from .diagnostics import Diagnostic, DiagnosticBag, render_json, render_text
from .graph import Graph
from .ir import IR
from .loader import display_path, load
from .parser import PARSE_CODES
from .pathattrs import check_paths
from .redact import redact_ir
from .sourcefile import UnreadableFile, read_text
from .syntax import Module


@dataclass(frozen=True)
class CompileResult:
    ir: IR | None
    graph: Graph | None
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, str] = field(repr=False)  # the files' text: shown only through masked snippets
    # the secrets' values the IR redacts, by resource name: in memory only, for rewriting the file
    secret_values: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # the syntax trees read (imports first): the language server finds names and positions in them
    modules: tuple[Module, ...] = field(default=(), repr=False, compare=False)

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
                   base_dir: str | None = None, root: str | None = None, cloud: str | None = None) -> CompileResult:
    """`base_dir` is the directory imports and paths are relative to; `root` the project root they
    must stay inside (default: `base_dir`, else the working directory). `cloud` retargets the file to
    another cloud (`emit --cloud gcp`): its `cloud` is replaced, portable sizes resolve there."""
    # The compiler allocates many small, long-lived objects and frees almost none: the
    # cyclic GC's repeated full scans made 10k-resource files super-linear, so pause it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compile(text, filename, params, base_dir, root, cloud)
    finally:
        if enabled:
            gc.enable()


def _compile(text: str, filename: str, params: dict[str, str] | None, base_dir: str | None,
             root: str | None, cloud: str | None = None) -> CompileResult:
    closure = load(text, filename, base_dir, root)
    bag = DiagnosticBag()
    bag.extend(closure.diags)
    if any(d.is_error and (d.code.startswith("ADL00") or d.code in PARSE_CODES) for d in closure.diags):
        # the closure could not be read whole: names and types would only add noise
        return CompileResult(None, None, bag.sorted(), closure.sources, modules=tuple(closure.modules))
    ir, diags = check(closure.modules, params or {}, filename, cloud)
    ir, secret_values = redact_ir(ir)
    bag.extend(diags)
    bag.extend(check_tag_sets(ir))
    bag.extend(check_paths(ir, base_dir if base_dir is not None else os.getcwd(), project_root(root, base_dir)))
    graph = Graph.from_ir(ir)
    bag.extend(graph.cycle_diagnostics())
    if not bag.has_errors:  # the last phase: on a file already broken it would only add noise
        bag.extend(check_buildable(ir))
    return CompileResult(ir, graph, bag.sorted(), closure.sources, secret_values, tuple(closure.modules))


def compile_file(path: str | os.PathLike[str], params: dict[str, str] | None = None,
                 root: str | None = None, cloud: str | None = None) -> CompileResult:
    path = os.fspath(path)
    name = display_path(path)
    try:
        text = read_text(path)  # a FIFO or device is refused, never waited on
    except UnreadableFile as exc:
        return CompileResult(None, None, (diag("ADL0102", None, path=name, reason=exc.reason),), {})
    return compile_source(text, name, params, os.path.dirname(os.path.abspath(path)), root, cloud)
