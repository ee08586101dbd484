"""Issue 15: nothing reaches the (moto) cloud that the gate rejects or a person has not seen.

What was created is always checked through the moto APIs (`inventory`), not only our state.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import boto3
import duckdb
import pytest
from moto_server import ROOT, inventory, moto, moto_server  # noqa: F401

from autodeploy import confirm
from autodeploy.cli import main
from autodeploy.policies import opa as opa_mod

DATA = Path(__file__).resolve().parent / "data"
INSECURE = DATA / "insecure-clinic.adl"
COMPLIANT = DATA / "compliant-clinic.adl"
REGION = "us-east-1"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class Scripted:
    """An injected confirmation prompt: a terminal that answers from a list."""

    def __init__(self, *answers: str, terminal: bool = True) -> None:
        self.answers, self.terminal, self.questions = list(answers), terminal, []  # type: list[str]

    def available(self) -> bool:
        return self.terminal

    def ask(self, question: str) -> str:
        self.questions.append(question)
        return self.answers.pop(0)


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "history.duckdb"))
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for f in (INSECURE, COMPLIANT):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def _script(monkeypatch: pytest.MonkeyPatch, prompt: Scripted) -> Scripted:
    monkeypatch.setattr(confirm, "prompt", lambda: prompt)
    return prompt


def test_insecure_file_is_refused_and_nothing_is_created(moto, workdir: Path,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    adl = str(workdir / INSECURE.name)
    code, out, err = cli(capsys, "apply", adl, "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 1, err
    assert "ADL5140" in err and "6 finding(s) at or above `high` block `apply`" in err
    for rule in ("ADLP-017", "ADLP-016", "ADLP-015", "ADLP-001", "ADLP-018"):  # the findings are shown
        assert rule in err
    assert "FAIL" in err and "Apply complete" not in out
    assert inventory(moto.endpoint, REGION) == []
    assert not (workdir / ".autodeploy" / "insecure_clinic.state.json").exists()
    # --fail-on critical still has 3 critical findings; plan exits 1 the same way
    code, _, err = cli(capsys, "apply", adl, "--endpoint", moto.endpoint, "--auto-approve", "--fail-on", "critical")
    assert code == 1 and "3 finding(s) at or above `critical`" in err
    code, out, err = cli(capsys, "plan", adl)
    assert code == 1 and "Plan: 5 to create" in out and "FAIL" in err  # 4 resources + the access-log bucket
    assert inventory(moto.endpoint, REGION) == []


def test_engine_error_is_exit_2_and_not_overridable(moto, workdir: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AUTODEPLOY_OPA", str(workdir / "no-such-opa"))
    for adl in (COMPLIANT.name, INSECURE.name):
        code, _, err = cli(capsys, "apply", str(workdir / adl), "--endpoint", moto.endpoint, "--auto-approve",
                           "--skip-gate", "the engine is down, deploy anyway")
        assert code == 2 and "ADL3001" in err, err
    assert inventory(moto.endpoint, REGION) == []
    assert not (workdir / ".autodeploy").exists()


def test_skip_gate_is_recorded_in_state_and_history_and_printed_red(moto, workdir: Path,  # noqa: F811
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    adl = workdir / "public.adl"
    adl.write_text('deployment open_data { region = "us-east-1" }\nbucket shared { public = true  data = phi }\n')
    reason = "INC-42: partner demo, approved by the CISO"
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve",
                         "--skip-gate", reason)
    assert code == 0, err
    assert "\x1b[31m" in err and "GATE OVERRIDDEN by" in err and reason in err and "ADLP-017" in err
    assert "ADL5141" in err
    assert [x for x in inventory(moto.endpoint, REGION) if x.startswith("bucket ")], "nothing deployed?"

    state = json.loads((workdir / ".autodeploy" / "open_data.state.json").read_text())
    [ov] = state["gate_overrides"]
    assert ov["reason"] == reason and ov["user"] and ov["fail_on"] == "high"
    assert ov["time"].endswith("Z") and ov["time"][:4].isdigit()
    assert [f["rule"] for f in ov["findings"]] == ["ADLP-017", "ADLP-008"]  # public PHI, no audit trail
    con = duckdb.connect(str(workdir / "history.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT o.reason, o.username, o.fail_on, o.findings, r.kind, r.findings_json "
                           "FROM gate_overrides o JOIN runs r USING (run_id)").fetchall()
    finally:
        con.close()
    assert len(rows) == 1 and rows[0][:2] == (reason, ov["user"]) and rows[0][2:5] == ("high", 2, "gate-override")
    assert "ADLP-017" in rows[0][5] and ov["history_run"]

    # plain when stderr is not a terminal and FORCE_COLOR is unset
    monkeypatch.delenv("FORCE_COLOR")
    adl.write_text(adl.read_text().replace("data = phi", "data = phi  versioning = false"))
    code, out, err = cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve",
                         "--skip-gate", "second override")
    assert code == 0, err
    assert "\x1b[" not in err and "GATE OVERRIDDEN" in err
    state = json.loads((workdir / ".autodeploy" / "open_data.state.json").read_text())
    assert [o["reason"] for o in state["gate_overrides"]] == [reason, "second override"]
    # an empty reason is a usage error
    assert cli(capsys, "apply", str(adl), "--auto-approve", "--skip-gate", "  ")[0] == 2


def test_compliant_file_needs_a_terminal_or_auto_approve(moto, workdir: Path,  # noqa: F811
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    adl = str(workdir / COMPLIANT.name)
    state = workdir / ".autodeploy" / "compliant_clinic.state.json"
    # the real CLI with stdin not a terminal
    proc = subprocess.run([sys.executable, "-m", "autodeploy", "apply", adl, "--endpoint", moto.endpoint],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert "ADL5142" in proc.stderr and "no terminal" in proc.stderr and "--auto-approve" in proc.stderr
    assert "Plan: 5 to create" in proc.stdout  # shown, then refused
    assert inventory(moto.endpoint, REGION) == [] and not state.exists()

    code, out, err = cli(capsys, "apply", adl, "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 0, err
    assert "Apply complete: 4 created" in out and "+ visits (table): create" in out
    assert "Monthly cost: $0.00 -> $2.00 (+$2.00/month)" in out  # scans_key + the trail's logs key
    live = inventory(moto.endpoint, REGION)
    assert any(x.startswith("table ") for x in live) and any(x.startswith("trail ") for x in live)
    rec = json.loads(state.read_text())["resources"]["scans_key"]
    assert rec["monthly"] == 1.0 and "gate_overrides" not in json.loads(state.read_text())


def test_confirmation_on_a_pty(moto, workdir: Path) -> None:  # noqa: F811
    """The real prompt: stdin is a terminal (a pty), the person types `yes`."""
    import pty

    adl = str(workdir / COMPLIANT.name)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "autodeploy", "apply", adl, "--endpoint", moto.endpoint],
                            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=dict(os.environ))
    os.close(slave)
    seen = b""

    def read_until(marker: bytes | None, deadline: float) -> None:
        nonlocal seen
        while marker is None or marker not in seen:
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {marker!r}; got {seen.decode(errors='replace')}")
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            seen += chunk

    try:
        read_until(b"Only `yes` is accepted: ", time.monotonic() + 180)
        assert inventory(moto.endpoint, REGION) == []  # nothing before the answer
        os.write(master, b"yes\n")
        read_until(None, time.monotonic() + 180)
        assert proc.wait(timeout=60) == 0, seen.decode(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert b"Apply complete: 4 created" in seen
    assert any(x.startswith("table ") for x in inventory(moto.endpoint, REGION))


def test_declined_confirmation_touches_nothing(moto, workdir: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                               capsys: pytest.CaptureFixture[str]) -> None:
    adl = str(workdir / COMPLIANT.name)
    prompt = _script(monkeypatch, Scripted("y"))
    code, out, err = cli(capsys, "apply", adl, "--endpoint", moto.endpoint)
    assert code == 1 and "ADL5143" in err and "not `yes`" in err
    assert "Plan: 5 to create" in out and "Only `yes` is accepted" in prompt.questions[0]
    assert inventory(moto.endpoint, REGION) == []


def test_destroying_data_must_be_named(moto, workdir: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                       capsys: pytest.CaptureFixture[str]) -> None:
    adl = str(workdir / COMPLIANT.name)
    assert cli(capsys, "apply", adl, "--endpoint", moto.endpoint, "--auto-approve")[0] == 0
    before = inventory(moto.endpoint, REGION)

    # the table holds data; the bucket is empty so far, the audit log bucket too
    prompt = _script(monkeypatch, Scripted("yes"))
    code, out, err = cli(capsys, "destroy", adl, "--endpoint", moto.endpoint)
    assert code == 1 and "ADL5143" in err and "visits" in err
    assert "visits (table): a table" in prompt.questions[0] and "scans (" not in prompt.questions[0]
    assert "- visits (table): delete" in out and "Plan: 0 to create, 0 to update, 5 to delete" in out
    assert inventory(moto.endpoint, REGION) == before

    # an object in the bucket makes it data too
    state = json.loads((workdir / ".autodeploy" / "compliant_clinic.state.json").read_text())
    bucket = state["resources"]["scans"]["physical"]["bucket"]
    boto3.client("s3", endpoint_url=moto.endpoint, region_name=REGION).put_object(
        Bucket=bucket, Key="scan-0001.dcm", Body=b"not really a scan")
    code, _, err = cli(capsys, "destroy", adl, "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 2 and "ADL5144" in err and "`scans` (bucket: a bucket holding objects)" in err
    assert "`visits` (table: a table)" in err
    assert inventory(moto.endpoint, REGION) == before

    prompt = _script(monkeypatch, Scripted("visits"))  # one of the two is not enough
    assert cli(capsys, "destroy", adl, "--endpoint", moto.endpoint)[0] == 1
    assert inventory(moto.endpoint, REGION) == before

    prompt = _script(monkeypatch, Scripted("scans visits"))
    code, out, err = cli(capsys, "destroy", adl, "--endpoint", moto.endpoint)
    assert code == 0, err
    assert "Destroy complete: 4 deleted" in out
    assert inventory(moto.endpoint, REGION) == []


def test_saved_plan_applies_and_stale_plans_are_refused(moto, workdir: Path,  # noqa: F811
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # a copy of the policy library, so the test can change it
    lib = workdir / "policies"
    for d in opa_mod.PACKAGE_POLICY_DIRS:
        shutil.copytree(d, lib / d.name)
    monkeypatch.setattr(opa_mod, "PACKAGE_POLICY_DIRS", (lib / "lib", lib / "rules"))
    adl = workdir / COMPLIANT.name
    plan = str(workdir / "plan.json")

    code, out, err = cli(capsys, "plan", str(adl), "-o", plan)
    assert code == 0, err
    assert out.splitlines()[-1] == "Plan: 5 to create, 0 to update, 0 to delete"
    doc = json.loads(Path(plan).read_text())
    assert doc["format"] == "autodeploy-plan" and doc["summary"] == {"create": 5, "update": 0, "replace": 0,
                                                                       "delete": 0}
    assert doc["parts"] == [{"op": "create", "name": "autodeploy_access_logs", "kind": "bucket"}]
    assert set(doc["hashes"]) == {"sources", "state", "policy_library"} and doc["gate"]["failed"] is False
    assert [a["op"] for a in doc["actions"]] == ["create"] * 4
    assert {a["name"]: a["monthly_delta"] for a in doc["actions"]}["scans_key"] == 1.0
    # --format json on stdout is the same document, byte for byte, every time
    assert cli(capsys, "plan", str(adl), "--format", "json")[1] == Path(plan).read_text()

    # 1. the file changed since the plan
    original = adl.read_text()
    adl.write_text(original.replace("retention  = 7 years", "retention  = 8 years"))
    code, _, err = cli(capsys, "apply", "--plan", plan, "--auto-approve")
    assert code == 1 and "ADL5145" in err and "the .adl file" in err
    assert inventory(moto.endpoint, REGION) == []
    adl.write_text(original)

    # 2. the policy library changed since the plan
    rule = next((lib / "rules").rglob("budget_exceeded.rego"))
    rule.write_text(rule.read_text() + "\n# changed after the plan was made\n")
    code, _, err = cli(capsys, "apply", "--plan", plan, "--auto-approve")
    assert code == 1 and "ADL5145" in err and "the policy library" in err
    assert inventory(moto.endpoint, REGION) == []

    # a fresh plan applies exactly as saved (endpoint, state and parameters from the plan)
    code, _, err = cli(capsys, "plan", str(adl), "-o", plan, "--endpoint", moto.endpoint)
    assert code == 0, err
    assert cli(capsys, "apply", "--plan", plan, "--auto-approve", "--set", "x=1")[0] == 2  # plan fixes params
    code, out, err = cli(capsys, "apply", "--plan", plan, "--auto-approve")
    assert code == 0, err
    assert "Apply complete: 4 created" in out
    assert any(x.startswith("table ") for x in inventory(moto.endpoint, REGION))

    # 3. the state changed since the plan: plan a change, apply another one first
    adl.write_text(original.replace("rotation = true", "rotation = false"))
    assert cli(capsys, "plan", str(adl), "-o", plan, "--endpoint", moto.endpoint)[0] == 0
    adl.write_text(original.replace("table visits {", "table visits {\n  pitr = false"))
    assert cli(capsys, "apply", str(adl), "--endpoint", moto.endpoint, "--auto-approve")[0] == 0
    adl.write_text(original.replace("rotation = true", "rotation = false"))
    code, _, err = cli(capsys, "apply", "--plan", plan, "--auto-approve")
    assert code == 1 and "ADL5145" in err and "the state file" in err and "the .adl file" not in err
    kms = boto3.client("kms", endpoint_url=moto.endpoint, region_name=REGION)
    state = json.loads((workdir / ".autodeploy" / "compliant_clinic.state.json").read_text())
    key = state["resources"]["scans_key"]["physical"]["key_id"]
    assert kms.get_key_rotation_status(KeyId=key)["KeyRotationEnabled"] is True  # not touched
    assert cli(capsys, "destroy", str(adl), "--endpoint", moto.endpoint, "--auto-approve",
               "--allow-data-loss")[0] == 0


def test_plan_with_failing_gate_is_saved_but_not_applied(moto, workdir: Path,  # noqa: F811
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    plan = str(workdir / "plan.json")
    code, _, err = cli(capsys, "plan", str(workdir / INSECURE.name), "-o", plan, "--endpoint", moto.endpoint)
    assert code == 1 and "FAIL" in err
    doc = json.loads(Path(plan).read_text())
    assert doc["gate"]["failed"] is True and len(doc["gate"]["blocking"]) == 6
    code, _, err = cli(capsys, "apply", "--plan", plan, "--auto-approve")
    assert code == 1 and "ADL5140" in err
    assert inventory(moto.endpoint, REGION) == []
    # a malformed plan file is a coded error
    Path(plan).write_text("{}")
    code, _, err = cli(capsys, "apply", "--plan", plan, "--auto-approve")
    assert code == 2 and "ADL5146" in err and "Traceback" not in err


def test_budget_over_unknown_prices_is_not_a_pass(workdir: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A budget cannot pass on a total that leaves components out: the budget rule says
    "unverifiable" (ADLP-030, medium), so `--fail-on medium` stops plan and apply before any API
    call, exactly as `check` does (issue 17); the estimate is shown as a lower bound."""
    from autodeploy import gate
    from autodeploy.stages.cost import estimate_for

    def partial(ir, usage, free_tier=False):  # type: ignore[no-untyped-def]
        report = estimate_for(ir, usage, free_tier)
        return replace(report, unknown=("visits: Storage (no price in the catalog)",))

    monkeypatch.setattr(gate, "estimate_for", partial)
    for command, *extra in (("plan",), ("apply", "--auto-approve")):
        code, _, err = cli(capsys, command, str(workdir / COMPLIANT.name), *extra, "--fail-on", "medium",
                           "--endpoint", "http://127.0.0.1:9")
        assert code == 1 and "ADLP-030" in err and "UNVERIFIABLE" in err and "≥ $" in err, err
