"""Property tests of compile + fmt within a fixed CI budget (about 30 s): no input crashes the
compiler, fmt is idempotent, keeps the IR and the diagnostics, and keeps every comment.
The same properties run on 25,000 inputs in bench/fuzz_compile.py."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz_props import check_program, mutated_examples, programs

_BUDGET = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(_BUDGET, max_examples=900)
@given(programs())
def test_generated_programs_keep_every_property(src: str) -> None:
    check_program(src)


@settings(_BUDGET, max_examples=500)
@given(mutated_examples())
def test_mutated_examples_keep_every_property(src: str) -> None:
    check_program(src)


@settings(_BUDGET, max_examples=300)
@given(st.text(max_size=200))
def test_arbitrary_text_keeps_every_property(src: str) -> None:
    check_program(src)
