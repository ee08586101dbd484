"""Broken files give the coded diagnostics they announce, rendered as in the golden."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from autodeploy import compile_file
from tests.conftest import CASES as GOLDEN_CASES
from tests.conftest import Golden

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((ROOT / "examples" / "errors").glob("*.adl"))


def expected_codes(path: Path) -> set[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.match(r"#\s*expect:\s*(.*)", first)
    assert m, f"{path} must start with '# expect: ADL....'"
    return {c.strip() for c in m.group(1).split(",")}


def test_error_cases_cover_the_required_diagnostics() -> None:
    covered = set().union(*(expected_codes(p) for p in CASES))
    required = {"ADL0001", "ADL0003", "ADL0004", "ADL0101", "ADL1001", "ADL1003", "ADL1004", "ADL1005",
                "ADL1006", "ADL1008", "ADL1009", "ADL1010", "ADL1011", "ADL1012", "ADL1013", "ADL1014",
                "ADL1015", "ADL2001"}
    assert required <= covered, required - covered


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_error_case(path: Path, golden: Golden) -> None:
    rel = path.relative_to(ROOT)
    result = compile_file(rel)
    assert not result.ok
    codes = {d.code for d in result.diagnostics if d.is_error}
    assert codes == expected_codes(path), result.render()
    for d in result.diagnostics:
        assert d.span is not None and d.span.file == str(rel), d
        assert d.span.line >= 1 and d.span.col >= 1
    golden.check(GOLDEN_CASES / path.stem / "diagnostics.txt", result.render("text"))
    golden.check(GOLDEN_CASES / path.stem / "diagnostics.json", result.render("json"))
