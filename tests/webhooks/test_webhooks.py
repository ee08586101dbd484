"""Webhooks against a receiver on 127.0.0.1: the signature verifies over the exact body, a 500
is retried with backoff until it is taken, a receiver that never takes it is given up on, every
attempt is recorded, and `check --notify` keeps the gate's exit code whatever the receiver does."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from autodeploy.cli import main
from autodeploy.webhooks import store
from autodeploy.webhooks.delivery import SIGNATURE_HEADER, RetryPolicy, deliver, signature, verify
from autodeploy.webhooks.dispatch import GateRun, notify

SECRET = "receiver-secret-0123456789abcdef"
FAST = {"AUTODEPLOY_WEBHOOK_BACKOFF": "0.05", "AUTODEPLOY_WEBHOOK_ATTEMPTS": "3", "AUTODEPLOY_WEBHOOK_TIMEOUT": "5"}


class Receiver:
    """Answers with the next status of `script` (the last one repeats); keeps what it got."""

    def __init__(self, script: list[int]) -> None:
        self.script = script
        self.got: list[tuple[dict[str, str], bytes]] = []
        self.lock = threading.Lock()

    def answer(self, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            self.got.append((headers, body))
            return self.script[min(len(self.got), len(self.script)) - 1]


@contextlib.contextmanager
def receiving(script: list[int]) -> Iterator[tuple[str, Receiver]]:
    rec = Receiver(script)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = rec.answer({k.lower(): v for k, v in self.headers.items()}, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", rec
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = str(tmp_path / "history.duckdb")
    monkeypatch.setenv("AUTODEPLOY_HISTORY", path)
    for k, v in FAST.items():
        monkeypatch.setenv(k, v)
    return path


def run_of(verdict: str = "FAIL", total: float | None = 120.0, budget: float | None = 100.0) -> GateRun:
    return GateRun(command="check", file="app.adl", deployment="app", cloud="aws", region="us-east-1",
                   verdict=verdict, exit_code=1 if verdict == "FAIL" else 0, fail_on="high",
                   counts={"high": 1}, blocking=("ADLP-001",), total_monthly=total, budget=budget)


def test_signature_is_hmac_sha256_over_the_exact_body() -> None:
    body = b'{"a":1}'
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert signature(SECRET, body) == expected
    assert verify(SECRET, body, expected)
    assert not verify(SECRET, body + b" ", expected) and not verify("other-secret-0123456", body, expected)
    assert not verify(SECRET, body, None)


def test_events_of_a_run() -> None:
    assert run_of().events() == ("run.finished", "gate.failed", "budget.exceeded")
    assert run_of("PASS", total=50.0).events() == ("run.finished",)
    assert run_of("ERROR", total=None).events() == ("run.finished", "gate.failed")


def test_delivery_verifies_retries_a_500_then_succeeds(history: str) -> None:
    with receiving([500, 200]) as (url, rec):
        hook = store.add(url, ["gate.failed"], SECRET)
        sleeps: list[float] = []
        policy = RetryPolicy(attempts=4, backoff=0.5)
        import time

        d = deliver(hook, "gate.failed", run_of().to_json(), policy, time.monotonic() + 30, sleep=sleeps.append)
    assert d.delivered and [a.outcome for a in d.attempts] == ["retry", "delivered"]
    assert [a.status for a in d.attempts] == [500, 200] and sleeps == [0.5]
    assert len(rec.got) == 2
    for headers, body in rec.got:  # what a receiver checks: the raw body under its secret
        assert verify(SECRET, body, headers[SIGNATURE_HEADER.lower()])
        assert headers["x-autodeploy-event"] == "gate.failed"
        payload = json.loads(body)
        assert payload["event"] == "gate.failed" and payload["data"]["blocking"] == ["ADLP-001"]
        assert payload["delivery"] == d.delivery_id == headers["x-autodeploy-delivery"]
    assert RetryPolicy(backoff=1.0, max_backoff=5).delay(1) == 1.0
    assert [RetryPolicy(backoff=1.0, max_backoff=5).delay(n) for n in (2, 3, 4)] == [2.0, 4.0, 5.0]


def test_dispatch_records_every_attempt_and_gives_up(history: str, capsys: pytest.CaptureFixture[str]) -> None:
    with receiving([500]) as (down, dead), receiving([200]) as (up, live):
        failing = store.add(down, ["run.finished"], SECRET)
        ok = store.add(up, ["budget.exceeded", "gate.failed"], SECRET)
        done = notify(run_of())
    err = capsys.readouterr().err
    assert len(dead.got) == 3 and len(live.got) == 2  # 3 attempts (AUTODEPLOY_WEBHOOK_ATTEMPTS); 2 events
    assert "ADL0954" in err and failing.id in err and ok.id not in err
    assert sorted((d.webhook.id, d.event, d.delivered) for d in done) == sorted(
        [(failing.id, "run.finished", False), (ok.id, "gate.failed", True), (ok.id, "budget.exceeded", True)])
    rows = store.attempts()
    gave_up = [(a.attempt, a.status, a.outcome) for a in rows if a.webhook_id == failing.id]
    assert gave_up == [(1, 500, "retry"), (2, 500, "retry"), (3, 500, "gave_up")]
    assert sorted(a.event for a in rows if a.webhook_id == ok.id and a.outcome == "delivered") == [
        "budget.exceeded", "gate.failed"]


def test_unreachable_receiver_and_4xx_are_recorded_not_raised(history: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    with receiving([200]) as (url, _):
        pass  # closed: its port now refuses connections
    gone = store.add(url, ["run.finished"], SECRET)
    with receiving([410]) as (url410, rec):
        refused = store.add(url410, ["run.finished"], SECRET)
        notify(run_of("PASS", total=None))
    assert len(rec.got) == 1  # a 4xx is an answer: not retried
    outcomes = {(a.webhook_id, a.attempt): (a.status, a.outcome) for a in store.attempts()}
    assert outcomes[(refused.id, 1)] == (410, "gave_up")
    assert [outcomes[(gone.id, n)] for n in (1, 2, 3)] == [(None, "retry"), (None, "retry"), (None, "gave_up")]
    assert capsys.readouterr().err.count("ADL0954") == 2


def test_bad_settings_are_a_warning(history: str, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AUTODEPLOY_WEBHOOK_ATTEMPTS", "1000")
    assert notify(run_of()) == []
    assert "ADL0955" in capsys.readouterr().err


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_webhook_cli(history: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "webhook", "add", "https://hooks.example.com/a", "--event", "run.finished",
                       "--event", "gate.failed")
    assert code == 0 and "secret (shown once" in out
    hook_id = out.split()[1].rstrip(":")
    secret_file = tmp_path / "secret"
    secret_file.write_text(SECRET + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, "webhook", "add", "http://127.0.0.1:9/b", "--event", "budget.exceeded",
                       "--secret-file", str(secret_file))
    assert code == 0 and "secret" not in out.split(":", 1)[1].split("for")[0]
    code, out, _ = cli(capsys, "webhook", "list", "--format", "json")
    listed = json.loads(out)
    assert [h["events"] for h in listed] == [["run.finished", "gate.failed"], ["budget.exceeded"]]
    assert SECRET not in out and all("secret" not in h for h in listed)
    assert [h.secret for h in store.hooks()][1] == SECRET
    for argv, code_ in (
        (["add", "ftp://x/y", "--event", "run.finished"], "ADL0950"),
        (["add", "https://x/y", "--event", "run.finishd"], "ADL0951"),
        (["add", "https://x/y"], "ADL0951"),
        (["remove", "wh_nope"], "ADL0952"),
    ):
        code, _, err = cli(capsys, "webhook", *argv)
        assert code == 2 and code_ in err, (argv, err)
    secret_file.write_text("short", encoding="utf-8")
    code, _, err = cli(capsys, "webhook", "add", "https://x/y", "--event", "run.finished", "--secret-file",
                       str(secret_file))
    assert code == 2 and "ADL0953" in err
    code, out, _ = cli(capsys, "webhook", "remove", hook_id)
    assert code == 0 and [h.id for h in store.hooks()] != [] and hook_id not in [h.id for h in store.hooks()]


def test_check_notify_keeps_the_gate_result(history: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", "examples/patient-portal.adl", "--format", "json", "--today", "2026-11-26"]
    code, out, _ = cli(capsys, *argv)
    with receiving([500]) as (url, rec):
        store.add(url, ["run.finished", "gate.failed"], SECRET)
        notified = cli(capsys, *argv, "--notify")
    assert notified[0] == code and notified[1] == out  # a dead receiver changes neither
    assert len(rec.got) == 3 and "ADL0954" in notified[2]
    payload = json.loads(rec.got[0][1])
    assert payload["event"] == "run.finished"
    assert payload["data"]["exit_code"] == code and payload["data"]["verdict"] == ("FAIL" if code else "PASS")
    assert payload["data"]["policy_revision"].startswith("sha256:")
    # the gate could not run: gate.failed says why (a silent receiver never reads as a pass)
    with receiving([200]) as (url, rec):
        store.add(url, ["gate.failed"], SECRET)
        code, _, _ = cli(capsys, *argv, "--notify", "--opa-url", "http://127.0.0.1:9")
    assert code == 2
    failed = [json.loads(b) for _, b in rec.got]
    assert [p["event"] for p in failed] == ["gate.failed"]
    assert failed[0]["data"]["verdict"] == "ERROR" and failed[0]["data"]["error"].startswith("ADL3003")


def test_build_notify_sends_the_runs_events(history: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["build", "examples/patient-portal.adl", "-o", str(tmp_path / "out")]
    code, _, _ = cli(capsys, *argv)
    with receiving([200]) as (url, rec):
        store.add(url, list(("run.finished", "gate.failed", "budget.exceeded")), SECRET)
        notified, _, err = cli(capsys, *argv, "--notify")
    assert notified == code and "ADL095" not in err
    payloads = [json.loads(b) for _, b in rec.got]
    assert payloads and payloads[0]["event"] == "run.finished"
    data = payloads[0]["data"]
    assert data["command"] == "build" and data["exit_code"] == code and data["deployment"] == "patient_portal"
    assert [p["event"] for p in payloads] == ["run.finished", *(["gate.failed"] if data["verdict"] != "PASS" else []),
                                               *(["budget.exceeded"] if data["budget"] is not None
                                                 and data["total_monthly"] > data["budget"] else [])]
    assert all(verify(SECRET, b, h[SIGNATURE_HEADER.lower()]) for h, b in rec.got)
