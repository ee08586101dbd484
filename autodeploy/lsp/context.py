"""Where the cursor is, read from the text itself.

Completion is asked for while the file is being typed, so it seldom parses: the block the
cursor is in and the attribute being written are found by scanning the text backwards from
the cursor, a few lines at a time, never by parsing the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')
_HEADER = re.compile(r"([A-Za-z_]\w*)\s+([A-Za-z_]\w*)\s*(?::\s*([A-Za-z_]\w*))?\s*$")
_WAIVER = re.compile(r"waive\s+([A-Z][A-Z0-9]*-[0-9]+)\s+on\s+([A-Za-z_]\w*)\s*$")
_MAP_OPEN = re.compile(r"([A-Za-z_]\w*)\s*=\s*$")
_ATTR_NAME = re.compile(r"(?:^|[\s,;])([A-Za-z_]\w*)?$")
_ATTR_VALUE = re.compile(r"([A-Za-z_]\w*)\s*=\s*([^=]*)$")
_MEMBER = re.compile(r"([A-Za-z_]\w*)\.(\w*)$")
_UNIT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\s+([A-Za-z/]*)$")
_VARIANT = re.compile(r"^\s*([A-Za-z_]\w*)\s+[A-Za-z_]\w*\s*:\s*(\w*)$")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
MAX_SCAN_LINES = 5000  # a block longer than this is not completed (a guard, not a limit users meet)


def code_of(line: str) -> str:
    """The line with string contents blanked and its comment dropped (braces in either don't count)."""
    if '"' in line:
        line = _STRING.sub(lambda m: '"' + " " * (len(m.group()) - 2) + '"', line)
    hash_at = line.find("#")
    if hash_at >= 0:
        line = line[:hash_at]
    return line


@dataclass(frozen=True)
class Block:
    """The block around the cursor: `kind` is a resource kind, `deployment`, `waive`, or `{map}`
    for a map value (then `name` is the attribute holding it)."""

    kind: str
    name: str
    variant: str | None


@dataclass(frozen=True)
class Context:
    block: Block | None  # None: the cursor is at the top level
    segment: str  # the text between the block's `{` (or the line start) and the cursor


def cursor_context(lines: list[str], line: int, char: int) -> Context:
    """`line`/`char` are 0-based, `char` in code points."""
    if line >= len(lines):
        return Context(None, "")
    current = lines[line][:char]
    depth = 0
    for i in range(line, max(-1, line - MAX_SCAN_LINES), -1):
        code = code_of(current if i == line else lines[i])
        for j in range(len(code) - 1, -1, -1):
            ch = code[j]
            if ch == "}":
                depth += 1
            elif ch == "{":
                if depth == 0:
                    segment = code[j + 1:] if i == line else code_of(current)
                    return Context(_block(code[:j], lines, i), segment)
                depth -= 1
        if i != line and depth == 1 and code.startswith("}"):
            break  # a `}` in column 1 closes a top-level block: the cursor is outside any
    return Context(None, code_of(current))


def _block(before: str, lines: list[str], i: int) -> Block | None:
    head = before.strip()
    if not head and i > 0:  # `{` on its own line: the header is on the line above
        head = code_of(lines[i - 1]).strip()
    m = _WAIVER.search(head)
    if m:
        return Block("waive", m.group(2), m.group(1))
    m = _MAP_OPEN.search(head)
    if m:
        return Block("{map}", m.group(1), None)
    m = _HEADER.search(head)
    if m:
        return Block(m.group(1), m.group(2), m.group(3))
    return None


@dataclass(frozen=True)
class Slot:
    """What is being typed: an attribute `name`, a `value` of attribute `attr`, a `member` of
    resource `target`, a `unit` after a number, a `variant` of kind `attr`, or a `keyword`."""

    what: str
    attr: str = ""
    target: str = ""
    in_string: bool = False


def slot_of(ctx: Context) -> Slot | None:
    seg = ctx.segment
    if ctx.block is None:
        m = _VARIANT.match(seg)
        if m:
            return Slot("variant", attr=m.group(1))
        if re.fullmatch(r"\s*[A-Za-z_]?\w*", seg):
            return Slot("keyword")
        return None
    if ctx.block.kind == "{map}":
        return None
    m = _ATTR_VALUE.search(seg)
    if m:
        attr, rest = m.group(1), m.group(2)
        if rest.count('"') % 2 == 1:
            return Slot("value", attr=attr, in_string=True)
        mm = _MEMBER.search(rest)
        if mm:
            return Slot("member", attr=attr, target=mm.group(1))
        if _UNIT.search(rest):
            return Slot("unit", attr=attr)
        if re.fullmatch(r"\w*", rest) or (rest.count("[") > rest.count("]") and re.search(r"[\[,\s]\w*$", rest)):
            return Slot("value", attr=attr)
        return Slot("name")  # `a = 1 b|`: a new attribute on the same line
    if _ATTR_NAME.search(seg):
        return Slot("name")
    return None


def word_at(line: str, char: int) -> tuple[str, int, int] | None:
    """The name under the cursor (letters, digits, `_`, `-` for rule ids) and its 0-based span."""
    for m in _WORD.finditer(line):
        if m.start() <= char <= m.end():
            return m.group(), m.start(), m.end()
        if m.start() > char:
            break
    return None
