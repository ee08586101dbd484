"""fmt cases found by fuzzing (issue 11), kept as exact regressions: quoting of map keys and a
comment scanner that splits lines as the parser does (on "\n" only)."""

from __future__ import annotations

import pytest

from autodeploy import compile_source
from autodeploy.compiler.fmt import format_source, scan_comments


@pytest.mark.parametrize("src,expected", [
    # `^...$` matched "a\n" (`$` matches before a final newline): the key printed bare became `a`
    ('deployment a { tags = { "a\\n": "x" } }\n', 'deployment a { tags = { "a\\n": "x" } }\n'),
    ('deployment a { tags = { "a b": "x", "": "y", ok_1: "z" } }\n',
     'deployment a { tags = { "a b": "x", "": "y", ok_1: "z" } }\n'),
    # U+2028 inside a string: the `#` after it is not a comment (it was moved out and duplicated)
    ('deployment a {\n  owner = "x\u2028# not a comment"\n  region = "us-east-1"  # real\n}\n',
     'deployment a {\n  owner  = "x\u2028# not a comment"\n  region = "us-east-1"  # real\n}\n'),
    # form feed: the phantom comment pushed the real one below its attribute
    ('deployment a {\n  owner = "x\x0c# ff"\n  # inside\n  region = "us-east-1"\n}\n',
     'deployment a {\n  owner = "x\x0c# ff"\n  # inside\n  region = "us-east-1"\n}\n'),
    # VT and U+0085: two phantom comments, and the block's own comment pushed out of the block
    ('bucket b {\n  tags = { a: "p\x0b# vt\x85# nel" }\n  # last in block\n}\n# after\n',
     'bucket b {\n  tags = { a: "p\x0b# vt\x85# nel" }\n  # last in block\n}\n\n# after\n'),
    # CR alone is whitespace to the parser, not a line break
    ('deployment a { owner = "x\r# cr" }  # c\n', 'deployment a { owner = "x\r# cr" }  # c\n'),
])
def test_fmt_keeps_meaning_and_comments(src: str, expected: str) -> None:
    once, diags = format_source(src)
    assert not diags
    assert once == expected
    assert format_source(once)[0] == once
    a, b = compile_source(src), compile_source(once)
    assert a.ir is not None and b.ir is not None
    assert a.ir.deployment.tags == b.ir.deployment.tags and a.ir.deployment.owner == b.ir.deployment.owner


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c", "\x1d", "\x1e", "\r"])
def test_comment_scanner_splits_only_on_newline(sep: str) -> None:
    src = f'deployment a {{ owner = "x{sep}# no" }}\n# yes\n'
    assert [(c.line, c.text) for c in scan_comments(src)] == [(2, "# yes")]


def test_fmt_of_a_crlf_file_is_idempotent() -> None:
    src = "deployment a {\r\n  region = \"us-east-1\"  # r\r\n}\r\n"
    once, _ = format_source(src)
    assert once is not None and format_source(once)[0] == once and "# r" in once
