"""Shared by the Terraform/checkov tests: which examples are AWS ones, and emitting them."""

from __future__ import annotations

import os
from pathlib import Path

from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.adl"))
GOLDEN = ROOT / "tests" / "cases"  # <case>/main.tf


def compile_example(path: Path):  # noqa: ANN201
    res = compile_file(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
    assert res.ok, res.render()
    return res


def cloud_of(path: Path) -> str:
    return compile_example(path).ir.deployment.cloud


def emit(path: Path, fmt: str = "hcl"):  # noqa: ANN201
    cwd = os.getcwd()
    os.chdir(ROOT)  # spans and display paths are relative to the repo, as in the goldens
    try:
        res = compile_example(path)
        return emit_terraform(res.ir, res.graph, fmt)
    finally:
        os.chdir(cwd)


def tool_missing(what: str) -> str:
    return (f"{what} is not installed; run the install step (see docs/backends.md) "
            "or set AUTODEPLOY_ALLOW_MISSING_TOOLS=1 to skip")


def allow_missing() -> bool:
    return os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1"
