"""LSP answers (lsprotocol types) from the text, the cursor and the last compile's index.

Positions: LSP counts UTF-16 code units from 0; the compiler's spans count code points from 1.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from lsprotocol import types as t

from autodeploy.compiler.diagnostics import Diagnostic, Severity, Span
from autodeploy.compiler.fmt import format_source
from autodeploy.compiler.kinds import DEPLOYMENT, KINDS, WAIVER
from autodeploy.compiler.kinds import kind as kind_spec
from autodeploy.compiler.regions import REGIONS
from autodeploy.compiler.schema import (
    AttrSpec,
    KindSpec,
    TBool,
    TEnum,
    TList,
    TQty,
    TRef,
    TSize,
    TStr,
    TUnion,
    Type,
)
from autodeploy.compiler.units import CANONICAL, DIMENSIONS

from .context import Context, cursor_context, slot_of, word_at
from .index import Index, Symbol

KEYWORDS = ("deployment", "param", "import", "waive", "assert")
SOURCE = "autodeploy"


# ---- positions ----------------------------------------------------------------------------

def to_u16(line: str, cp: int) -> int:
    if line.isascii():
        return cp
    return len(line[:cp].encode("utf-16-le")) // 2


def from_u16(line: str, u16: int) -> int:
    if line.isascii():
        return min(u16, len(line))
    units = 0
    for i, ch in enumerate(line):
        if units >= u16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def span_range(span: Span, lines: list[str]) -> t.Range:
    def pos(line1: int, col1: int) -> t.Position:
        li = min(max(line1 - 1, 0), max(len(lines) - 1, 0))
        text = lines[li] if lines else ""
        return t.Position(line=li, character=to_u16(text, max(col1 - 1, 0)))

    return t.Range(start=pos(span.line, span.col), end=pos(span.end_line, span.end_col))


def uri_of(file: str, index: Index, root_uri: str) -> str:
    """Spans name the open document as `index.root` and other files by their path."""
    if file == index.root:
        return root_uri
    return Path(os.path.abspath(file)).as_uri()


def _lines_for(file: str, index: Index, root_lines: list[str]) -> list[str]:
    if file == index.root:
        return root_lines
    return lines_of(index.result.sources.get(file, ""))


# ---- diagnostics --------------------------------------------------------------------------

_SEVERITY = {
    Severity.ERROR: t.DiagnosticSeverity.Error,
    Severity.WARNING: t.DiagnosticSeverity.Warning,
    Severity.INFO: t.DiagnosticSeverity.Information,
}


def to_lsp_diagnostics(diags: tuple[Diagnostic, ...], root: str, lines: list[str]) -> list[t.Diagnostic]:
    """The diagnostics located in the open document; one in an imported file is shown on line 1
    with its place, so an error the editor cannot show in that file is not lost."""
    out: list[t.Diagnostic] = []
    for d in diags:
        message = d.message + (f"\n{d.help}" if d.help else "")
        if d.span is not None and d.span.file == root:
            rng = span_range(d.span, lines)
        else:
            rng = t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0))
            if d.span is not None:
                message = f"{d.span}: {message}"
        out.append(t.Diagnostic(range=rng, message=message, severity=_SEVERITY[d.severity], code=d.code,
                                source=SOURCE))
    return out


# ---- the registry, as editors show it -------------------------------------------------------

def spec_of(block_kind: str) -> KindSpec | None:
    if block_kind == "deployment":
        return DEPLOYMENT
    if block_kind == "waive":
        return WAIVER
    return kind_spec(block_kind)


def _show(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, list):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    if isinstance(v, dict):
        if set(v) == {"min", "max"}:
            return f"{v['min']}..{v['max']}"
        return "{ " + ", ".join(f"{k}: {_show(x)}" for k, x in v.items()) + " }"
    return str(v)


def default_text(a: AttrSpec) -> str:
    unit = f" {a.type.canonical}" if isinstance(a.type, TQty) else ""
    if a.required:
        return "required"
    parts = []
    if a.default is not None:
        parts.append(f"`{_show(a.default)}{unit}`")
    parts += [f"`{_show(d)}{unit}` ({c})" for c, d in a.cloud_default]
    parts += [f"`{_show(d)}{unit}` ({v})" for v, d in a.variant_default]
    return ", ".join(parts) if parts else "none"


def attr_markdown(kind: str, a: AttrSpec) -> str:
    unit = f" · unit: `{a.type.canonical}`" if isinstance(a.type, TQty) else ""
    out = f"**{kind}.{a.name}**: {a.type.describe()}\n\ndefault: {default_text(a)}{unit}"
    if a.doc:
        out += f"\n\n{a.doc}"
    return out


def kind_markdown(spec: KindSpec) -> str:
    out = f"**{spec.name}**: {spec.doc}"
    if spec.variants:
        out += "\n\nvariants: " + ", ".join(f"`{v}`" for v in spec.variants)
    return out


def _money(x: float) -> str:
    return f"${x:,.2f}/month"


def symbol_markdown(sym: Symbol, index: Index) -> str:
    if sym.kind == "param":
        return f"**param** `{sym.name}`: {sym.variant}"
    head = f"**{sym.kind}** `{sym.name}`" + (f" : {sym.variant}" if sym.variant else "")
    spec = spec_of(sym.kind)
    if spec is not None:
        head += f"\n\n{spec.doc}"
    if sym.kind == "deployment":
        return head
    report = index.cost()
    rc = report.resource(sym.name) if report is not None else None
    if rc is not None:
        unknown = [c.name for c in rc.components if c.monthly is None]
        line = f"estimated cost: {_money(rc.monthly)}"
        if unknown:
            line += " (no price known for: " + ", ".join(unknown) + ")"
        head += "\n\n" + line
    failing = index.findings.get(sym.name)
    if failing:
        head += "\n\npolicy findings: " + ", ".join(f"`{r}`" for r in failing)
    return head


def rule_markdown(rule: Any) -> str:
    out = f"**{rule.id}** ({rule.severity}): {rule.title}"
    if rule.description and rule.description != rule.title:
        out += f"\n\n{rule.description}"
    if rule.controls:
        out += "\n\ncontrols: " + ", ".join(rule.controls)
    if rule.remediation:
        out += f"\n\nfix: {rule.remediation}"
    return out


# ---- completion ---------------------------------------------------------------------------

def _item(label: str, kind: t.CompletionItemKind, detail: str = "", doc: str = "",
          insert: str | None = None) -> t.CompletionItem:
    return t.CompletionItem(
        label=label, kind=kind, detail=detail or None,
        documentation=t.MarkupContent(kind=t.MarkupKind.Markdown, value=doc) if doc else None,
        insert_text=insert, sort_text=label,
    )


def _cloud(index: Index | None) -> str:
    if index is not None and index.result.ir is not None:
        return index.result.ir.deployment.cloud
    return "aws"


def _values(ty: Type, index: Index | None, in_string: bool, out: list[t.CompletionItem]) -> None:
    if isinstance(ty, TEnum):
        out += [_item(v, t.CompletionItemKind.EnumMember) for v in ty.values]
    elif isinstance(ty, TBool):
        out += [_item(v, t.CompletionItemKind.Keyword) for v in ("true", "false")]
    elif isinstance(ty, TSize):
        from autodeploy.compiler.sizes import CLASSES

        out += [_item(v, t.CompletionItemKind.EnumMember, detail=f"{c:g} vCPU, {m:g} GB")
                for v, (c, m) in CLASSES.items()]
    elif isinstance(ty, TList):
        _values(ty.item, index, in_string, out)
    elif isinstance(ty, TUnion):
        for o in ty.options:
            _values(o, index, in_string, out)
    elif isinstance(ty, TRef) and index is not None:
        for sym in sorted(index.symbols.values(), key=lambda x: x.name):
            if sym.kind in ("param", "deployment") or (ty.kinds and sym.kind not in ty.kinds):
                continue
            out.append(_item(sym.name, t.CompletionItemKind.Reference, detail=sym.kind))
    elif isinstance(ty, TStr) and ty.check == "region":
        for r in sorted(REGIONS.get(_cloud(index), ())):
            out.append(_item(r, t.CompletionItemKind.Value, insert=r if in_string else f'"{r}"'))


def completion(index: Index | None, lines: list[str], line: int, u16: int) -> list[t.CompletionItem]:
    if line >= len(lines):
        return []
    char = from_u16(lines[line], u16)
    ctx = cursor_context(lines, line, char)
    slot = slot_of(ctx)
    if slot is None:
        return []
    if slot.what == "keyword":
        out = [_item(k, t.CompletionItemKind.Keyword) for k in KEYWORDS]
        out += [_item(k.name, t.CompletionItemKind.Class, detail="kind", doc=kind_markdown(k))
                for k in sorted(KINDS.values(), key=lambda k: k.name)]
        return out
    if slot.what == "variant":
        spec = kind_spec(slot.attr)
        return [_item(v, t.CompletionItemKind.EnumMember) for v in spec.variants] if spec else []
    if slot.what == "member":
        sym = index.symbols.get(slot.target) if index is not None else None
        spec = kind_spec(sym.kind) if sym is not None else None
        return [_item(m, t.CompletionItemKind.Field, detail=f"{sym.kind} member")
                for m in spec.members] if spec and sym else []
    assert ctx.block is not None
    spec = spec_of(ctx.block.kind)
    if spec is None:
        return []
    if slot.what == "name":
        return [_item(a.name, t.CompletionItemKind.Property, detail=a.type.describe(),
                      doc=attr_markdown(spec.name, a), insert=f"{a.name} = ") for a in spec.attrs]
    a = spec.attr(slot.attr)
    if a is None:
        return []
    if slot.what == "unit":
        if not isinstance(a.type, TQty):
            return []
        dim = CANONICAL[a.type.canonical][0]
        return [_item(u, t.CompletionItemKind.Unit) for u in DIMENSIONS[dim]]
    values: list[t.CompletionItem] = []
    _values(a.type, index, slot.in_string, values)
    return values


# ---- hover, definition, references --------------------------------------------------------

def _is_attr_name(ctx: Context, line_text: str, end: int) -> bool:
    return ctx.block is not None and line_text[end:].lstrip().startswith("=") and not \
        line_text[end:].lstrip().startswith("==")


def hover(index: Index | None, lines: list[str], line: int, u16: int) -> t.Hover | None:
    if line >= len(lines):
        return None
    text = lines[line]
    found = word_at(text, from_u16(text, u16))
    if found is None:
        return None
    word, start, end = found
    ctx = cursor_context(lines, line, start)
    md = None
    if _is_attr_name(ctx, text, end):
        assert ctx.block is not None
        spec = spec_of(ctx.block.kind)
        a = spec.attr(word) if spec is not None else None
        if spec is not None and a is not None:
            md = attr_markdown(spec.name, a)
    elif index is not None and word in index.symbols:
        md = symbol_markdown(index.symbols[word], index)
    elif index is not None and word in index.rules:
        md = rule_markdown(index.rules[word])
    elif ctx.block is None and word in KINDS:
        md = kind_markdown(KINDS[word])
    if md is None:
        return None
    rng = t.Range(start=t.Position(line=line, character=to_u16(text, start)),
                  end=t.Position(line=line, character=to_u16(text, end)))
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=md), range=rng)


def symbol_at(index: Index | None, lines: list[str], line: int, u16: int) -> Symbol | None:
    if index is None or line >= len(lines):
        return None
    text = lines[line]
    found = word_at(text, from_u16(text, u16))
    if found is None:
        return None
    word, start, end = found
    if _is_attr_name(cursor_context(lines, line, start), text, end):
        return None
    return index.symbols.get(word)


def definition(index: Index | None, lines: list[str], line: int, u16: int, uri: str) -> t.Location | None:
    sym = symbol_at(index, lines, line, u16)
    if sym is None or index is None:
        return None
    f = sym.name_span.file
    return t.Location(uri=uri_of(f, index, uri), range=span_range(sym.name_span, _lines_for(f, index, lines)))


def references(index: Index | None, lines: list[str], line: int, u16: int, uri: str,
               include_declaration: bool) -> list[t.Location]:
    sym = symbol_at(index, lines, line, u16)
    if sym is None or index is None:
        return []
    spans = ([sym.name_span] if include_declaration else []) + [u.span for u in index.uses_of(sym.name)]
    return [t.Location(uri=uri_of(sp.file, index, uri), range=span_range(sp, _lines_for(sp.file, index, lines)))
            for sp in spans]


# ---- outline and formatting ---------------------------------------------------------------

def document_symbols(index: Index | None, lines: list[str]) -> list[t.DocumentSymbol]:
    from autodeploy.compiler import syntax as s

    if index is None:
        return []
    out: list[t.DocumentSymbol] = []
    for item in index.root_items:
        if isinstance(item, s.Resource | s.Deployment):
            kind = item.kind if isinstance(item, s.Resource) else "deployment"
            children = [t.DocumentSymbol(name=a.name, kind=t.SymbolKind.Property, range=span_range(a.span, lines),
                                         selection_range=span_range(a.name_span, lines)) for a in item.attrs]
            out.append(t.DocumentSymbol(
                name=item.name, detail=kind,
                kind=t.SymbolKind.Module if kind == "deployment" else t.SymbolKind.Object,
                range=span_range(item.span, lines), selection_range=span_range(item.name_span, lines),
                children=children))
        elif isinstance(item, s.Param):
            out.append(t.DocumentSymbol(name=item.name, detail=f"param: {item.type}", kind=t.SymbolKind.Variable,
                                        range=span_range(item.span, lines),
                                        selection_range=span_range(item.name_span, lines)))
        elif isinstance(item, s.Waiver):
            out.append(t.DocumentSymbol(name=f"waive {item.rule} on {item.target}", kind=t.SymbolKind.Event,
                                        range=span_range(item.span, lines),
                                        selection_range=span_range(item.rule_span, lines)))
    return out


def formatting(text: str, name: str) -> list[t.TextEdit] | None:
    """One edit replacing the whole text with `fmt`'s layout; None when the text does not parse."""
    formatted, _ = format_source(text, name)
    if formatted is None:
        return None
    if formatted == text:
        return []
    lines = lines_of(text)
    end = t.Position(line=len(lines) - 1, character=to_u16(lines[-1], len(lines[-1])))
    return [t.TextEdit(range=t.Range(start=t.Position(line=0, character=0), end=end), new_text=formatted)]


# ---- quick fixes --------------------------------------------------------------------------

_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")


def _range_text(lines: list[str], rng: t.Range) -> str | None:
    if rng.start.line != rng.end.line or rng.start.line >= len(lines):
        return None
    line = lines[rng.start.line]
    return line[from_u16(line, rng.start.character):from_u16(line, rng.end.character)]


def quick_fixes(uri: str, lines: list[str], diagnostics: list[t.Diagnostic]) -> list[t.CodeAction]:
    """A did-you-mean in a diagnostic's help becomes an edit: `core.privte` -> `core.private`,
    `reports` -> `records`."""
    out: list[t.CodeAction] = []
    for d in diagnostics:
        m = _DID_YOU_MEAN.search(d.message)
        old = _range_text(lines, d.range)
        if m is None or not old:
            continue
        new = m.group(1)
        if "." in old and "." not in new:  # a member: keep the resource part
            new = old.rsplit(".", 1)[0] + "." + new
        if new == old:
            continue
        out.append(t.CodeAction(
            title=f"Change `{old}` to `{new}`", kind=t.CodeActionKind.QuickFix, diagnostics=[d], is_preferred=True,
            edit=t.WorkspaceEdit(changes={uri: [t.TextEdit(range=d.range, new_text=new)]})))
    return out


# ---- rename -------------------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class RenameRefused(ValueError):
    """The new name is not a name, or is taken: the editor shows the message."""


def rename(index: Index | None, lines: list[str], line: int, u16: int, uri: str,
           new_name: str) -> t.WorkspaceEdit | None:
    """The declaration and every use, in every file of the closure (imports included)."""
    sym = symbol_at(index, lines, line, u16)
    if sym is None or index is None:
        return None
    if not _NAME.fullmatch(new_name) or new_name in KEYWORDS or new_name in ("true", "false"):
        raise RenameRefused(f"`{new_name}` is not a valid ADL name")
    if new_name != sym.name and new_name in index.symbols:
        raise RenameRefused(f"`{new_name}` is already declared")
    changes: dict[str, list[t.TextEdit]] = {}
    for loc in references(index, lines, line, u16, uri, True):
        changes.setdefault(loc.uri, []).append(t.TextEdit(range=loc.range, new_text=new_name))
    return t.WorkspaceEdit(changes=changes)
