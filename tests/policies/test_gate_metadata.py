# ruff: noqa: F811  (pytest fixtures imported by name from policies_support)
"""Rule metadata is validated when the library loads (issue 9): an unknown severity (matching
is exact, so `HIGH` is an error, not `info`), a missing id, a duplicate id, an id the aggregator
never evaluates. Through `check` and `build`, and with both metadata readers (`opa inspect` and
the Python reader the server engine uses without a local OPA)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gate_fakes import PHI_ADL, org_rule
from policies_support import opa_bin, run_cli  # noqa: F401

from autodeploy.policies import library
from autodeploy.policies.deadline import Deadline
from autodeploy.policies.engine import PolicyEngineError

OK = {"id": "ORG-100", "severity": "high", "always": "true"}

# a second rule id in the same package, on a rule-scoped annotation (OPA allows one package annotation)
RULE_SCOPED = """package adl.rules.org.a

# METADATA
# custom:
#   id: ORG-101
#   severity: low
findings contains 1 if false
"""

CASES = {
    # name: (modules {file: text}, code, words in the message)
    "uppercase-severity": (
        {"r.rego": org_rule("adl.rules.org.r", {**OK, "severity": "HIGH"})},
        "ADL3011",
        ["'HIGH'", "did you mean `high`"],
    ),
    "unknown-severity": (
        {"r.rego": org_rule("adl.rules.org.r", {**OK, "severity": "urgent"})},
        "ADL3011",
        ["'urgent'"],
    ),
    "missing-severity": (
        {"r.rego": org_rule("adl.rules.org.r", {"id": "ORG-100", "always": "true"})},
        "ADL3011",
        ["severity None"],
    ),
    "missing-id": ({"r.rego": org_rule("adl.rules.org.r", {"severity": "high"})}, "ADL3011", ["no `custom.id`"]),
    "no-metadata": (
        {"r.rego": "package adl.rules.org.r\n\nfindings contains 1 if false\n"},
        "ADL3011",
        ["`adl.rules.org.r` has no `# METADATA`"],
    ),
    "id-clashes-with-library": (
        {"r.rego": org_rule("adl.rules.org.r", {**OK, "id": "ADLP-001"})},
        "ADL3012",
        ["`ADLP-001` is used twice"],
    ),
    "duplicate-org-id": (
        {"a.rego": org_rule("adl.rules.org.a", OK), "b.rego": org_rule("adl.rules.org.b", OK)},
        "ADL3012",
        ["`ORG-100` is used twice"],
    ),
    "two-ids-one-package": (
        {"a.rego": org_rule("adl.rules.org.a", OK), "b.rego": RULE_SCOPED},
        "ADL3011",
        ["second rule id"],
    ),
    "too-deep": ({"r.rego": org_rule("adl.rules.org.deep.r", OK)}, "ADL3011", ["does not evaluate"]),
    "outside-adl-rules": ({"r.rego": org_rule("acme.rules.r", OK)}, "ADL3011", ["does not evaluate"]),
}


def _org(tmp_path: Path, modules: dict[str, str]) -> str:
    d = tmp_path / "org"
    d.mkdir(exist_ok=True)
    for name, text in modules.items():
        (d / name).write_text(text, encoding="utf-8")
    return str(d)


@pytest.mark.parametrize(
    ("case", "command"),
    [(c, "check") for c in sorted(CASES)] + [("uppercase-severity", "build"), ("id-clashes-with-library", "build")],
)
def test_bad_metadata_is_a_coded_error(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str
) -> None:
    modules, code, words = CASES[case]
    org = _org(tmp_path, modules)
    adl = tmp_path / "phi.adl"
    adl.write_text(PHI_ADL, encoding="utf-8")
    argv = ["check", str(adl)] if command == "check" else ["build", str(adl), "-o", str(tmp_path / "b")]
    status, out, err = run_cli(capsys, *argv, "--policy-dir", org)
    text = out + err
    assert status == 2, text
    assert code in text and all(w in text for w in words), text
    assert "PASS" not in text and "Traceback" not in text
    if command == "check":  # points at the .rego file
        assert "org/" in err and ".rego:" in err


@pytest.mark.parametrize("case", sorted(CASES))
def test_python_metadata_reader_agrees(case: str, tmp_path: Path, opa_bin: str) -> None:
    # the server engine on a machine without OPA reads METADATA in Python: same verdicts
    modules, code, _ = CASES[case]
    org = _org(tmp_path, modules)
    for binary in (opa_bin, None):
        with pytest.raises(PolicyEngineError) as info:
            library.load([org], binary, Deadline(30, "test"))
        assert info.value.diagnostic.code == code, (binary, info.value.diagnostic.message)


def test_good_org_rule_loads_and_both_readers_agree(tmp_path: Path, opa_bin: str) -> None:
    org = _org(tmp_path, {"r.rego": org_rule("adl.rules.org.r", OK)})
    a = library.load([org], opa_bin, Deadline(30, "test"))
    b = library.load([org], None, Deadline(30, "test"))
    assert a == b
    alone = library.load([], None, Deadline(30, "test"))  # the library without the org folder
    assert "org.r" in a.packages and len(a.packages) == len(alone.packages) + 1 and "ORG-100" in a.rule_ids


def test_invalid_metadata_yaml(tmp_path: Path, opa_bin: str) -> None:
    text = "# METADATA\n# custom:\n#   id: [unclosed\npackage adl.rules.org.r\n\nfindings contains 1 if false\n"
    org = _org(tmp_path, {"r.rego": text})
    with pytest.raises(PolicyEngineError) as info:  # OPA refuses to parse it
        library.load([org], opa_bin, Deadline(30, "test"))
    assert info.value.diagnostic.code == "ADL3004"
    with pytest.raises(PolicyEngineError) as info:  # so does the Python reader
        library.load([org], None, Deadline(30, "test"))
    d = info.value.diagnostic
    assert d.code == "ADL3011" and d.span is not None and d.span.line == 1 and d.span.file.endswith("r.rego")


def test_revision_covers_every_module(tmp_path: Path, opa_bin: str) -> None:
    org = _org(tmp_path, {"r.rego": org_rule("adl.rules.org.r", OK)})
    before = library.load([org], opa_bin, Deadline(30, "test")).revision
    assert before == library.load([org], opa_bin, Deadline(30, "test")).revision  # deterministic
    assert before != library.load([], opa_bin, Deadline(30, "test")).revision
    (tmp_path / "org" / "r.rego").write_text(org_rule("adl.rules.org.r", {**OK, "severity": "low"}))
    assert before != library.load([org], opa_bin, Deadline(30, "test")).revision
