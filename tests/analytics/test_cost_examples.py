"""Every example estimates without a crash; the JSON report is pinned by a golden file
(tests/cases/<example>/cost.json, regenerated only with pytest --update-golden)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autodeploy.analytics.cost import estimate
from autodeploy.compiler import compile_file
from tests.conftest import CASES, Golden

ROOT = Path(__file__).resolve().parents[2]
# collected before the conftest fixture moves to the repo root: glob from the repo, compile relative
EXAMPLES = sorted(p.relative_to(ROOT) for p in (ROOT / "examples").glob("*.adl"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_estimate_golden(path: Path, golden: Golden):
    res = compile_file(str(path))
    assert res.ok, res.render()
    rep = estimate(res.ir)
    text = rep.dumps()
    assert text == estimate(res.ir).dumps()  # deterministic
    data = json.loads(text)
    assert data["currency"] == "USD" and data["price_dates"]
    for r in data["resources"]:
        for c in r["components"]:
            assert c["price_source"] in ("exact", "approximation", "unknown")
            if c["price_source"] == "approximation":
                assert c["note"], c
            if c["price_source"] == "unknown":
                assert c["monthly"] is None and f"{r['name']}: {c['name']}" in data["unknown"]
    golden.check(CASES / path.stem / "cost.json", text)


def test_examples_found():
    assert len(EXAMPLES) >= 6
