"""The gate's exit codes, waivers, the build stage and `ci init`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from policies_support import TODAY, opa_bin, org_dir, run_cli  # noqa: F401

# soc2 so only the org rule (ORG-001, medium) and library soc2 rules can fire
WAIVED_ADL = """deployment w {
  cloud = aws
  region = "us-east-1"
  compliance = [soc2]
}
bucket big {
  size = 2 TB
  encryption = true
}
bucket huge {
  size = 3 TB
  encryption = true
}
waive ORG-001 on big { reason = "archive, reviewed" owner = "alice" expires = 2027-01-31 }
waive ORG-001 on huge { reason = "old" owner = "bob" expires = 2026-01-31 }
waive ORG-999 on big { reason = "typo" owner = "carol" expires = 2027-01-31 }
"""


@pytest.fixture
def org_only(monkeypatch: pytest.MonkeyPatch, org_dir: str) -> str:  # noqa: F811
    """Only lib/ of the built-in library (the helpers org rules call) plus the org rule, so these
    exit-code tests do not move when the library's rules change."""
    from autodeploy.policies import opa

    lib = tuple(d for d in opa.PACKAGE_POLICY_DIRS if d.name == "lib")
    monkeypatch.setattr(opa, "PACKAGE_POLICY_DIRS", lib)
    return org_dir


def _write(tmp_path: Path, text: str) -> str:
    p = tmp_path / "app.adl"
    p.write_text(text, encoding="utf-8")
    return str(p)


def _org_findings(out: str) -> list[dict]:  # type: ignore[type-arg]
    return [f for f in json.loads(out)["findings"] if f["rule"] == "ORG-001"]


ONE_BIG = WAIVED_ADL.split("bucket huge")[0]


@pytest.mark.parametrize(("fail_on", "expected"), [("low", 1), ("medium", 1), ("high", 0), ("critical", 0)])
def test_fail_on_threshold(fail_on: str, expected: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           org_only: str, opa_bin: str) -> None:  # noqa: F811
    adl = _write(tmp_path, ONE_BIG)
    code, out, err = run_cli(capsys, "check", adl, "--policy-dir", org_only, "--format", "json",
                             "--fail-on", fail_on, "--today", TODAY)
    doc = json.loads(out)
    # library findings (if any) must not be high+ here for the thresholds to isolate the org rule
    library_high = [f for f in doc["findings"] if f["rule"] != "ORG-001"
                    and f["severity"] in ("high", "critical")]
    assert not library_high, library_high
    assert [f["resource"] for f in _org_findings(out)] == ["big"]
    if not [f for f in doc["findings"] if f["rule"] != "ORG-001" and f["severity"] in ("low", "medium")]:
        assert code == expected, (fail_on, err)
    elif fail_on in ("high", "critical"):
        assert code == 0


def test_waivers(tmp_path: Path, capsys: pytest.CaptureFixture[str], org_only: str,
                 opa_bin: str) -> None:  # noqa: F811
    adl = _write(tmp_path, WAIVED_ADL)
    code, out, err = run_cli(capsys, "check", adl, "--policy-dir", org_only, "--format", "json",
                             "--today", TODAY)
    assert code == 1  # the expired waiver and the unknown rule fail the gate even at --fail-on high
    by_res = {f["resource"]: f for f in _org_findings(out)}
    assert by_res["big"]["waived"] is True and by_res["big"]["waiver"]["owner"] == "alice"
    assert by_res["huge"]["waived"] is False and by_res["huge"]["waiver_expired"] is True
    codes = {d["code"]: d for d in json.loads(out)["diagnostics"]}
    assert codes["ADL3002"]["span"]["line"] == 16 and "ORG-999" in codes["ADL3002"]["message"]
    assert codes["ADL3006"]["span"]["line"] == 15 and "2026-01-31" in codes["ADL3006"]["message"]
    code, text, _ = run_cli(capsys, "check", adl, "--policy-dir", org_only, "--today", TODAY)
    assert "[waived]" in text and "[waiver expired]" in text and "EXPIRED waiver" in text


def test_waiver_in_force_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str], org_only: str,
                                opa_bin: str) -> None:  # noqa: F811
    text = ONE_BIG + 'waive ORG-001 on big { reason = "r" owner = "o" expires = 2027-01-31 }\n'
    adl = _write(tmp_path, text)
    code, out, err = run_cli(capsys, "check", adl, "--policy-dir", org_only, "--format", "json",
                             "--fail-on", "medium", "--today", TODAY)
    assert [f["waived"] for f in _org_findings(out)] == [True]
    assert code == 0, err
    # the same waiver the day after it expires fails the gate
    code, out, _ = run_cli(capsys, "check", adl, "--policy-dir", org_only, "--format", "json",
                           "--fail-on", "critical", "--today", "2027-02-01")
    assert code == 1 and _org_findings(out)[0]["waiver_expired"] is True


def test_compile_errors_exit_1_without_policy_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    adl = _write(tmp_path, "bucket b { size = 2 parsecs }\n")
    code, out, err = run_cli(capsys, "check", adl)
    assert code == 1 and "error ADL" in err and "no policy ran" in err and out == ""


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "check", "examples/does-not-exist.adl")
    assert code == 2 and "no such file" in err
    with pytest.raises(SystemExit) as info:
        run_cli(capsys, "check", "examples/patient-portal.adl", "--fail-on", "severe")
    assert info.value.code == 2


def test_framework_override(capsys: pytest.CaptureFixture[str], opa_bin: str) -> None:  # noqa: F811
    code, out, _ = run_cli(capsys, "check", "examples/patient-portal.adl", "--framework", "soc2,gdpr",
                           "--format", "json", "--today", TODAY)
    assert json.loads(out)["frameworks"] == ["soc2", "gdpr"]


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str) -> None:  # noqa: F811
    target = tmp_path / "out" / "f.sarif"
    code, out, _ = run_cli(capsys, "check", "examples/patient-portal.adl", "--format", "sarif", "-o", str(target),
                           "--today", TODAY)
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert f"wrote {target}" in out


def test_build_stage(tmp_path: Path, capsys: pytest.CaptureFixture[str], opa_bin: str,  # noqa: F811
                     monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "build"
    code, out, err = run_cli(capsys, "build", "examples/patient-portal.adl", "-o", str(out_dir))
    line = next(x for x in out.splitlines() if x.strip().startswith("check "))
    assert "hipaa, pci_dss:" in line and "rules)" in line
    assert json.loads((out_dir / "findings.sarif").read_text())["version"] == "2.1.0"
    monkeypatch.setenv("AUTODEPLOY_OPA", str(tmp_path / "missing-opa"))
    code, out, err = run_cli(capsys, "build", "examples/patient-portal.adl", "-o", str(out_dir))
    assert code == 2
    assert "check    not run: ADL3001" in out and "scripts/install-opa.sh" in out


PIN = ("--repo", "https://example.org/acme/autodeploy.git", "--commit", "0123456789abcdef0123456789abcdef01234567")


def test_ci_init(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "ci", "init", "--provider", "github", "--file", "infra/app.adl", *PIN)
    assert code == 0
    wf = yaml.safe_load((tmp_path / ".github/workflows/autodeploy.yml").read_text())
    steps = wf["jobs"]["gate"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    runs = " ".join(s.get("run", "") for s in steps)
    assert "autodeploy check infra/app.adl --format sarif" in runs and "--format markdown" in runs
    assert any("github-script" in u for u in uses)  # the PR comment
    assert wf["permissions"]["security-events"] == "write"
    code, _, err = run_cli(capsys, "ci", "init", "--provider", "github", *PIN)
    assert code == 2 and "--force" in err
    code, _, _ = run_cli(capsys, "ci", "init", "--provider", "github", "--force", *PIN)
    assert code == 0
    code, _, _ = run_cli(capsys, "ci", "init", "--provider", "gitlab", "-o", "ci/gl.yml", *PIN)
    gl = yaml.safe_load((tmp_path / "ci/gl.yml").read_text())
    script = " ".join(gl["autodeploy-gate"]["script"])
    assert "--format sarif" in script and "merge_requests" in script
    assert gl["autodeploy-gate"]["artifacts"]["reports"]["junit"] == "autodeploy-junit.xml"


def test_build_stage_passes_the_cost_stage_estimate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from autodeploy.analytics.cost import estimate
    from autodeploy.compiler import compile_file
    from autodeploy.pipeline import BuildContext
    from autodeploy.policies import engine
    from autodeploy.policies.engine import PolicyReport
    from autodeploy.stages import check as stage

    seen: dict[str, object] = {}

    def fake_evaluate(ir, **kw):  # type: ignore[no-untyped-def]
        seen.update(kw)
        return PolicyReport(findings=(), frameworks=("hipaa",), today=TODAY)

    monkeypatch.setattr(engine, "evaluate", fake_evaluate)  # the stage imports it when it runs
    res = compile_file("examples/patient-portal.adl")
    ctx = BuildContext(file="x", args=argparse.Namespace(), result=res, out_dir=str(tmp_path))
    report = estimate(res.ir)
    ctx.artifacts["cost"] = report
    stage.STAGE.run(ctx)
    # the budget rules see the total and how many components are unpriced (a lower bound)
    assert seen["cost"] == {
        "total_monthly": report.total_monthly,
        "currency": "USD",
        "lower_bound": True,
        "unpriced": 2,
        "unpriced_components": [
            "core: Public IPv4 address (1 NAT gateway Elastic IP(s))",
            "api: Container Insights metrics (cluster setting enabled)",
        ],
    }
    assert ctx.exit_code == 0 and ctx.summary == ["check    hipaa: 0 high+, 0 waived (0 rules)"]
    assert (tmp_path / "findings.sarif").exists()
    ctx2 = BuildContext(file="x", args=argparse.Namespace(), result=res, out_dir=str(tmp_path))
    stage.STAGE.run(ctx2)
    assert seen["cost"] is None  # no cost stage ran: the budget rule sees no cost


def test_check_command_passes_cost_estimate(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from autodeploy.commands import check as cmd
    from autodeploy.policies import engine, opa
    from autodeploy.policies.engine import PolicyReport

    seen: dict[str, object] = {}

    def fake_evaluate(ir, **kw):  # type: ignore[no-untyped-def]
        seen.update(kw)
        return PolicyReport(findings=(), frameworks=(), today=TODAY)

    monkeypatch.setattr(engine, "evaluate", fake_evaluate)  # the command imports both when it runs
    monkeypatch.setattr(opa, "find_opa", lambda: "opa")
    monkeypatch.setattr(cmd, "estimate_cost", lambda ir: {"total_monthly": 7.0, "currency": "USD"})
    code, out, _ = run_cli(capsys, "check", "examples/static-site.adl", "--today", TODAY)
    assert code == 0 and seen["cost"] == {"total_monthly": 7.0, "currency": "USD"}
