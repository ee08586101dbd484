"""The optimizer on the examples: a patch that compiles clean, is cheaper, and adds no policy finding."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from autodeploy.analytics import optimizer
from autodeploy.cli import main
from autodeploy.compiler import compile_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.adl"))


def _opa() -> str:
    """OPA via AUTODEPLOY_OPA, else the project's .tools/bin/opa. Missing: FAIL unless allowed."""
    path = os.environ.get("AUTODEPLOY_OPA") or str(ROOT / ".tools" / "bin" / "opa")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        msg = f"OPA not found at {path} (install with scripts/install-opa.sh)"
        if os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1":
            pytest.skip(msg)
        pytest.fail(msg)
    return path


@pytest.fixture(scope="module")
def opa_path() -> str:
    return _opa()


def _findings(path: Path) -> set[tuple[str, str, str]]:
    from autodeploy.policies.engine import evaluate

    r = compile_file(path)
    assert r.ok and r.ir is not None
    return {(f.rule, f.resource or "", f.attr or "") for f in evaluate(r.ir).findings if f.waived is None}


@pytest.mark.parametrize("name", EXAMPLES)
def test_optimize_example(name: str, tmp_path: Path, opa_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", opa_path)
    # work on a copy (with its imports) so --write can be exercised without touching the examples
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("errors"))
    path = tmp_path / "examples" / name
    before_text = path.read_text(encoding="utf-8")
    res = optimizer.optimize(str(path), controls=False)
    assert res.verified, res.policy_note
    assert res.after_total <= res.before_total
    assert res.savings == pytest.approx(sum(c.savings for c in res.changes), abs=0.02)
    if not res.changes:
        assert res.diff == "" and res.new_text == before_text
        return
    assert res.after_total < res.before_total
    assert res.diff.startswith(f"--- a/{res.file}")
    # --write applies exactly new_text; the patched file compiles clean, and no policy finding is added
    before_findings = _findings(path)
    assert main(["optimize", str(path), "--write", "--format", "json"]) == 0
    after_text = path.read_text(encoding="utf-8")
    assert after_text == res.new_text
    patched = compile_file(path)
    assert patched.ok and not patched.diagnostics, patched.render()
    assert _findings(path) <= before_findings
    # deterministic and idempotent-ish: optimizing again finds nothing cheaper than the new file
    again = optimizer.optimize(str(path), controls=False)
    assert again.after_total <= res.after_total


def test_optimize_patient_portal_text_and_controls(opa_path: str, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", opa_path)
    assert main(["optimize", "examples/patient-portal.adl", "--format", "json"]) == 0
    first = capsys.readouterr().out
    doc = json.loads(first)
    assert doc["verified"] is True
    assert main(["optimize", "examples/patient-portal.adl", "--format", "json"]) == 0
    assert capsys.readouterr().out == first  # deterministic, byte for byte
    ctl = {(c["control"], c["resource"]): c for c in doc["compliance_costs"]}
    multi_az = ctl[("Multi-AZ database", "patients")]
    # Multi-AZ doubles the db.m6g.large instance price: the control's cost is the Single-AZ instance price
    from autodeploy.analytics.cost import estimate

    ir = compile_file("examples/patient-portal.adl").ir
    assert ir is not None
    import dataclasses

    db = ir.resource("patients")
    assert db is not None
    single = dataclasses.replace(ir, resources=tuple(
        dataclasses.replace(r, attrs={**r.attrs, "multi_az": False}) if r.name == "patients" else r
        for r in ir.resources))
    assert multi_az["monthly"] == pytest.approx(estimate(ir).total_monthly - estimate(single).total_monthly,
                                                abs=0.01)
    assert multi_az["monthly"] > 0
    assert "hipaa" in multi_az["frameworks"] and multi_az["rules"]
    # the repository's example is untouched without --write
    assert main(["optimize", "examples/patient-portal.adl"]) == 0
    text = capsys.readouterr().out
    assert "Multi-AZ database `patients`: +$" in text and "patch (apply with --write)" in text
    assert compile_file("examples/patient-portal.adl").ok


def test_policy_engine_unavailable_is_visible(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", "/nonexistent/opa")
    assert main(["optimize", "examples/data-platform.adl"]) == 0
    cap = capsys.readouterr()
    assert "policy check skipped:" in cap.out and "UNVERIFIED" in cap.out
    assert "ADL4151" in cap.err


def test_optimize_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bad.adl"
    f.write_text("service x : container { cpu = 3 parsecs }\n", encoding="utf-8")
    assert main(["optimize", str(f)]) == 1
    err = capsys.readouterr().err
    assert "ADL4150" in err and "Traceback" not in err
    assert main(["optimize", str(tmp_path / "missing.adl")]) == 2


def test_optimize_for_a_forecast_load(tmp_path: Path, opa_path: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A real trace (NAB ELB request counts, scaled x300 to a busy service) as the service's history."""
    import gzip

    from autodeploy.analytics import scaling

    monkeypatch.setenv("AUTODEPLOY_OPA", opa_path)
    raw = gzip.decompress((ROOT / "analytics" / "data" / "trace_elb_request_count.csv.gz").read_bytes())
    lines = raw.decode().splitlines()
    out = ["Timestamp,Sum"] + [f"{ln.split(',')[0]},{float(ln.split(',')[1]) * 300:g}" for ln in lines[1:]]
    csv_path = tmp_path / "requests.csv"
    csv_path.write_text("\n".join(out) + "\n", encoding="utf-8")
    rps, how = optimizer.forecast_load(str(csv_path))
    import io

    import pandas as pd

    from autodeploy.analytics import backtest

    df = pd.read_csv(io.StringIO(raw.decode()), parse_dates=["timestamp"])  # unmasked, as a user's export
    hist = scaling._regular(scaling.to_hourly(pd.Series(df["value"].to_numpy() * 300.0, index=df["timestamp"]),
                                              "sum"))
    report = backtest.backtest(hist)
    assert report is not None
    p50, p90 = backtest.serve(hist, backtest.HOURLY, report, 168)
    # the calibrated P90 of the served model, never below its P50
    assert (p90 >= p50).all() and float(p90.max()) > float(p50.max())
    expected = float(p90.max()) / 3600
    assert rps == pytest.approx(expected, rel=1e-6) and "hourly sum / 3600" in how and report.served in how
    res = optimizer.optimize("examples/pci-checkout.adl", loads={"checkout_api": rps}, controls=False)
    assert res.verified and any("forecast" in n for n in res.notes)
    assert main(["optimize", "examples/pci-checkout.adl", "--history", f"checkout_api={csv_path}",
                 "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["monthly_after"] == res.after_total
    assert main(["optimize", "examples/pci-checkout.adl", "--history", f"nope={csv_path}"]) == 2
    assert main(["optimize", "examples/pci-checkout.adl", "--history", "checkout_api"]) == 2


def test_optimize_write_keeps_crlf(tmp_path: Path, opa_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CRLF file patched by `optimize --write` stays CRLF (it came back LF: every line showed as changed)."""
    monkeypatch.setenv("AUTODEPLOY_OPA", opa_path)
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("errors"))
    for name in EXAMPLES:
        path = tmp_path / "examples" / name
        res = optimizer.optimize(str(path), controls=False)
        if res.changes:
            break
    else:
        pytest.fail("no example has a cheaper configuration: this test needs one")
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert main(["optimize", str(path), "--write", "--format", "json"]) == 0
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 0
    assert data.decode("utf-8").replace("\r\n", "\n") == res.new_text
