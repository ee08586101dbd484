"""Usage files: overrides change the quantities and the reported usage source; bad files are
coded diagnostics pointing at the key's line (exit 2 from the CLI)."""

from __future__ import annotations

import subprocess
import sys

from autodeploy.analytics.cost import estimate
from autodeploy.analytics.usage import Usage, load_usage_file
from autodeploy.compiler import compile_file

PORTAL = "examples/patient-portal.adl"


def portal_ir():
    res = compile_file(PORTAL)
    assert res.ok
    return res.ir


def write(tmp_path, text: str) -> str:
    p = tmp_path / "usage.yml"
    p.write_text(text)
    return str(p)


def test_usage_file_overrides(tmp_path):
    ir = portal_ir()
    path = write(
        tmp_path,
        "resources:\n  api: {load_rps: 250, replicas: 4}\n"
        "  records: {size_gb: 3000, monthly_requests: 1e6}\n",
    )
    usage, diags = load_usage_file(path, ir)
    assert diags == () and usage is not None
    rep = estimate(ir, usage)
    base = estimate(ir)
    assert rep.usage_sources["api"] == "usage-file" and rep.usage_sources["records"] == "usage-file"
    assert base.usage_sources["api"] == "default"
    api = rep.resource("api")
    assert api.components[0].quantity == 4 * 730  # 1 vCPU x 4 replicas x 730 h
    fargate = [c.monthly for c in api.components if c.name.startswith("Fargate")]
    assert fargate == [2 * c.monthly for c in base.resource("api").components if c.name.startswith("Fargate")]
    storage = rep.resource("records").components[0]
    assert (storage.quantity, storage.monthly) == (3000, 69.00)
    get = rep.resource("records").components[1]
    assert (get.quantity, get.monthly) == (1000, 0.40)  # 1e6 requests = 1,000 x 1k at $0.0004


def test_model_usage_source():
    ir = portal_ir()
    rep = estimate(ir, Usage.from_mapping({"api": {"replicas": 3}}, source="model"))
    assert rep.usage_sources["api"] == "model"


def test_unknown_key_and_resource_diagnostics(tmp_path):
    ir = portal_ir()
    path = write(tmp_path, "resources:\n  api:\n    replicaz: 4\n  nope: {x: 1}\n  records: {size_gb: -1}\n")
    usage, diags = load_usage_file(path, ir)
    assert usage is None
    codes = {d.code: d for d in diags}
    assert set(codes) == {"ADL4012", "ADL4013", "ADL4014"}
    assert codes["ADL4012"].span.line == 3 and "did you mean `replicas`?" in codes["ADL4012"].help
    assert codes["ADL4013"].span.line == 4
    assert "records.size_gb" in codes["ADL4014"].message


def test_not_yaml_and_not_a_mapping(tmp_path):
    ir = portal_ir()
    _, diags = load_usage_file(write(tmp_path, "resources: [1, 2\n"), ir)
    assert [d.code for d in diags] == ["ADL4011"]
    _, diags = load_usage_file(write(tmp_path, "- 1\n"), ir)
    assert [d.code for d in diags] == ["ADL4011"]
    _, diags = load_usage_file(str(tmp_path / "missing.yml"), ir)
    assert [d.code for d in diags] == ["ADL4010"]


def test_cli_bad_usage_file_exits_2(tmp_path):
    path = write(tmp_path, "resources:\n  api: {replicaz: 4}\n")
    p = subprocess.run(
        [sys.executable, "-m", "autodeploy", "cost", PORTAL, "--usage", path], capture_output=True, text=True
    )
    assert p.returncode == 2, p.stderr
    assert "ADL4012" in p.stderr and ":2:9:" in p.stderr and "Traceback" not in p.stderr
