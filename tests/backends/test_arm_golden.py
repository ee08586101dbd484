"""Golden tests: the ARM template of every azure example and test input, byte for byte.

Regenerate with `.venv/bin/pytest tests/backends/test_arm_golden.py --update-golden` and review the diff."""

from __future__ import annotations

import json

import pytest
from _arm_helpers import GOLDEN, example_inputs, golden_inputs

from autodeploy.backends.arm import emit_arm
from autodeploy.compiler import compile_file
from tests.conftest import Golden


def _diag_lines(diags) -> str:
    return "".join(f"{d.code} {d.severity.value} {d.span.line if d.span else 0}: {d.message}\n" for d in diags)


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_golden(path, golden: Golden):
    res = compile_file(path)
    assert res.ir is not None and not res.errors, res.render()
    out = emit_arm(res.ir, res.graph)
    files = dict(out.files)
    files["arm.diagnostics.txt"] = _diag_lines(out.diagnostics)
    for name, text in files.items():
        golden.check(GOLDEN / path.stem / name, text)


def test_there_is_an_azure_example():
    assert example_inputs("azure"), "no examples/*.adl with cloud = azure"


@pytest.mark.parametrize("path", example_inputs("aws"), ids=lambda p: p.stem)
def test_aws_examples_are_refused_with_adl5050(path):
    res = compile_file(path)
    assert res.ir is not None
    out = emit_arm(res.ir, res.graph)
    assert out.files == {}
    assert [d.code for d in out.diagnostics] == ["ADL5050"]
    d = out.diagnostics[0]
    assert d.is_error
    assert d.message == "deployment cloud is aws; set cloud = azure to emit ARM"
    assert d.span is not None and d.span.file.endswith(path.name)


def test_golden_templates_parse_and_use_2_space_indent():
    for path in golden_inputs():
        text = (GOLDEN / path.stem / "azuredeploy.json").read_text(encoding="utf-8")
        doc = json.loads(text)
        assert text == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
