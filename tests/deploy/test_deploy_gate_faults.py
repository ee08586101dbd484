"""Issues 9 + 15: `apply`'s gate fails closed. A misbehaving policy engine (the fake `opa`
executables of the gate's own fault tests) never lets `apply` through, not even with
`--skip-gate`: exit 2 and nothing created in the (moto) cloud."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from moto_server import inventory, moto, moto_server  # noqa: F401

from autodeploy.cli import main
from autodeploy.policies import opa as opa_mod

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "policies"))
from gate_fakes import fake_opa  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
RULES = str(next(d for d in opa_mod.PACKAGE_POLICY_DIRS if d.name == "rules"))

# an answer with no findings at all, one that drops rules, non-JSON: refused whatever the file;
# doctored severities only change an answer that has findings (the compliant file has none, and a
# correct proof with no findings is a real PASS)
CASES = [(mode, name) for mode in ("empty-object", "drop-rules", "not-json")
         for name in ("insecure-clinic.adl", "compliant-clinic.adl")] + [("upper-severity", "insecure-clinic.adl")]


@pytest.mark.parametrize(("mode", "name"), CASES)
def test_apply_refuses_when_the_engine_misbehaves(mode: str, name: str, moto, tmp_path: Path,  # noqa: F811
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "history.duckdb"))
    monkeypatch.setenv("AUTODEPLOY_OPA", fake_opa(tmp_path, opa_mod.find_opa(), mode, RULES))
    adl = tmp_path / name
    shutil.copy(DATA / name, adl)
    for extra in ((), ("--skip-gate", "the engine said nothing, deploy anyway")):
        capsys.readouterr()
        code = main(["apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve", *extra])
        err = capsys.readouterr().err
        assert code == 2, (mode, name, extra, err)  # never 0, and not a mere FAIL either
        assert "ADL30" in err and "Traceback" not in err
    assert inventory(moto.endpoint, "us-east-1") == []
    assert not (tmp_path / ".autodeploy").exists()
