# ruff: noqa: F811  (pytest fixtures imported by name from policies_support)
"""The gate never fails open (issue 9): a local `opa` that answers nothing, null, non-JSON, the
wrong shape, a doctored proof, or hangs; a policy library that is missing or empty. Every case
runs through `check` and `build` and must end in a coded error (exit 2), never a PASS."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from gate_fakes import EVAL_MODES, PHI_ADL, fake_opa
from policies_support import TODAY, opa_bin, run_cli  # noqa: F401

from autodeploy.compiler import compile_file
from autodeploy.policies import deadline as _deadline
from autodeploy.policies import opa
from autodeploy.policies.engine import PolicyEngineError, evaluate

RULES = str(next(d for d in opa.PACKAGE_POLICY_DIRS if d.name == "rules"))
LIB = next(d for d in opa.PACKAGE_POLICY_DIRS if d.name == "lib")

FAULT_CODES = {
    "empty-object": "ADL3013",
    "null-value": "ADL3013",
    "empty-result": "ADL3013",
    "not-json": "ADL3014",
    "not-utf8": "ADL3014",
    "list-payload": "ADL3014",
    "drop-rules": "ADL3015",
    "old-query": "ADL3014",
    "no-proof": "ADL3014",
    "wrong-revision": "ADL3016",
    "lost-rule": "ADL3015",
    "foreign-rule": "ADL3015",
    "upper-severity": "ADL3014",
    "unknown-rule-id": "ADL3014",
    "findings-null": "ADL3014",
}


def gate(capsys: pytest.CaptureFixture[str], command: str, adl: str, tmp: Path, *extra: str) -> tuple[int, str]:
    """Run `check` or `build` on `adl`; (exit code, stdout + stderr)."""
    argv = ["check", adl] if command == "check" else ["build", adl, "-o", str(tmp / "build")]
    code, out, err = run_cli(capsys, *argv, *extra)
    return code, out + err


def assert_refused(code: int, text: str, diag_code: str) -> None:
    assert code == 2, text
    assert diag_code in text, text
    assert "PASS" not in text
    assert "Traceback" not in text and "internal error" not in text


@pytest.fixture
def phi(tmp_path: Path) -> str:
    p = tmp_path / "phi.adl"
    p.write_text(PHI_ADL, encoding="utf-8")
    return str(p)


def test_the_real_engine_fails_the_phi_bucket(
    phi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str
) -> None:
    # the baseline every fault below must not turn into a PASS
    report = evaluate(compile_file(phi).ir, today=TODAY)
    assert len(report.blocking("high")) == 3
    # every rule folder of the library (one rule each, with its sibling _test.rego) is in the report
    folders = {f.parent for f in Path(RULES).rglob("*.rego") if not f.name.endswith("_test.rego")}
    assert report.revision.startswith("sha256:") and len(report.rules) == len(folders) >= 30
    for command in ("check", "build"):
        code, text = gate(capsys, command, phi, tmp_path)
        assert code == 1 and "FAIL" in text and "PASS" not in text


def test_every_fault_mode_has_an_expected_code() -> None:
    assert set(FAULT_CODES) == set(EVAL_MODES) - {"hang"}


# the faults issue 9 lists also go through `build` (the rest share its code path; suite time)
IN_BUILD_TOO = ("drop-rules", "empty-object", "not-json", "null-value")
CASES = [(m, "check") for m in sorted(FAULT_CODES)] + [(m, "build") for m in IN_BUILD_TOO]


@pytest.mark.parametrize(("mode", "command"), CASES)
def test_faulty_opa_eval_is_a_coded_error(
    mode: str,
    command: str,
    phi: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    opa_bin: str,
) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", fake_opa(tmp_path, opa_bin, mode, RULES))
    code, text = gate(capsys, command, phi, tmp_path)
    assert_refused(code, text, FAULT_CODES[mode])


@pytest.mark.parametrize("command", ["check", "build"])
def test_hanging_opa_eval_stops_at_the_deadline(
    command: str,
    phi: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    opa_bin: str,
) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", fake_opa(tmp_path, opa_bin, "hang", RULES))
    monkeypatch.setattr(_deadline, "PROGRESS_AFTER", 0.3)
    start = time.monotonic()
    code, text = gate(capsys, command, phi, tmp_path, "--gate-timeout", "1.5")
    elapsed = time.monotonic() - start
    assert_refused(code, text, "ADL3017")
    assert "within 1.5 s" in text
    assert "still running after 0.3 s" in text  # the progress note on stderr
    assert elapsed < 12, (elapsed, text)  # the fake sleeps 600 s


def test_deadline_from_the_environment(phi: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opa_bin: str) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", fake_opa(tmp_path, opa_bin, "hang", RULES))
    monkeypatch.setenv(_deadline.TIMEOUT_ENV, "1")
    start = time.monotonic()
    with pytest.raises(PolicyEngineError) as info:
        evaluate(compile_file(phi).ir, today=TODAY)
    assert info.value.diagnostic.code == "ADL3017" and "within 1 s" in info.value.diagnostic.message
    assert time.monotonic() - start < 10


def test_deadline_defaults_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_deadline.TIMEOUT_ENV, raising=False)
    assert _deadline.Deadline.for_run(None, server=False).seconds == 60
    assert _deadline.Deadline.for_run(None, server=True).seconds == 30
    monkeypatch.setenv(_deadline.TIMEOUT_ENV, "7.5")
    assert _deadline.Deadline.for_run(None, server=True).seconds == 7.5
    assert _deadline.Deadline.for_run(3, server=True).seconds == 3  # the option wins
    for bad in ("0", "-1", "abc", "inf", "nan"):
        monkeypatch.setenv(_deadline.TIMEOUT_ENV, bad)
        with pytest.raises(PolicyEngineError) as info:
            _deadline.Deadline.for_run(None, server=False)
        assert info.value.diagnostic.code == "ADL3018"


def test_gate_timeout_option_is_validated(phi: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run_cli(capsys, "check", phi, "--gate-timeout", "0")
    assert info.value.code == 2


# ---- the library itself -----------------------------------------------------------------------


def _library(monkeypatch: pytest.MonkeyPatch, *dirs: Path) -> None:
    monkeypatch.setattr(opa, "PACKAGE_POLICY_DIRS", tuple(dirs))


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("layout", ["rules-missing", "rules-empty", "rules-only-tests", "lib-missing", "no-main"])
def test_missing_or_empty_library_is_a_coded_error(
    layout: str,
    command: str,
    phi: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    opa_bin: str,
) -> None:
    rules = tmp_path / "rules"
    lib = LIB
    if layout == "rules-empty":
        rules.mkdir()
    elif layout == "rules-only-tests":
        (rules / "x").mkdir(parents=True)
        (rules / "x" / "x_test.rego").write_text("package adl.rules.x.x_test\n\ntest_a if true\n")
    elif layout == "lib-missing":
        lib, rules = tmp_path / "lib", Path(RULES)
    elif layout == "no-main":  # lib/ without the aggregator: nothing would ever be evaluated
        lib, rules = tmp_path / "lib", Path(RULES)
        lib.mkdir()
        (lib / "adl.rego").write_text((LIB / "adl.rego").read_text())
    _library(monkeypatch, lib, rules)
    code, text = gate(capsys, command, phi, tmp_path)
    assert_refused(code, text, "ADL3010")


def test_empty_policy_dir_is_a_coded_error(
    phi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str
) -> None:
    (tmp_path / "org").mkdir()
    code, text = gate(capsys, "check", phi, tmp_path, "--policy-dir", str(tmp_path / "org"))
    assert_refused(code, text, "ADL3010")
    code, text = gate(capsys, "check", phi, tmp_path, "--policy-dir", str(tmp_path / "nope"))
    assert_refused(code, text, "ADL3010")
    assert "not a directory" in text
