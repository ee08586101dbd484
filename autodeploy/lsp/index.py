"""The names a compiled closure defines and where each is used, read from its syntax trees.

Built once per compile (linear in the closure's size); answers to hover, definition and
references are then lookups. Positions are the compiler's spans (1-based, code points).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from autodeploy.compiler import syntax as s
from autodeploy.compiler.api import CompileResult
from autodeploy.compiler.diagnostics import Span
from autodeploy.compiler.kinds import DEPLOYMENT
from autodeploy.compiler.kinds import kind as kind_spec
from autodeploy.compiler.schema import TBool, TEnum, TList, Type


@dataclass(frozen=True)
class Symbol:
    name: str
    kind: str  # a resource kind, `deployment` or `param`
    variant: str | None
    name_span: Span
    span: Span


@dataclass(frozen=True)
class Use:
    """A name used as a value (`network = core.private`), a waiver target or an assertion's head."""

    name: str
    span: Span  # the name only (`core` in `core.private`)
    attr: str = ""  # the attribute holding it, when there is one


@dataclass
class Index:
    result: CompileResult
    root: str  # the open document's file name, as in spans
    symbols: dict[str, Symbol] = field(default_factory=dict)
    uses: list[Use] = field(default_factory=list)
    root_items: tuple[s.Item, ...] = ()
    _starts: list[tuple[int, int]] = field(default_factory=list)
    _cost: Any = None
    # from the policy pass, when it ran on this compile: rule metadata by id, failing rules by resource
    rules: dict[str, Any] = field(default_factory=dict)
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def item_at(self, line: int, col: int) -> s.Item | None:
        """The root file's top-level item spanning 1-based (line, col), by bisection."""
        i = bisect.bisect_right(self._starts, (line, col)) - 1
        if i < 0:
            return None
        item = self.root_items[i]
        if (item.span.end_line, item.span.end_col) < (line, col):
            return None
        return item

    def use_at(self, file: str, line: int, col: int) -> Use | None:
        for u in self.uses:
            sp = u.span
            if sp.file == file and sp.line == line and sp.col <= col <= sp.end_col:
                return u
        return None

    def uses_of(self, name: str) -> list[Use]:
        return [u for u in self.uses if u.name == name]

    def resource_kinds(self) -> dict[str, list[Symbol]]:
        out: dict[str, list[Symbol]] = {}
        for sym in self.symbols.values():
            out.setdefault(sym.kind, []).append(sym)
        return out

    def cost(self) -> Any:
        """The cost report of the closure, computed on first use (None when it cannot be)."""
        if self._cost is None:
            self._cost = _estimate(self.result)
        return self._cost or None


def _estimate(result: CompileResult) -> Any:
    if result.ir is None:
        return False
    from autodeploy.analytics.cost import estimate  # loaded on the first hover that shows a cost

    try:
        return estimate(result.ir)
    except Exception:  # a broken catalog or a pricing bug: hover shows no cost rather than a wrong one
        return False


def _plain(t: Type | None) -> bool:
    """A type whose bare names are enum words, never references."""
    if isinstance(t, TList):
        return _plain(t.item)
    return isinstance(t, TEnum | TBool)


def _refs(v: s.Value) -> list[s.Ref]:
    if isinstance(v, s.Ref):
        return [v]
    if isinstance(v, s.ListV):
        return [r for item in v.items for r in _refs(item)]
    if isinstance(v, s.MapV):
        return [r for _, _, item in v.items for r in _refs(item)]
    return []


def _name_span(span: Span, name: str) -> Span:
    return Span(span.file, span.line, span.col, span.line, span.col + len(name))


def build(result: CompileResult, root: str, previous: Index | None = None) -> Index:
    """`previous` is the document's last index: while the text does not parse (mid-keystroke),
    its names and outline stay in use, so completion still offers them."""
    idx = Index(result, root)
    if previous is not None and not any(m.file == root for m in result.modules):
        idx.symbols, idx.uses, idx.root_items, idx._starts = (
            previous.symbols, previous.uses, previous.root_items, previous._starts)
        return idx
    for module in result.modules:
        for item in module.items:
            if isinstance(item, s.Resource):
                idx.symbols.setdefault(item.name, Symbol(item.name, item.kind, item.variant, item.name_span, item.span))
            elif isinstance(item, s.Deployment):
                idx.symbols.setdefault(item.name, Symbol(item.name, "deployment", None, item.name_span, item.span))
            elif isinstance(item, s.Param):
                idx.symbols.setdefault(item.name, Symbol(item.name, "param", item.type, item.name_span, item.span))
        if module.file == root:
            idx.root_items = module.items
    for module in result.modules:
        for item in module.items:
            _collect_uses(idx, item)
    idx._starts = [(it.span.line, it.span.col) for it in idx.root_items]
    return idx


def _collect_uses(idx: Index, item: s.Item) -> None:
    if isinstance(item, s.Waiver):
        idx.uses.append(Use(item.target, item.target_span))
        return
    if isinstance(item, s.Assertion):
        idx.uses.append(Use(item.path[0], _name_span(item.path_span, item.path[0])))
        return
    if not isinstance(item, s.Resource | s.Deployment):
        return
    spec = kind_spec(item.kind) if isinstance(item, s.Resource) else DEPLOYMENT
    for a in item.attrs:
        spec_attr = spec.attr(a.name) if spec is not None else None
        if spec_attr is not None and _plain(spec_attr.type):
            continue
        for ref in _refs(a.value):
            if ref.name in idx.symbols:
                idx.uses.append(Use(ref.name, _name_span(ref.span, ref.name), a.name))
