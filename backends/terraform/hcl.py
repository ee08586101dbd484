"""A small HCL / Terraform-JSON writer over Python data, laid out like `terraform fmt`.

Values: str (a literal, escaped), bool, int, float, None (attribute omitted), list,
dict (an object value), and the expression nodes below. A `Block` (or a list of them)
as a body value is a nested block named by its key. Output is a pure function of the
input, so it is byte-identical across runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from autodeploy.backends.jsonout import dumps

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_INLINE_LIMIT = 100
_WHOLE = re.compile(r"^\$\{([^{}]*)\}$")


@dataclass(frozen=True)
class Expr:
    """A raw expression, e.g. a reference `aws_kms_key.k.arn` or `var.region`."""

    text: str


@dataclass(frozen=True)
class Tmpl:
    """A string template whose `${...}` are interpolations, e.g. "${var.name_prefix}-api"."""

    text: str


@dataclass(frozen=True)
class Call:
    """A function call, e.g. Call("jsonencode", ({...},))."""

    fn: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Block:
    body: dict[str, Any]
    labels: tuple[str, ...] = ()


@dataclass
class Document:
    """Top-level blocks in output order: (type, labels, body)."""

    blocks: list[tuple[str, tuple[str, ...], dict[str, Any]]] = field(default_factory=list)

    def add(self, btype: str, labels: tuple[str, ...], body: dict[str, Any]) -> None:
        self.blocks.append((btype, labels, body))


def ref(*parts: str) -> Expr:
    return Expr(".".join(parts))


# ---------------------------------------------------------------- HCL ---------------------------

# The one HCL string writer. Every key, label and value goes through `quote` (or, for the
# literal part of a `Tmpl`, `template_literal`): a string from an .adl file must come back
# out of Terraform as the same characters, never as an interpolation or a directive.
_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029]|\$\{|%\{')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_STRING_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029]')
# bare object keys HCL would read as something else: a literal (`null` is no key) or a `for` expression
_KEYWORDS = frozenset({"true", "false", "null", "for", "in", "if"})


def template_literal(s: str) -> str:
    """`s` as literal template text: `${` -> `$${`, `%{` -> `%%{` (Terraform JSON strings, Tmpl parts).

    Only for the end of a template: a `$` or `%` ending `s` followed by our own `${` would merge."""
    return s.replace("${", "$${").replace("%{", "%%{")


def _string_escape(s: str) -> str:
    """HCL quoted-string escapes; other control characters as \\uNNNN (a raw newline ends the string)."""
    return _NEEDS_STRING_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(0)) or f"\\u{ord(m.group(0)):04x}", s)


def quote(s: str) -> str:
    """A quoted HCL string whose value is exactly `s`."""
    if _SPECIAL.search(s) is None:  # the common case: nothing to escape
        return '"' + s + '"'
    return '"' + _string_escape(template_literal(s)) + '"'


def _key(k: str) -> str:
    return k if _IDENT.fullmatch(k) and k not in _KEYWORDS else quote(k)


def _number(v: float | int) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v)


def value(v: Any, indent: int = 0) -> str:
    """Render a value; nested lines are indented relative to `indent` (the attribute's)."""
    t = type(v)
    if t is str:
        return quote(v)
    if t is Expr:
        return v.text
    if t is bool:
        return "true" if v else "false"
    if t is int or t is float:
        return _number(v)
    if t is Tmpl:
        whole = _WHOLE.match(v.text)
        if whole:  # "${x}" alone is just x, as terraform fmt rewrites it
            return whole.group(1)
        return '"' + _string_escape(v.text) + '"'
    if t is Call:
        return v.fn + "(" + ", ".join(value(a, indent) for a in v.args) + ")"
    pad = "  " * (indent + 1)
    if t is list:
        items = [value(x, indent + 1) for x in v]
        inline = "[" + ", ".join(items) + "]"
        if len(inline) + 2 * indent < _INLINE_LIMIT and "\n" not in inline:
            return inline
        return "[\n" + "".join(f"{pad}{i},\n" for i in items) + "  " * indent + "]"
    if t is dict:
        if not v:
            return "{}"
        lines: list[str] = []
        keys: list[str] = []
        texts: list[str] = []
        for k, x in v.items():
            if x is not None:
                _attr(_key(k), value(x, indent + 1), pad, keys, texts, lines)
        _flush(pad, keys, texts, lines)
        return "{\n" + "\n".join(lines) + "\n" + "  " * indent + "}"
    raise TypeError(f"cannot render {type(v).__name__} as HCL")


def _flush(pad: str, keys: list[str], texts: list[str], out: list[str]) -> None:
    """Attribute lines with `=` aligned over a run of consecutive single-line attributes,
    as `terraform fmt` does."""
    if keys:
        width = max(map(len, keys))
        out.extend(f"{pad}{k.ljust(width)} = {t}" for k, t in zip(keys, texts, strict=True))
        keys.clear()
        texts.clear()


def _attr(key: str, text: str, pad: str, keys: list[str], texts: list[str], out: list[str]) -> None:
    if "\n" in text:  # a multi-line value stands alone and ends the run
        _flush(pad, keys, texts, out)
        out.append(f"{pad}{key} = {text}")
    else:
        keys.append(key)
        texts.append(text)


def _body(body: dict[str, Any], indent: int, out: list[str]) -> None:
    pad = "  " * indent
    start = len(out)
    keys: list[str] = []
    texts: list[str] = []
    after_block = False
    for k, v in body.items():
        if v is None:
            continue
        t = type(v)
        if t is Block or (t is list and v and type(v[0]) is Block):
            _flush(pad, keys, texts, out)
            for b in v if t is list else (v,):
                if len(out) > start:
                    out.append("")
                _block(k, b.labels, b.body, indent, out)
            after_block = True
            continue
        if after_block:  # attributes after a nested block start a new paragraph
            out.append("")
            after_block = False
        _attr(k, value(v, indent), pad, keys, texts, out)
    _flush(pad, keys, texts, out)


def _block(btype: str, labels: tuple[str, ...], body: dict[str, Any], indent: int, out: list[str]) -> None:
    pad = "  " * indent
    head = pad + btype + "".join(" " + quote(lbl) for lbl in labels)
    at = len(out)
    out.append(head + " {")
    _body(body, indent + 1, out)
    if len(out) == at + 1:
        out[at] = head + " {}"
    else:
        out.append(pad + "}")


def to_hcl(doc: Document) -> str:
    # one string per top-level block, joined once: a list of every line of a 10,000-resource
    # configuration (a million small strings) cost more memory than the text itself
    chunks: list[str] = []
    for t, labels, body in doc.blocks:
        out: list[str] = []
        _block(t, labels, body, 0, out)
        chunks.append("\n".join(out))
    if not chunks:
        return "\n"
    chunks[-1] += "\n"
    return "\n\n".join(chunks)


# ---------------------------------------------------------------- JSON ---------------------------

def _json_value(v: Any, key: str | None = None) -> Any:
    if isinstance(v, (bool, int, float)) or v is None:
        return v
    if isinstance(v, str):
        return template_literal(v)
    if isinstance(v, Expr):
        # depends_on / lifecycle lists hold bare references in Terraform JSON
        return v.text if key == "depends_on" else "${" + v.text + "}"
    if isinstance(v, Tmpl):
        return v.text
    if isinstance(v, Call):
        return "${" + _inline(v) + "}"
    if isinstance(v, Block):
        return _json_body(v.body)
    if isinstance(v, list):
        return [_json_value(x, key) for x in v]
    if isinstance(v, dict):
        # object keys in an expression are templates too (hcl/json): escaped like values
        return {template_literal(k): _json_value(x) for k, x in v.items() if x is not None}
    raise TypeError(f"cannot render {type(v).__name__} as Terraform JSON")


def _inline(v: Any) -> str:
    """A one-line HCL expression (for interpolations inside JSON strings)."""
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_inline(x)}" for k, x in v.items() if x is not None) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_inline(x) for x in v) + "]"
    if isinstance(v, Call):
        return v.fn + "(" + ", ".join(_inline(a) for a in v.args) + ")"
    return value(v)


def _json_body(body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in body.items():
        if v is None:
            continue
        if isinstance(v, list) and v and all(isinstance(x, Block) for x in v):
            out[k] = [_json_body(b.body) for b in v]
        else:
            out[k] = _json_value(v, k)
    return out


def to_json(doc: Document) -> str:
    root: dict[str, Any] = {}
    for t, labels, body in doc.blocks:
        b = _json_body(body)
        if t == "terraform":
            root.setdefault("terraform", []).append(b)
        elif not labels:
            root.setdefault(t, []).append(b)
        else:
            node = root.setdefault(t, {})
            for lbl in labels[:-1]:
                node = node.setdefault(lbl, {})
            if t == "provider":
                node.setdefault(labels[-1], []).append(b)
            else:
                node[labels[-1]] = b
    return dumps(root)
