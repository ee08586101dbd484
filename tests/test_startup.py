"""Pay only for what you use (issue 19): each command imports its own stage's dependencies and
nothing else. `--version` and `--help` import no third-party library; compile, check, cost, emit
and build never load boto3 (deploy only), pandas/scikit-learn (forecast/optimize), DuckDB
(--record, history) or networkx (the dependency graph is plain dicts unless a cycle is listed).
Read from sys.modules of a fresh interpreter, after the command ran through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/patient-portal.adl"

# top-level packages a command may well need, but never one it has no use for
HEAVY = ("boto3", "botocore", "s3transfer", "duckdb", "pandas", "sklearn", "scipy", "numpy", "networkx",
         "openai", "matplotlib", "pygls", "jinja2", "lark", "yaml")

PROBE = """
import contextlib, io, json, sys
from autodeploy.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(json.loads(sys.argv[1]))
    except SystemExit as exc:  # argparse's --version / --help
        code = exc.code
print(json.dumps({"code": code, "out": out.getvalue()[:200], "modules": sorted(sys.modules)}))
"""


def loaded(argv: list[str]) -> tuple[int, set[str], set[str]]:
    """(exit code, top-level packages, autodeploy modules) after `autodeploy <argv>`."""
    p = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout.splitlines()[-1])
    mods = doc["modules"]
    return doc["code"], {m.split(".")[0] for m in mods}, {m for m in mods if m.startswith("autodeploy.")}


def heavy(top: set[str]) -> set[str]:
    return top & set(HEAVY)


@pytest.mark.parametrize("argv", [["--version"], ["--help"], []])
def test_version_and_help_import_no_library(argv: list[str]) -> None:
    code, top, ours = loaded(argv)
    assert code in (0, 2)
    assert heavy(top) == set()
    # nor our own engines: the compiler's parser and checker, the policy engine, any backend
    assert not {m for m in ours if m.startswith(("autodeploy.compiler.parser", "autodeploy.compiler.checker",
                                                 "autodeploy.policies.engine", "autodeploy.backends.arm",
                                                 "autodeploy.backends.terraform", "autodeploy.backends.deploy",
                                                 "autodeploy.analytics.", "autodeploy.nl.offline"))}


def test_compile_loads_the_parser_only() -> None:
    code, top, ours = loaded(["compile", EXAMPLE])
    assert code == 0
    assert heavy(top) == {"lark"}
    assert "autodeploy.compiler.graph" in ours and "autodeploy.policies.engine" not in ours


def test_check_loads_no_deploy_history_or_data_science_library() -> None:
    code, top, ours = loaded(["check", EXAMPLE])
    assert code in (0, 1)  # findings or none: the gate ran
    assert heavy(top) <= {"lark", "yaml"}
    assert "autodeploy.policies.engine" in ours and "autodeploy.analytics.catalog" in ours
    assert not {m for m in ours if m.startswith(("autodeploy.backends.deploy", "autodeploy.backends.terraform",
                                                 "autodeploy.analytics.store", "autodeploy.analytics.optimizer"))}


@pytest.mark.parametrize("command", ["cost", "emit", "build"])
def test_the_build_stages_load_no_deploy_history_or_data_science_library(command: str, tmp_path: Path) -> None:
    argv = [command, EXAMPLE] + (["-o", str(tmp_path / "out")] if command != "cost" else [])
    code, top, ours = loaded(argv)
    assert code in (0, 1)
    assert heavy(top) <= {"lark", "yaml"}
    assert not {m for m in ours if m.startswith(("autodeploy.backends.deploy", "autodeploy.analytics.store",
                                                 "autodeploy.analytics.optimizer"))}


def test_the_probe_sees_a_heavy_import() -> None:
    # the probe itself is sound: a command that does need boto3 (deploy's options parsed, the
    # command run far enough to fail on a missing file) shows it in sys.modules
    code, top, _ = loaded(["plan", "no-such-file.adl"])
    assert code != 0
    assert "boto3" in top
