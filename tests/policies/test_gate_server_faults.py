# ruff: noqa: F811  (pytest fixtures imported by name from policies_support)
"""The OPA server engine never fails open (issue 9): a fake server on 127.0.0.1 that answers
`{}`, `null`, the wrong shape, non-JSON, a doctored proof, a finding with severity `HIGH`, or that
hangs or answers every request slowly. Through `check --opa-url` and `build --opa-url`: a coded
error (exit 2), or a FAIL for a truthful answer with a blocking finding, never a PASS."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from gate_fakes import PHI_ADL, fake_server, finding
from policies_support import opa_bin, opa_server, run_cli  # noqa: F401

from autodeploy.policies import library
from autodeploy.policies.deadline import Deadline


def truthful(findings: list[dict[str, Any]]) -> Any:
    """An answer with a correct proof for what was uploaded."""
    return lambda st: {"result": {"findings": findings, "evaluated": st["evaluated"], "revision": st["revision"]}}


ANSWERS: dict[str, tuple[Any, str]] = {
    "empty-object": (lambda st: {}, "ADL3013"),
    "null-result": (lambda st: {"result": None}, "ADL3013"),
    "old-shape-list": (lambda st: {"result": [finding("ADLP-001", "high")]}, "ADL3014"),
    "top-level-list": (lambda st: [1, 2], "ADL3014"),
    "not-json": (lambda st: b"<html>502 Bad Gateway</html>", "ADL3014"),
    "upper-severity": (truthful([finding("ADLP-001", "HIGH")]), "ADL3014"),
    "unknown-rule": (truthful([finding("XYZ-001", "high")]), "ADL3014"),
    "no-revision": (
        lambda st: {"result": {"findings": [], "evaluated": st["evaluated"], "revision": None}},
        "ADL3016",
    ),
    "lost-rules": (
        lambda st: {"result": {"findings": [], "evaluated": st["evaluated"][:3], "revision": st["revision"]}},
        "ADL3015",
    ),
    "nothing-evaluated": (
        lambda st: {"result": {"findings": [], "evaluated": [], "revision": st["revision"]}},
        "ADL3015",
    ),
}


@pytest.fixture
def phi(tmp_path: Path) -> str:
    p = tmp_path / "phi.adl"
    p.write_text(PHI_ADL, encoding="utf-8")
    return str(p)


def gate(capsys: pytest.CaptureFixture[str], command: str, adl: str, tmp: Path, *extra: str) -> tuple[int, str]:
    argv = ["check", adl] if command == "check" else ["build", adl, "-o", str(tmp / "build")]
    code, out, err = run_cli(capsys, *argv, *extra)
    return code, out + err


# the faults issue 9 lists also go through `build` (the rest share its code path; suite time)
IN_BUILD_TOO = ("empty-object", "null-result", "old-shape-list", "upper-severity")
CASES = [(c, "check") for c in sorted(ANSWERS)] + [(c, "build") for c in IN_BUILD_TOO]


@pytest.mark.parametrize(("case", "command"), CASES)
def test_faulty_server_answer_is_a_coded_error(
    case: str, command: str, phi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str
) -> None:
    answer, code = ANSWERS[case]
    with fake_server(answer) as (url, _):
        status, text = gate(capsys, command, phi, tmp_path, "--opa-url", url)
    assert status == 2, text
    assert code in text, text
    assert "PASS" not in text and "Traceback" not in text and "internal error" not in text


@pytest.mark.parametrize("command", ["check", "build"])
def test_truthful_fake_server_is_believed(
    command: str, phi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str
) -> None:
    # the fake is a fair stand-in: with a correct proof its answer decides the verdict
    with fake_server(truthful([finding("ADLP-001", "high")])) as (url, fake):
        status, text = gate(capsys, command, phi, tmp_path, "--opa-url", url)
        assert status == 1 and "FAIL" in text and "PASS" not in text, text
        library_packages = library.load([], None, Deadline(30, "test")).packages
        assert sorted(fake.state()["evaluated"]) == sorted(library_packages)
    with fake_server(truthful([])) as (url, _):
        status, text = gate(capsys, command, phi, tmp_path, "--opa-url", url)
        assert status == 0 and "PASS" in text, text


@pytest.mark.parametrize("command", ["check", "build"])
def test_hung_server_stops_at_the_deadline(
    command: str, phi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str
) -> None:
    with fake_server(truthful([]), hang=True) as (url, _):
        start = time.monotonic()
        status, text = gate(capsys, command, phi, tmp_path, "--opa-url", url, "--gate-timeout", "1.5")
        elapsed = time.monotonic() - start
    assert status == 2 and "ADL3017" in text and "opa server did not finish within 1.5 s" in text, text
    assert "PASS" not in text
    # the server waits 120 s: a bound far below that proves the deadline, loose enough for a loaded machine
    assert elapsed < 60, (elapsed, text)


@pytest.mark.parametrize("command", ["check", "build"])
def test_slow_server_is_bounded_by_one_deadline(
    command: str, phi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str
) -> None:
    # ~35 requests at 1 s each would take ~35 s; the whole evaluation stops at 2 s
    with fake_server(truthful([]), delay=1.0) as (url, fake):
        start = time.monotonic()
        status, text = gate(capsys, command, phi, tmp_path, "--opa-url", url, "--gate-timeout", "2")
        elapsed = time.monotonic() - start
        served = fake.requests
    assert status == 2 and "ADL3017" in text, text
    assert "PASS" not in text
    # unbounded, ~35 requests at 1 s each; compile and cost run before the deadline starts, so the
    # wall-clock bound stays loose (a loaded machine) and the request count carries the proof
    assert elapsed < 30, (elapsed, text)
    assert served < 10, (served, text)


def test_real_server_with_foreign_rules_is_refused(
    phi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_server: str
) -> None:
    # someone else's module under data.adl.rules on a shared server would add (or hide) findings
    foreign = 'package adl.rules.acme.extra\n\nfindings contains {"rule": "ACME-1"} if true\n'
    req = urllib.request.Request(f"{opa_server}/v1/policies/acme/extra.rego", data=foreign.encode(), method="PUT")
    urllib.request.urlopen(req, timeout=10).close()
    try:
        status, text = gate(capsys, "check", phi, tmp_path, "--opa-url", opa_server)
    finally:
        urllib.request.urlopen(
            urllib.request.Request(f"{opa_server}/v1/policies/acme/extra.rego", method="DELETE"), timeout=10
        ).close()
    assert status == 2 and "ADL3015" in text and "adl.rules.acme.extra" in text, text
    # and with it gone, the same server gives the real verdict
    status, text = gate(capsys, "check", phi, tmp_path, "--opa-url", opa_server)
    assert status == 1 and "3 high+" in text, text
