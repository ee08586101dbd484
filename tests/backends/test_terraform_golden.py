"""Golden Terraform per example (examples/*.adl with cloud aws); regenerate with pytest --update-golden."""

from __future__ import annotations

import hcl2
import pytest
from _tf_helpers import EXAMPLES, GOLDEN, cloud_of, emit

from tests.conftest import Golden

AWS = [p for p in EXAMPLES if cloud_of(p) == "aws"]
AZURE = [p for p in EXAMPLES if cloud_of(p) == "azure"]


def test_examples_found():
    assert len(AWS) >= 5, [p.name for p in EXAMPLES]


@pytest.mark.parametrize("path", AWS, ids=lambda p: p.stem)
def test_golden_main_tf(path, golden: Golden):
    out = emit(path)
    assert not [d for d in out.diagnostics if d.is_error], out.diagnostics
    text = out.files["main.tf"]
    golden.check(GOLDEN / path.stem / "main.tf", text)


@pytest.mark.parametrize("path", AWS, ids=lambda p: p.stem)
def test_deterministic_and_parses(path):
    a, b = emit(path).files["main.tf"], emit(path).files["main.tf"]
    assert a == b
    doc = hcl2.loads(a)
    assert {"terraform", "provider", "variable", "resource", "output"} <= set(doc)
    req = doc["terraform"][0]["required_providers"][0]["aws"]
    assert req["source"] == "hashicorp/aws" and req["version"].startswith("~> 5.")
    assert doc["provider"][0]["aws"]["region"] == "${var.region}"
    assert {"region", "name_prefix", "tags"} <= {next(iter(v)) for v in doc["variable"]}


@pytest.mark.parametrize("path", AZURE, ids=lambda p: p.stem)
def test_azure_examples_refused(path):
    out = emit(path)
    assert out.files == {}
    codes = [(d.code, d.message) for d in out.diagnostics]
    assert ("ADL5001", "cloud azure cannot be emitted as terraform for AWS; use --target arm") in codes
