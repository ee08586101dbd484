"""Every example compiles clean, its IR matches the golden, and it is fmt-clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autodeploy import compile_file
from autodeploy.compiler.fmt import format_source
from tests.conftest import CASES, Golden

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.adl"))


def test_there_are_at_least_six_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_compiles_clean_and_matches_golden_ir(path: Path, golden: Golden) -> None:
    result = compile_file(path.relative_to(ROOT))
    assert result.ok, result.render()
    assert not result.diagnostics, result.render()
    assert result.ir is not None
    text = result.ir.dumps()
    json.loads(text)
    golden.check(CASES / path.stem / "ir.json", text)
    # deterministic: a second compile gives byte-identical IR
    again = compile_file(path.relative_to(ROOT))
    assert again.ir is not None and again.ir.dumps() == text


@pytest.mark.parametrize("path", EXAMPLES + sorted((ROOT / "examples" / "lib").glob("*.adl")),
                         ids=lambda p: p.stem)
def test_example_is_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    formatted, diags = format_source(text, str(path))
    assert not diags
    assert formatted == text, f"{path} is not in canonical layout; run `autodeploy fmt {path}`"
