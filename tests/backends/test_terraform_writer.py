"""The HCL / Terraform JSON writer: terraform-fmt layout, escaping, JSON syntax."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import hcl2
import pytest
from _tf_helpers import EXAMPLES, allow_missing, cloud_of, emit, tool_missing

from autodeploy.backends.terraform.hcl import Block, Call, Document, Expr, Tmpl, to_hcl, to_json

AWS = [p for p in EXAMPLES if cloud_of(p) == "aws"]


def _doc() -> Document:
    d = Document()
    d.add("resource", ("aws_x", "y"), {
        "a": 1, "long_name": "x", "skipped": None,
        "tags": {"Name": "n", "cost:center": "c"},
        "b": True, "cc": [1, 2],
        "pol": Call("jsonencode", ({"Version": "2012", "Statement": [{"Effect": "Allow", "Action": ["a"]}]},)),
        "tricky": 'quote " and ${not_interp} and %{x}',
        "z": Expr("var.x"), "t": Tmpl("${var.p}-api"), "whole": Tmpl("${var.p}"),
        "nested": Block({"q": 1, "qq": 2.5}), "after": 3, "empty": Block({}),
        "stmt": [Block({"x": 1}), Block({"y": 2})],
    })
    return d


def test_layout_like_terraform_fmt():
    text = to_hcl(_doc())
    assert '  a         = 1\n  long_name = "x"\n  tags = {\n    Name          = "n"\n    "cost:center" = "c"\n  }\n' \
        in text
    assert "  b  = true\n  cc = [1, 2]\n" in text  # a multi-line value ends the alignment run
    assert "\n  nested {\n    q  = 1\n    qq = 2.5\n  }\n\n  after = 3\n\n  empty {}\n" in text
    assert "skipped" not in text
    assert '  t      = "${var.p}-api"\n  whole  = var.p\n' in text


def test_escaping_round_trips_through_hcl2():
    doc = hcl2.loads(to_hcl(_doc()))
    body = doc["resource"][0]["aws_x"]["y"]
    assert body["tricky"] == 'quote " and $${not_interp} and %%{x}'  # hcl2 7.x keeps $${ verbatim
    assert body["z"] == "${var.x}" and body["nested"][0]["qq"] == 2.5 and len(body["stmt"]) == 2


def test_json_is_terraform_json_syntax():
    out = json.loads(to_json(_doc()))
    body = out["resource"]["aws_x"]["y"]
    assert body["z"] == "${var.x}" and body["t"] == "${var.p}-api"
    assert body["tricky"] == 'quote " and $${not_interp} and %%{x}'  # literal ${ escaped as $${
    assert body["pol"].startswith("${jsonencode({") and body["stmt"] == [{"x": 1}, {"y": 2}]
    assert body["nested"] == {"q": 1, "qq": 2.5} and "skipped" not in body


_TOP = {"terraform", "provider", "variable", "locals", "data", "resource", "output", "module"}


@pytest.mark.parametrize("path", AWS, ids=lambda p: p.stem)
def test_examples_json_format(path):
    out = emit(path, "json")
    assert list(out.files) == ["main.tf.json"]
    text = out.files["main.tf.json"]
    assert text == emit(path, "json").files["main.tf.json"]
    doc = json.loads(text)
    assert set(doc) <= _TOP
    assert doc["terraform"][0]["required_providers"]["aws"]["source"] == "hashicorp/aws"
    assert doc["provider"]["aws"][0]["region"] == "${var.region}"
    for rtype, by_name in doc["resource"].items():
        assert rtype.startswith(("aws_", "random_", "helm_")), rtype
        for name, body in by_name.items():
            assert isinstance(body, dict) and name.isidentifier()
            for dep in body.get("depends_on", []):
                assert "${" not in dep  # bare references in JSON syntax
    # the same resources as the HCL form
    hcl = hcl2.loads(emit(path).files["main.tf"])
    hcl_names = {(t, n) for item in hcl["resource"] for t, v in item.items() for n in v}
    json_names = {(t, n) for t, v in doc["resource"].items() for n in v}
    assert hcl_names == json_names


def test_terraform_fmt_agrees(tmp_path):
    """`terraform fmt -check` (offline; no providers needed) accepts every emitted file unchanged."""
    tf = shutil.which("terraform")
    if tf is None:
        if allow_missing():
            pytest.skip(tool_missing("terraform"))
        pytest.fail(tool_missing("terraform (any 1.x on PATH)"))
    for path in AWS:
        d = tmp_path / path.stem
        d.mkdir()
        (d / "main.tf").write_text(emit(path).files["main.tf"], encoding="utf-8")
    env = dict(os.environ, TF_CLI_CONFIG_FILE=os.devnull)
    proc = subprocess.run([tf, "fmt", "-check", "-recursive", "-diff", str(tmp_path)], capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:]
