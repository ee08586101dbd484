"""compiler/jsontext.py writes exactly json.dumps(doc, indent=2, ensure_ascii=False) + "\\n", with
orjson when installed: on real documents (IR, cost report) and on random ones full of the values
orjson spells differently (floats below 1e-4, such text inside strings and keys)."""

from __future__ import annotations

import json
import math
import random
import struct
from typing import Any

import pytest

from autodeploy.analytics.cost import estimate
from autodeploy.compiler import compile_file, jsontext
from autodeploy.compiler.jsontext import dumps_indented


def stdlib(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def test_orjson_is_the_writer_in_use() -> None:
    assert jsontext.orjson is not None  # the [dev] extra installs it: the fast path is the one tested


@pytest.mark.parametrize("example", ["examples/serverless-pipeline.adl", "examples/patient-portal.adl"])
def test_ir_and_cost_documents(example: str) -> None:
    res = compile_file(example)
    assert res.ir is not None
    cost = estimate(res.ir).to_json()
    assert dumps_indented(res.ir.to_json()) == stdlib(res.ir.to_json())
    assert dumps_indented(cost) == stdlib(cost)


def _random(rng: random.Random, depth: int = 0) -> Any:
    c = rng.random()
    if depth > 3 or c < 0.5:
        kind = rng.randrange(6)
        if kind == 0:
            v = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
            return v if math.isfinite(v) else 0.5
        if kind == 1:
            return rng.uniform(-1e-3, 1e-3)
        if kind == 2:
            return rng.choice(['0.00001 "x" 1e-05', 'a\\"b 2.0000e-7', '"', "\\", "é\u2028\x01", "1.5e-05", ""])
        if kind == 3:
            return rng.randrange(-10**12, 10**12)
        if kind == 4:
            return rng.choice([None, True, False])
        return rng.uniform(-1e20, 1e20)
    if c < 0.75:
        return [_random(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["k", "0.00001", "e-5", 'x"y', "1.0000"]
    return {rng.choice(keys) + str(i): _random(rng, depth + 1) for i in range(rng.randrange(4))}


@pytest.mark.parametrize("seed", range(20))
def test_random_documents(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        doc = _random(rng)
        assert dumps_indented(doc) == stdlib(doc)


def test_values_orjson_refuses_take_the_stdlib_path() -> None:
    for doc in ({"big": 2**70}, {1: "int key"}, {"s": "\ud800"}):
        assert dumps_indented(doc) == stdlib(doc)
