"""docs/language.md promises that a comma or semicolon between attributes is accepted, so a block
written on one line in the JSON/HCL habit (`{ cloud = aws, region = "eu-west-1" }`) compiles to the
same IR as the whitespace form, and `fmt` drops the separators. (Until stop 10 only `;` worked: the
list/map comma shadowed the attribute separator in Lark's contextual lexer.)"""

from __future__ import annotations

from typing import Any

import pytest

from autodeploy import compile_source
from autodeploy.compiler.fmt import format_source

from .fuzz_props import _no_spans

PLAIN = 'deployment d { cloud = aws region = "eu-west-1" }\nbucket b { versioning = true public = false }\n'


def _ir(src: str) -> Any:
    """The IR as JSON without source positions (the separators move every column after them)."""
    result = compile_source(src, "t.adl")
    assert not [d for d in result.diagnostics if d.is_error], result.render()
    assert result.ir is not None
    return _no_spans(result.ir.to_json())


@pytest.mark.parametrize("sep", [",", ";"])
def test_a_separator_between_attributes_means_nothing(sep: str) -> None:
    src = PLAIN.replace(" region", f"{sep} region").replace(" public", f"{sep} public").replace(" }", f"{sep} }}")
    assert sep in src
    assert _ir(src) == _ir(PLAIN)
    assert format_source(src, "t.adl") == format_source(PLAIN, "t.adl")


def test_maps_and_lists_keep_their_commas_inside_a_separated_block() -> None:
    src = 'bucket b { tags = { team: "a", env: "b" }, public = false, }\n'
    assert _ir(src) == _ir('bucket b { tags = { team: "a", env: "b" } public = false }\n')


@pytest.mark.parametrize("src", [
    "bucket b { versioning = true,, public = false }\n",  # two separators: one attribute is missing
    "bucket b { , versioning = true }\n",                 # a separator before any attribute
])
def test_a_stray_separator_is_a_coded_error_with_a_location(src: str) -> None:
    result = compile_source(src, "t.adl")
    errors = [d for d in result.diagnostics if d.is_error]
    assert [d.code for d in errors] == ["ADL0001"]
    span = errors[0].span
    assert span is not None and span.line == 1 and span.col > 1

