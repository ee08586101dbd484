"""Shared fixtures for tests/policies: the OPA binary, a real OPA server on a free port,
an organisation policy dir with one rule, and a CLI runner. Imported by name from the tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from autodeploy.cli import main
from autodeploy.policies.diagnostics import PolicyEngineError
from autodeploy.policies.opa import find_opa

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TODAY = "2026-11-26"
EXAMPLES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.adl"))

ORG_RULE = """# METADATA
# title: Buckets over 1 TB need an owner review
# description: Organisation rule used by the gate's tests.
# custom:
#   id: ORG-001
#   severity: medium
#   controls:
#     soc2: ["CC6.1"]
#   always: true
#   remediation: keep buckets under 1 TB or get an owner review
package adl.rules.org.big_buckets

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("bucket")
	r.attrs.size > 1000
	msg := sprintf("bucket `%s` holds %v GB", [r.name, r.attrs.size])
	f := lib.finding(rego.metadata.chain(), r, "size", msg)
}
"""


def tool_missing(what: str) -> None:
    """Missing real tools FAIL the suite unless AUTODEPLOY_ALLOW_MISSING_TOOLS=1 (then skip)."""
    msg = f"{what} (install with scripts/install-opa.sh)"
    if os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1":
        pytest.skip(msg)
    pytest.fail(msg)


@pytest.fixture(scope="session")
def opa_bin() -> str:
    try:
        return find_opa()
    except PolicyEngineError as exc:
        tool_missing(f"OPA 1.x is required for the policy tests: {exc.diagnostic.message}")
        raise  # unreachable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_opa(opa_bin: str, *args: str) -> Iterator[str]:
    """A real `opa run --server` on a free port (plus `args`), stopped on exit; yields its URL."""
    port = free_port()
    proc = subprocess.Popen(
        [opa_bin, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"OPA server did not start on {url}: {err}")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# Module scope: each test module imports this fixture (a fixture of its own per module); with session scope
# every module's server stayed alive to the end of the run.
@pytest.fixture(scope="module")
def opa_server(opa_bin: str) -> Iterator[str]:
    with running_opa(opa_bin) as url:
        yield url


@pytest.fixture(scope="session")
def org_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("org-policies")
    (d / "big_buckets.rego").write_text(ORG_RULE, encoding="utf-8")
    return str(d)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
