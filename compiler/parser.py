"""Source text -> syntax tree. The LALR parser is built once per process (and cached
on disk by Lark); the transformer runs inside the parser, so no parse tree is built."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError
from lark.lexer import PatternStr

from . import syntax as s
from .catalogue import diag
from .comments import scan_comments
from .diagnostics import Diagnostic, Span, shown

_FRIENDLY = {
    "NAME": "a name",
    "DOTTED": "a name",
    "STRING": "a string",
    "NUMBER": "a number",
    "UNIT": "a unit",
    "DATE": "a date",
    "RULE_ID": "a rule id such as `ADLP-001`",
    "OP": "a comparison (`==`, `!=`, `<=`, `>=`, `<`, `>`, `contains`)",
    "$END": "end of file",
}


def _unescape(raw: str) -> str:
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    it = iter(body)
    for ch in it:
        if ch == "\\":
            nxt = next(it, "")
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


# Bounds on literals, so no input can overflow a float, exhaust Python's recursion limit or
# make int() refuse a 4,300-digit string: checked as the tokens are built, in linear time.
MAX_NUMBER_CHARS = 40
MAX_MAGNITUDE_DIGITS = 15  # integer part below 10**15: every such integer is exact as a float
MAX_NESTING = 32


class _Builder(Transformer):  # type: ignore[type-arg]
    """Builds syntax nodes straight from tokens; `file` is set per parse under a lock, and
    `problems` collects literals that break the bounds above (reset per parse)."""

    file = "<string>"

    def __init__(self) -> None:
        super().__init__()
        self.reset("<string>")

    def reset(self, file: str) -> None:
        self.file = file
        self.problems: list[Diagnostic] = []
        # id(list or map node) -> (the node, its nesting depth). Holding the node keeps its id from
        # being reused by a later value while the parse (and any error recovery) runs.
        self._depth: dict[int, tuple[object, int]] = {}

    def _nested(self, node: s.ListV | s.MapV, children: list[Any]) -> None:
        depth = 1 + max((self._depth.get(id(c), (None, 0))[1] for c in children), default=0)
        self._depth[id(node)] = (node, depth)
        if depth == MAX_NESTING + 1:  # report the outermost crossing once, not every level above it
            self.problems.append(diag("ADL0022", node.span, limit=MAX_NESTING))

    def _tok(self, t: Token) -> Span:
        return Span(self.file, t.line or 0, t.column or 0, t.end_line or 0, t.end_column or 0)

    def _join(self, a: Span, b: Span) -> Span:
        return Span(self.file, a.line, a.col, b.end_line, b.end_col)

    # ---- values -------------------------------------------------------------------
    def string(self, c: list[Token]) -> s.Str:
        return s.Str(_unescape(str(c[0])), self._tok(c[0]))

    def number(self, c: list[Token]) -> s.Num:
        return self._num(c[0])

    def _num(self, t: Token) -> s.Num:
        text = str(t)
        span = self._tok(t)
        whole = text.lstrip("-").split(".")[0].lstrip("0")
        if len(text) > MAX_NUMBER_CHARS:
            self.problems.append(diag("ADL0020", span, length=len(text), limit=MAX_NUMBER_CHARS))
            return s.Num(0, text, span)
        if len(whole) > MAX_MAGNITUDE_DIGITS:
            self.problems.append(diag("ADL0021", span, text=text, limit=f"10^{MAX_MAGNITUDE_DIGITS}"))
            return s.Num(0, text, span)
        value: int | float = float(text) if "." in text else int(text)
        return s.Num(value, text, span)

    def quantity(self, c: list[Token]) -> s.Quantity:
        n = self._num(c[0])
        return s.Quantity(n, str(c[1]), self._join(n.span, self._tok(c[1])))

    def range(self, c: list[Token]) -> s.Range:
        lo, hi = self._num(c[0]), self._num(c[1])
        return s.Range(lo, hi, self._join(lo.span, hi.span))

    def date(self, c: list[Token]) -> s.Date:
        return s.Date(str(c[0]), self._tok(c[0]))

    def true(self, c: list[Token]) -> s.Bool:
        return s.Bool(True, self._tok(c[0]))

    def false(self, c: list[Token]) -> s.Bool:
        return s.Bool(False, self._tok(c[0]))

    def ref(self, c: list[Any]) -> s.Ref:
        name, member = c[0], c[1]
        assert name is not None
        span = self._tok(name) if member is None else self._join(self._tok(name), self._tok(member))
        return s.Ref(str(name), None if member is None else str(member), span)

    def dotted(self, c: list[Token]) -> s.Ref:
        # one word to the checker, like a bare identifier: an enum value decides what it means
        return s.Ref(str(c[0]), None, self._tok(c[0]))

    def threshold(self, c: list[Any]) -> s.Threshold:
        stat, op, num, unit = c
        n = self._num(num)
        first = self._tok(stat) if stat is not None else self._tok(op)
        last = self._tok(unit) if unit is not None else n.span
        return s.Threshold(None if stat is None else str(stat), None if stat is None else self._tok(stat),
                           str(op), self._tok(op), n, None if unit is None else str(unit), self._join(first, last))

    def list_(self, c: list[Any]) -> s.ListV:
        span = self._join(self._tok(c[0]), self._tok(c[-1]))
        node = s.ListV(tuple(v for v in c[1:-1] if v is not None), span)
        self._nested(node, c[1:-1])
        return node

    def map_(self, c: list[Any]) -> s.MapV:
        span = self._join(self._tok(c[0]), self._tok(c[-1]))
        node = s.MapV(tuple(p for p in c[1:-1] if p is not None), span)
        self._nested(node, [p[2] for p in c[1:-1] if p is not None])
        return node

    def pair(self, c: list[Any]) -> tuple[str, Span, s.Value]:
        key = c[0]
        assert isinstance(key, Token)
        text = _unescape(str(key)) if key.type == "STRING" else str(key)
        return (text, self._tok(key), c[1])

    # ---- structure ------------------------------------------------------------------
    # children are heterogeneous (tokens and built nodes), hence list[Any]
    def attr(self, c: list[Any]) -> s.Attr:
        name, value = c[0], c[1]
        assert isinstance(name, Token)
        nspan = self._tok(name)
        return s.Attr(str(name), nspan, value, self._join(nspan, value.span))

    def block(self, c: list[Any]) -> tuple[tuple[s.Attr, ...], Span]:
        span = self._join(self._tok(c[0]), self._tok(c[-1]))
        return tuple(c[1:-1]), span

    def deployment(self, c: list[Any]) -> s.Deployment:
        kw, name, (attrs, bspan) = c
        return s.Deployment(str(name), self._tok(name), attrs, self._join(self._tok(kw), bspan))

    def param(self, c: list[Any]) -> s.Param:
        kw, name, typ, default = c
        end = default.span if default is not None else self._tok(typ)
        return s.Param(str(name), self._tok(name), str(typ), self._tok(typ), default,
                       self._join(self._tok(kw), end))

    def import_(self, c: list[Token]) -> s.Import:
        return s.Import(_unescape(str(c[1])), self._join(self._tok(c[0]), self._tok(c[1])))

    def resource(self, c: list[Any]) -> s.Resource:
        kind, name, variant, (attrs, bspan) = c
        return s.Resource(
            str(kind), self._tok(kind), str(name), self._tok(name),
            None if variant is None else str(variant),
            None if variant is None else self._tok(variant),
            attrs, self._join(self._tok(kind), bspan),
        )

    def waiver(self, c: list[Any]) -> s.Waiver:
        kw, rule, target, (attrs, bspan) = c
        return s.Waiver(str(rule), self._tok(rule), str(target), self._tok(target), attrs,
                        self._join(self._tok(kw), bspan))

    def path(self, c: list[Token]) -> tuple[tuple[str, ...], Span]:
        return tuple(str(t) for t in c), self._join(self._tok(c[0]), self._tok(c[-1]))

    def assertion(self, c: list[Any]) -> s.Assertion:
        kw, (path, pspan), op, value = c
        return s.Assertion(path, pspan, str(op), value, self._join(self._tok(kw), value.span))

    def start(self, c: list[s.Item]) -> tuple[s.Item, ...]:
        return tuple(c)


# `,` / `;` between attributes are optional, so a message never asks for one
_SEPARATORS = frozenset({",", ";"})
_BUILDER = _Builder()
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = resources.files("autodeploy.grammar").joinpath("adl.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        transformer=_BUILDER,
        maybe_placeholders=True,
        cache=True,
    )


def _describe_expected(expected: set[str]) -> str:
    terms = {t.name: t for t in _parser().terminals}
    names: list[str] = []
    if "NUMBER" in expected and "NAME" in expected:
        expected = expected | {"TRUE", "FALSE"}  # keywords are folded into NAME by Lark's lexer
        # where a value may start, a threshold's comparison (`< 1 %`) is a rare form: naming every
        # comparison there would bury what is usually missing (a number, a string, a name)
        expected = expected - {"OP"}
    for e in sorted(expected):
        if e.startswith("_") or (e in terms and isinstance(terms[e].pattern, PatternStr)
                                 and terms[e].pattern.value in _SEPARATORS):
            continue  # optional separators are never what the user is missing
        if e in _FRIENDLY:
            names.append(_FRIENDLY[e])
        elif e in terms and isinstance(terms[e].pattern, PatternStr):
            names.append(f"`{terms[e].pattern.value}`")
        else:
            names.append(e.lower())
    names = sorted(set(names))
    if len(names) <= 1:
        return "".join(names) or "something else"
    return ", ".join(names[:-1]) + " or " + names[-1]


def _describe_found(tok: Token) -> str:
    if tok.type == "$END":
        return "end of file"
    return {"NAME": "name", "STRING": "string", "NUMBER": "number", "UNIT": "unit"}.get(tok.type, "token") + (
        f" `{tok}`"
    )


def _syntax_diag(err: UnexpectedInput, file: str, text: str) -> Diagnostic:
    if isinstance(err, UnexpectedToken):
        tok = err.token
        if tok.type == "$END":
            line = text.count("\n") + 1
            col = len(text) - (text.rfind("\n") + 1) + 1
            return diag("ADL0003", Span.point(file, line, col), expected=_describe_expected(set(err.expected)))
        span = Span(file, tok.line or 1, tok.column or 1, tok.end_line or 1, tok.end_column or 2)
        return diag("ADL0001", span, found=_describe_found(tok), expected=_describe_expected(set(err.expected)))
    if isinstance(err, UnexpectedEOF):
        line = text.count("\n") + 1
        col = len(text) - (text.rfind("\n") + 1) + 1
        return diag("ADL0003", Span.point(file, line, col), expected=_describe_expected(set(err.expected)))
    assert isinstance(err, UnexpectedCharacters)
    span = Span.point(file, err.line, err.column)
    if err.char == '"':
        return diag("ADL0004", span)
    hint = "`${...}` interpolation only works inside strings" if err.char == "$" else ""
    if err.char in "'`":
        hint = "strings use double quotes"
    if err.char == BOM:
        return diag("ADL0023", span)
    return diag("ADL0002", span, char=err.char, hint=hint)


# A line that starts a top-level statement: where parsing resumes after a syntax error.
_STATEMENT_START = re.compile(
    r"^(?:(?:deployment|param|import|waive|assert)\b"
    r"|[A-Za-z_]\w*[ \t]+[A-Za-z_]\w*[ \t]*(?::[ \t]*[A-Za-z_]\w*[ \t]*)?\{)"
)
_MAX_SYNTAX_ERRORS = 20


def _error_line(err: UnexpectedInput) -> int | None:
    if isinstance(err, UnexpectedToken):
        return None if err.token.type == "$END" else err.token.line
    if isinstance(err, UnexpectedEOF):
        return None
    return err.line


def _recover(text: str, file: str, first: UnexpectedInput) -> list[Diagnostic]:
    """Report further syntax errors: resume at the next top-level statement after each error,
    as Bicep and rustc do, so one typo does not hide the rest of the file's problems."""
    diags = [_syntax_diag(first, file, text)]
    lines = text.split("\n")
    line = _error_line(first)
    while line is not None and len(diags) < _MAX_SYNTAX_ERRORS:
        start = next((i for i in range(line, len(lines)) if _STATEMENT_START.match(lines[i])), None)
        if start is None:
            break
        # keep earlier lines as blank lines so positions stay those of the original text
        rest = "\n" * start + "\n".join(lines[start:])
        try:
            _parser().parse(rest)
            break
        except UnexpectedInput as err:
            diags.append(_syntax_diag(err, file, rest))
            nxt = _error_line(err)
            line = None if nxt is None else max(nxt, start + 1)
    return diags


BOM = "\ufeff"
# codes the parser gives outside the ADL00xx syntax range (a file it refuses to read whole)
PARSE_CODES = frozenset({"ADL0983"})


def parse(text: str, file: str = "<string>") -> tuple[s.Module | None, list[Diagnostic]]:
    """Parse one file. On syntax errors, or a literal out of bounds, returns (None, diagnostics),
    one per broken statement. A leading byte order mark is skipped, as editors do."""
    text = text.removeprefix(BOM)
    with _LOCK:
        _BUILDER.reset(file)
        try:
            items: tuple[s.Item, ...] = _parser().parse(text)  # type: ignore[assignment]
        except UnexpectedInput as err:
            return None, _recover(text, file, err) + _BUILDER.problems
        except VisitError as err:  # a transformer bug, not user input: re-raise the cause
            raise err.orig_exc from err
        finally:
            _BUILDER._depth.clear()
        if _BUILDER.problems:
            return None, list(_BUILDER.problems)
    hidden = _hidden_by_cr(text, file) if "\r" in text else []
    if hidden:
        return None, hidden
    return s.Module(file, items), []


def _hidden_by_cr(text: str, file: str) -> list[Diagnostic]:
    """A comment ends at a line feed only, so in a file with CR-only line endings a comment swallowed
    every later declaration without a word (`# note\rbucket two {}`: bucket `two` was never seen, and
    a file opening with a comment compiled as empty). Text after a lone CR in a comment is refused."""
    out = []
    for c in scan_comments(text):
        at = c.text.find("\r")
        rest = c.text[at:].strip() if at >= 0 else ""
        if rest:
            first = rest.splitlines()[0] if rest.splitlines() else rest
            out.append(diag("ADL0983", Span.point(file, c.line, c.col + at), hidden=shown(first)))
    return out
