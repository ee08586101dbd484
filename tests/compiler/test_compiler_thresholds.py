"""Thresholds (issue 21): `[stat] < amount [unit]` values, the `%` unit, typed checks with coded
diagnostics (ADL1300-1302, ADL1005, ADL1016), and fmt round-tripping them."""

from __future__ import annotations

import pytest

from autodeploy import compile_source
from autodeploy.compiler.fmt import format_source

HEAD = 'deployment d { region = "us-east-1" }\nqueue q {}\n'


def _monitor(body: str) -> str:
    return HEAD + "monitor m {\n  watch = [q]\n" + body + "}\n"


def _codes(src: str) -> list[tuple[str, int]]:
    res = compile_source(src, "t.adl")
    return [(d.code, d.span.line if d.span else 0) for d in res.diagnostics]


def test_thresholds_reach_the_ir_in_canonical_units() -> None:
    res = compile_source(_monitor("  latency = p99 < 0.3 s\n  errors = <= 1.5 %\n  saturation = avg < 80%\n"
                                  "  backlog = < 1000\n"), "t.adl")
    assert res.ok, res.render()
    m = res.ir.resource("m")
    assert m.get("latency") == {"stat": "p99", "op": "<", "value": 300}  # ms canonical
    assert m.get("errors") == {"stat": None, "op": "<=", "value": 1.5}
    assert m.get("saturation") == {"stat": "avg", "op": "<", "value": 80}
    assert m.get("backlog") == {"stat": None, "op": "<", "value": 1000}
    assert [r.target for r in m.refs] == ["q"]  # `watch` is an edge of the graph


@pytest.mark.parametrize("body,code,line", [
    ("  latency = p99 > 300 ms\n", "ADL1300", 5),   # an objective is an upper bound
    ("  errors = == 1 %\n", "ADL1300", 5),
    ("  latency = p42x < 300 ms\n", "ADL1301", 5),  # not a statistic of latency
    ("  errors = p99 < 1 %\n", "ADL1301", 5),       # errors take no statistic
    ("  latency = < 300 ms\n", "ADL1302", 5),       # latency must name one
    ("  latency = p99 < 300 GB\n", "ADL1005", 5),   # wrong dimension
    ("  errors = < 1\n", "ADL1005", 5),             # a percentage needs `%`
    ("  backlog = < 10 ms\n", "ADL1005", 5),        # a count takes no unit
    ("  errors = < 150 %\n", "ADL1016", 5),         # out of range
    ("  latency = 300 ms\n", "ADL1004", 5),         # a quantity, not a threshold
    ("  dashboard = < 1\n", "ADL1004", 5),          # a threshold where a boolean is expected
])
def test_bad_thresholds_are_coded(body: str, code: str, line: int) -> None:
    assert _codes(_monitor(body)) == [(code, line)]


def test_percent_is_a_unit_of_its_own_dimension() -> None:
    # `%` is only a percentage: a size attribute refuses it with the usual unit diagnostic
    assert _codes('deployment d { region = "us-east-1" }\nbucket b { size = 5 % }\n') == [("ADL1005", 2)]


@pytest.mark.parametrize("src,expected", [
    ("monitor m {\nwatch=[q]\nlatency=p99<300ms\nerrors=<1%\nbacklog=<=5\n}\n",
     "monitor m {\n  watch   = [q]\n  latency = p99 < 300 ms\n  errors  = < 1 %\n  backlog = <= 5\n}\n"),
    ("monitor m { watch = [q] saturation = max   <   90 % }  # hot\n",
     "monitor m {\n  watch      = [q]\n  saturation = max < 90 %\n}  # hot\n"),
])
def test_fmt_round_trips_thresholds(src: str, expected: str) -> None:
    once, diags = format_source(src)
    assert not diags
    assert once == expected
    assert format_source(once)[0] == once
    a, b = compile_source(HEAD + src, "a.adl"), compile_source(HEAD + once, "b.adl")
    assert a.ir is not None and b.ir is not None
    assert a.ir.resource("m").attrs == b.ir.resource("m").attrs


def test_comparison_outside_a_value_is_still_a_syntax_error() -> None:
    # the grammar change is confined to attribute values: a bare comparison in a block is not an attribute
    assert [c for c, _ in _codes(HEAD + "monitor m { watch = [q]\n latency < 3 ms }\n")] == ["ADL0001"]
