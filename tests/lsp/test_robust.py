"""Text that is not ADL, and positions anywhere, never crash the language server (bounded fuzz)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodeploy.compiler.api import compile_source
from autodeploy.lsp import features as f
from autodeploy.lsp.index import build

from .client import ROOT, LspClient

FRAGMENTS = ["bucket ", "b ", "{", "}", "=", " ", "\n", "core.", "private", '"', "size = 2 TB", "[", "]", ",",
             "deployment d ", "# note", "é", "😀", "\t", "database x : postgres", "waive ADLP-001 on b ", "..",
             "import \"lib/network.adl\"\n", "param p: string = \"x\"\n", "network core { }\n"]
texts = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))


@given(text=texts, line=st.integers(-2, 12), char=st.integers(-2, 80))
@settings(max_examples=150, deadline=None)
def test_features_answer_any_text_at_any_position(text: str, line: int, char: int) -> None:
    lines = f.lines_of(text)
    index = build(compile_source(text, "fuzz.adl", base_dir=str(ROOT / "examples"), root=str(ROOT / "examples")),
                  "fuzz.adl")
    line, char = max(line, 0), max(char, 0)
    for idx in (None, index):
        assert isinstance(f.completion(idx, lines, line, char), list)
        f.hover(idx, lines, line, char)
        f.definition(idx, lines, line, char, "file:///fuzz.adl")
        assert isinstance(f.references(idx, lines, line, char, "file:///fuzz.adl", True), list)
        assert isinstance(f.document_symbols(idx, lines), list)
    f.to_lsp_diagnostics(index.result.diagnostics, index.root, lines)
    f.formatting(text, "fuzz.adl")


@pytest.fixture(scope="module")
def lsp() -> Iterator[LspClient]:
    c = LspClient()
    c.initialize()
    yield c
    assert c.close() == 0


@given(text=texts, line=st.integers(0, 10), char=st.integers(0, 60))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_server_survives_any_document(lsp: LspClient, text: str, line: int, char: int) -> None:
    uri = (ROOT / "examples/fuzz-unsaved.adl").as_uri()
    lsp.open(uri, text)
    diags = lsp.diagnostics(uri)
    assert all(d["code"].startswith("ADL") for d in diags)
    for method in ("textDocument/completion", "textDocument/hover", "textDocument/definition"):
        r = lsp.request(method, {"textDocument": {"uri": uri}, "position": {"line": line, "character": char}})
        assert "error" not in r, r
    r = lsp.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                                "options": {"tabSize": 2, "insertSpaces": True}})
    assert "error" not in r, r
    assert lsp.proc.poll() is None


def test_positions_count_utf16_units_as_lsp_does() -> None:
    line = 'tags = { a: "😀é" } size'
    cp = line.index("size")
    assert f.to_u16(line, cp) == cp + 1  # the emoji is two UTF-16 units, é one
    assert f.from_u16(line, cp + 1) == cp
