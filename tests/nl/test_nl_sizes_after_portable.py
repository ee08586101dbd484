"""A size in a request lands on an attribute that holds GB: the portable `size` of a vm, database
or cache (a class or vcpu/memory, issue 23) is never given a number of GB, which the writer cannot
write (this crashed `generate` when the kinds gained `size`)."""

from __future__ import annotations

import pytest

from autodeploy.compiler import compile_source
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write


@pytest.mark.parametrize("text", [
    "a t3.large instance with 50 GB",
    "a Postgres database, 200 GB",
    "a Redis cache of 5 GB and a VM with 40 GB",
    "une machine virtuelle de 80 Go",
])
def test_a_size_never_goes_to_the_portable_size(text: str) -> None:
    spec = translate(text, {})
    src = write(spec)
    assert "size =" not in src.replace("size = {", "")  # `size = <n> GB` only on kinds whose size is GB
    result = compile_source(src, "t.adl")
    assert result.ok, [d.message for d in result.errors]
