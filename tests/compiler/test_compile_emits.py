"""Compile => emit: every file that compiles clean passes check and cost and emits (docs/language.md).

Runs every example, every backend test input, and the offline translation of every corpus request
(what `generate` writes) through compile -> check -> cost -> emit (Terraform for AWS, ARM for Azure).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from autodeploy.analytics.cost import estimate
from autodeploy.compiler import CompileResult, compile_file, compile_source
from autodeploy.compiler.nl.offline import translate
from autodeploy.compiler.nl.writer import write
from autodeploy.policies.engine import evaluate

from autodeploy.commands.emit import emit_for

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(ROOT.glob("examples/*.adl")) + sorted((ROOT / "tests" / "backends" / "data").glob("*.adl"))
CORPORA = sorted((ROOT / "tests" / "nl").glob("corpus*.jsonl"))


def _requests() -> list[tuple[str, str]]:
    out = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                out.append((f"{path.stem}:{case['id']}", case["text"]))
    return out


def emit_errors(result: CompileResult) -> list[str]:
    """Check, cost and emit a clean compile; every failure as one line."""
    assert result.ir is not None and result.graph is not None
    evaluate(result.ir)  # an engine error raises: the gate must be able to judge the file
    estimate(result.ir)  # an unknown price raises
    target = "arm" if result.ir.deployment.cloud == "azure" else "terraform"
    out = emit_for(target, result.ir, result.graph)
    return [f"{d.code} {d.message}" for d in out.diagnostics if d.is_error]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_that_compiles_clean_emits(path: Path) -> None:
    result = compile_file(path)
    if not result.ok:
        # only the inputs written to be refused may fail to compile
        assert path.name.startswith("unbuildable-"), result.render()
        return
    assert emit_errors(result) == []


def test_every_translation_compiles_and_emits() -> None:
    requests = _requests()
    assert len(requests) >= 80  # the corpora are really read
    failures = []
    for rid, text in requests:
        result = compile_source(write(translate(text)), f"{rid}.adl")
        if not result.ok:
            failures.append(f"{rid}: does not compile\n{result.render()}")
            continue
        failures += [f"{rid}: {e}" for e in emit_errors(result)]
    assert failures == []
