"""Shared helpers of the ARM backend tests: which inputs are golden-tested, and compiling them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from autodeploy.backends.arm import emit_arm
from autodeploy.compiler import compile_file

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "backends" / "data"
GOLDEN = ROOT / "tests" / "cases"  # <case>/azuredeploy.json, azuredeploy.parameters.json, arm.diagnostics.txt


def _cloud(path: Path) -> str | None:
    res = compile_file(path)
    return res.ir.deployment.cloud if res.ir is not None else None


def example_inputs(cloud: str) -> list[Path]:
    return [p for p in sorted((ROOT / "examples").glob("*.adl")) if _cloud(p) == cloud]


def golden_inputs() -> list[Path]:
    """Every azure example plus the test inputs under tests/backends/data/."""
    return example_inputs("azure") + sorted(DATA.glob("azure-*.adl"))


@cache
def emitted(path: str):
    res = compile_file(path)
    assert res.ir is not None, res.render()
    assert not res.errors, res.render()
    return res, emit_arm(res.ir, res.graph)


def template(path: Path) -> dict:
    _, out = emitted(str(path))
    return json.loads(out.files["azuredeploy.json"])
