"""Inputs that used to crash or hang the compiler (issue 11), each now a coded diagnostic:
huge numbers, deep nesting, quadratic interpolation scans, a byte order mark."""

from __future__ import annotations

import time

import pytest

from autodeploy import compile_source
from autodeploy.compiler.fmt import format_source
from autodeploy.compiler.parser import MAX_NESTING, MAX_NUMBER_CHARS
from autodeploy.compiler.values import interpolations

DEP = 'deployment a { region = "us-east-1" }\n'


def _codes(src: str) -> list[str]:
    result = compile_source(src, "t.adl")
    result.render()
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize("literal,code", [
    ("1" + "0" * 400 + " GB", "ADL0020"),            # float() overflow in values.py
    ("1" + "0" * 400 + ".5 GB", "ADL0020"),          # inf * factor in units.py
    ("9" * 5000 + " GB", "ADL0020"),                 # int() refuses over 4,300 digits
    ("1" + "0" * 15 + " GB", "ADL0021"),             # 10^15: magnitude bound
    ("-1" + "0" * 15 + " GB", "ADL0021"),
    ("0." + "5" * 40 + " GB", "ADL0020"),            # too many characters, even if small
])
def test_numbers_out_of_bounds_are_coded(literal: str, code: str) -> None:
    src = DEP + f"bucket b {{ size = {literal} }}\n"
    assert _codes(src) == [code]
    assert format_source(src)[0] is None and format_source(src)[1][0].code == code


@pytest.mark.parametrize("literal", ["999999999999999 GB", "000000000000000000001 GB", "0.5 GB", "2 TB"])
def test_numbers_within_bounds_still_compile(literal: str) -> None:
    assert "ADL0020" not in _codes(DEP + f"bucket b {{ size = {literal} }}\n")
    assert "ADL0021" not in _codes(DEP + f"bucket b {{ size = {literal} }}\n")


def test_range_bounds_apply_to_both_ends() -> None:
    src = DEP + "service s { image = \"x\" replicas = 1.." + "9" * 30 + " }\n"
    assert "ADL0021" in _codes(src)


@pytest.mark.parametrize("where", [
    "assert deployment.tags == {deep}\n",                    # RecursionError in the assertion printer
    'deployment a {{ tags = {{ a: {deep} }} }}\n',            # RecursionError in fmt's value printer
])
def test_deep_nesting_is_coded(where: str) -> None:
    src = where.format(deep="[" * 400 + "]" * 400)
    assert "ADL0022" in _codes(src)
    assert format_source(src)[1][0].code == "ADL0022"


def test_nesting_at_the_limit_is_fine_and_one_more_is_not() -> None:
    ok = "assert deployment.tags == " + "[" * MAX_NESTING + "]" * MAX_NESTING + "\n"
    bad = "assert deployment.tags == " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n"
    assert "ADL0022" not in _codes(ok)
    assert _codes(bad).count("ADL0022") == 1


def test_number_length_limit_is_exact() -> None:
    ok = "0." + "1" * (MAX_NUMBER_CHARS - 2)
    assert "ADL0020" not in _codes(DEP + f"bucket b {{ size = {ok} GB }}\n")
    assert "ADL0020" in _codes(DEP + f"bucket b {{ size = {ok}1 GB }}\n")


@pytest.mark.parametrize("value,code", [
    ("9" * 5000, "ADL0020"),
    ("1" + "0" * 20, "ADL0021"),
    ("[" * 100 + "]" * 100, "ADL0022"),
])
def test_set_values_are_bounded_too(value: str, code: str) -> None:
    src = "param n: int = 1\n" + DEP + "service s { image = \"x\" replicas = n }\n"
    result = compile_source(src, "t.adl", {"n": value})
    d = next(d for d in result.diagnostics if d.code == code)
    assert d.span is not None and d.span.file == "--set n"
    assert len(result.render()) < 2000  # the 5,000 digits are not echoed back


def test_a_long_digit_string_is_a_fine_string_parameter() -> None:
    src = 'param id: string = "x"\n' + DEP + 'bucket b { tags = { id: "${id}" } }\n'
    result = compile_source(src, "t.adl", {"id": "1" * 60})
    assert result.ok, result.render()


def test_unclosed_interpolations_scan_in_linear_time() -> None:
    # 80 KB of `${` took 13.8 s with the old regex; 1 MB is now well under a second
    text = "${" * 500_000
    t0 = time.perf_counter()
    assert list(interpolations(text)) == []
    assert time.perf_counter() - t0 < 1.0
    src = DEP + 'bucket b { tags = { a: "' + "${" * 40_000 + '" } }\n'
    t0 = time.perf_counter()
    compile_source(src, "t.adl")
    assert time.perf_counter() - t0 < 5.0


@pytest.mark.parametrize("text,expected", [
    ("a${x}b${y}", [(1, 5), (6, 10)]),
    ("${${x}", [(0, 6)]),          # as the regex \$\{[^}]*\} matched: from the first `${`
    ("${x", []),
    ("}${}", [(1, 4)]),
    ("$${x}", [(1, 5)]),
])
def test_interpolation_matches_are_those_of_the_old_regex(text: str, expected: list[tuple[int, int]]) -> None:
    import re

    assert list(interpolations(text)) == expected
    assert [m.span() for m in re.finditer(r"\$\{[^}]*\}", text)] == expected


def test_a_leading_byte_order_mark_is_accepted() -> None:
    src = "\ufeff" + DEP + "bucket b { size = 1 GB }\n"
    assert compile_source(src, "t.adl").ok
    formatted, _ = format_source(src)
    assert formatted is not None and not formatted.startswith("\ufeff")


def test_a_byte_order_mark_inside_the_file_has_a_hint() -> None:
    result = compile_source(DEP + "\ufeffbucket b {}\n", "t.adl")
    d = result.diagnostics[0]
    assert d.code == "ADL0023" and d.help and "first character" in d.help
