"""`autodeploy fmt`: one canonical layout, idempotent, comments kept.

Layout (like `terraform fmt`): two-space indent, one attribute per line, `=` aligned
over runs of consecutive attributes, one blank line around blocks, at most one blank
line anywhere. Comments are re-attached to the nearest statement or attribute: a
comment on its own line leads the next element, a comment after code trails it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import syntax as s
from .comments import Comment, scan_comments, source_lines
from .diagnostics import Diagnostic
from .parser import BOM, parse

# fullmatch, never `^...$`: `$` also matches before a trailing newline, so the key "a\n"
# would print bare as `a` and change meaning.
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _quote(v: str) -> str:
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def value(v: s.Value) -> str:
    match v:
        case s.Str():
            return _quote(v.value)
        case s.Num():
            return v.text
        case s.Quantity():
            return f"{v.amount.text} {v.unit}"
        case s.Range():
            return f"{v.low.text}..{v.high.text}"
        case s.Date():
            return v.value
        case s.Bool():
            return "true" if v.value else "false"
        case s.Ref():
            return v.text
        case s.ListV():
            return "[" + ", ".join(value(i) for i in v.items) + "]"
        case s.Threshold():
            amount = v.amount.text if v.unit is None else f"{v.amount.text} {v.unit}"
            return f"{v.stat} {v.op} {amount}" if v.stat else f"{v.op} {amount}"
        case s.MapV():
            if not v.items:
                return "{}"
            pairs = ", ".join(f"{k if _IDENT.fullmatch(k) else _quote(k)}: {value(x)}" for k, _, x in v.items)
            return "{ " + pairs + " }"
    raise AssertionError(v)


@dataclass
class _Slot:
    leading: list[Comment] = field(default_factory=list)
    trailing: list[Comment] = field(default_factory=list)


def _end(el: s.Attr | s.Item) -> tuple[int, int]:
    return el.span.end_line, el.span.end_col


def _assign(elements: list[s.Attr] | list[s.Item], comments: list[Comment]) -> tuple[list[_Slot], list[Comment]]:
    """Attach comments to elements; returns per-element slots and the dangling rest."""
    slots = [_Slot() for _ in elements]
    dangling: list[Comment] = []
    for c in comments:
        placed = False
        # trailing: after code that ends on the comment's line (the last such element)
        for i in range(len(elements) - 1, -1, -1):
            end_line, end_col = _end(elements[i])
            if end_line == c.line and c.col >= end_col:
                slots[i].trailing.append(c)
                placed = True
                break
        if placed:
            continue
        for i, el in enumerate(elements):
            if el.span.line > c.line:
                slots[i].leading.append(c)
                placed = True
                break
        if not placed:
            dangling.append(c)
    return slots, dangling


def _blank_before(el_line: int, prev_end: int | None, leading: list[Comment], blank_lines: set[int]) -> bool:
    if prev_end is None:
        return False
    first = leading[0].line if leading else el_line
    return any(prev_end < ln < first for ln in blank_lines)


def _block(header: str, attrs: tuple[s.Attr, ...], comments: list[Comment], header_line: int,
           blank_lines: set[int], out: list[str]) -> list[Comment]:
    """Write a block; returns comments that belong after the closing brace."""
    if not attrs and not comments:
        out.append(header + " {}")
        return []
    if len(attrs) == 1 and not comments and attrs[0].span.line == header_line == attrs[0].span.end_line:
        # a one-attribute block written on one line stays on one line (as terraform fmt allows)
        out.append(f"{header} {{ {attrs[0].name} = {value(attrs[0].value)} }}")
        return []
    head_comments = [c for c in comments if c.line == header_line and (not attrs or attrs[0].span.line != c.line)]
    rest = [c for c in comments if c not in head_comments]
    slots, dangling = _assign(list(attrs), rest)
    out.append(header + " {" + "".join("  " + c.text for c in head_comments))
    # alignment runs: consecutive attributes without blank lines or comments between them
    runs: list[list[int]] = []
    prev_end: int | None = None
    for i, a in enumerate(attrs):
        gap = _blank_before(a.span.line, prev_end, slots[i].leading, blank_lines)
        if i == 0 or gap or slots[i].leading:
            runs.append([i])
        else:
            runs[-1].append(i)
        prev_end = a.span.end_line
    prev_end = None
    for run in runs:
        width = max(len(attrs[i].name) for i in run)
        for i in run:
            a = attrs[i]
            if _blank_before(a.span.line, prev_end, slots[i].leading, blank_lines):
                out.append("")
            _leading(slots[i].leading, "  ", blank_lines, out)
            line = f"  {a.name.ljust(width)} = {value(a.value)}"
            for c in slots[i].trailing:
                line += "  " + c.text
            out.append(line)
            prev_end = a.span.end_line
    for c in dangling:
        out.append("  " + c.text)
    out.append("}")
    return []


def _leading(comments: list[Comment], indent: str, blank_lines: set[int], out: list[str]) -> None:
    """Own-line comments, keeping (one) blank line where the source had one between them."""
    for j, c in enumerate(comments):
        if j and any(comments[j - 1].line < ln < c.line for ln in blank_lines):
            out.append("")
        out.append(indent + c.text)


def _header(item: s.Item) -> str:
    match item:
        case s.Deployment():
            return f"deployment {item.name}"
        case s.Resource():
            return f"{item.kind} {item.name}" + (f" : {item.variant}" if item.variant else "")
        case s.Waiver():
            return f"waive {item.rule} on {item.target}"
    raise AssertionError(item)


def format_module(module: s.Module, text: str) -> str:
    comments = scan_comments(text)
    lines = source_lines(text)
    blank_lines = {i for i, ln in enumerate(lines, 1) if not ln.strip()}
    items = list(module.items)
    # comments strictly inside a block belong to that block
    inner: dict[int, list[Comment]] = {i: [] for i in range(len(items))}
    top: list[Comment] = []
    for c in comments:
        owner = None
        for i, it in enumerate(items):
            if isinstance(it, (s.Deployment, s.Resource, s.Waiver)) and it.span.line < it.span.end_line:
                if it.span.line <= c.line < it.span.end_line:
                    owner = i
                    break
        (inner[owner] if owner is not None else top).append(c)
    slots, dangling = _assign(items, top)
    out: list[str] = []
    prev: s.Item | None = None
    for i, it in enumerate(items):
        is_block = isinstance(it, (s.Deployment, s.Resource, s.Waiver))
        if prev is not None:
            prev_block = isinstance(prev, (s.Deployment, s.Resource, s.Waiver))
            if is_block or prev_block or _blank_before(it.span.line, prev.span.end_line, slots[i].leading,
                                                       blank_lines):
                out.append("")
        _leading(slots[i].leading, "", blank_lines, out)
        match it:
            case s.Param():
                line = f"param {it.name}: {it.type}" + (f" = {value(it.default)}" if it.default else "")
                out.append(line)
            case s.Import():
                out.append(f"import {_quote(it.path)}")
            case s.Assertion():
                out.append(f"assert {'.'.join(it.path)} {it.op} {value(it.value)}")
            case _:
                _block(_header(it), it.attrs, inner[i], it.span.line, blank_lines, out)
        if slots[i].trailing:
            out[-1] += "".join("  " + c.text for c in slots[i].trailing)
        prev = it
    if dangling:
        if out:
            out.append("")
        out.extend(c.text for c in dangling)
    return "\n".join(out) + "\n" if out else ""


def format_source(text: str, file: str = "<string>") -> tuple[str | None, list[Diagnostic]]:
    text = text.removeprefix(BOM)  # the parser skips it too; the formatted file has none
    module, diags = parse(text, file)
    if module is None:
        return None, diags
    return format_module(module, text), []
