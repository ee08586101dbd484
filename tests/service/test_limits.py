"""Deadlines and back-pressure on a live server: a request past its deadline is 504 and its
worker is replaced; with every worker busy and the queue full, the next request is 429 with
Retry-After at once."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import ROOT, Live, config, live_server

sys.path.insert(0, str(ROOT / "bench"))
from gen_adl import generate  # noqa: E402

BIG = generate(3000)  # ~290 KB: about a second of compiling, several of checking


def wait_ready(url: str, seconds: float = 60) -> None:
    until = time.monotonic() + seconds
    while httpx.get(f"{url}/readyz", timeout=10).status_code != 200:
        assert time.monotonic() < until, "the worker pool did not become ready"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One worker, nobody may wait, a short deadline."""
    yield from live_server(config(tmp_path_factory.mktemp("tight"), workers=1, queue=0, deadline=0.4,
                                  max_body=1 << 20))


def test_past_the_deadline_is_504_and_the_worker_is_replaced(tight: Live) -> None:
    wait_ready(tight.url)
    started = time.monotonic()
    r = httpx.post(f"{tight.url}/v1/check", json={"source": BIG}, timeout=30)
    assert r.status_code == 504, r.text
    assert r.json()["diagnostics"][0]["code"] == "ADL0906"
    assert time.monotonic() - started < 3  # answered at the deadline, not when the work would have ended
    wait_ready(tight.url)  # the replacement starts
    ok = httpx.post(f"{tight.url}/v1/compile", json={"source": "bucket b {}\n"}, timeout=30)
    assert ok.status_code == 200 and ok.json()["exit_code"] == 0
    metrics = httpx.get(f"{tight.url}/metrics", timeout=10).text
    assert "autodeploy_deadlines_exceeded_total 1" in metrics


def test_a_full_pool_answers_429_with_retry_after(tmp_path: Path) -> None:
    for live in live_server(config(tmp_path, workers=1, queue=0, deadline=30)):
        wait_ready(live.url)
        answers: list[httpx.Response] = []

        def slow(url: str = live.url, into: list[httpx.Response] = answers) -> None:
            into.append(httpx.post(f"{url}/v1/check", json={"source": BIG}, timeout=60))

        t = threading.Thread(target=slow)
        t.start()
        until = time.monotonic() + 10
        while "autodeploy_workers_busy 1" not in httpx.get(f"{live.url}/metrics", timeout=10).text:
            assert time.monotonic() < until, "the slow request never started"
            time.sleep(0.02)
        started = time.monotonic()
        r = httpx.post(f"{live.url}/v1/compile", json={"source": "bucket b {}\n"}, timeout=30)
        assert time.monotonic() - started < 1  # refused at once, never queued
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) >= 1
        assert r.json()["diagnostics"][0]["code"] == "ADL0905"
        t.join(60)
        assert answers and answers[0].status_code == 200
        again = httpx.post(f"{live.url}/v1/compile", json={"source": "bucket b {}\n"}, timeout=30)
        assert again.status_code == 200


def test_a_worker_that_died_is_reported_and_replaced(tmp_path: Path) -> None:
    for live in live_server(config(tmp_path, workers=1, queue=0, deadline=30)):
        wait_ready(live.url)
        (worker,) = live.server.config.app.state.service.pool._all
        worker.proc.kill()
        worker.proc.join(5)
        r = httpx.post(f"{live.url}/v1/compile", json={"source": "bucket b {}\n"}, timeout=30)
        assert r.status_code == 500 and r.json()["diagnostics"][0]["code"] == "ADL0910"
        wait_ready(live.url)
        assert httpx.post(f"{live.url}/v1/compile", json={"source": "bucket b {}\n"}, timeout=30).status_code == 200
