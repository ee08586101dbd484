"""A pool of worker processes with per-request deadlines and a bounded wait.

Compiling and policy evaluation hold the GIL, so CPU-bound work runs in processes, one per
core by default. A request waits for an idle worker only while fewer than `queue` others
wait; past that it is refused at once (Busy -> 429 with Retry-After), so a burst cannot
pile up unbounded work. A worker that passes the request's deadline is killed and replaced
(Deadline -> 504): a runaway compile never keeps a core. concurrent.futures' process pool
cannot kill one task, which is why this is a small pool of its own.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing as mp
import queue as queue_mod
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any


class Busy(Exception):
    def __init__(self, workers: int, queued: int, retry_after: int) -> None:
        super().__init__(f"{workers} workers busy, {queued} waiting")
        self.workers, self.queued, self.retry_after = workers, queued, retry_after


class Deadline(Exception):
    pass


class WorkerFailed(Exception):
    pass


def _worker_main(conn: Connection) -> None:
    """A worker: run jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    from .jobs import run_job, warm_up

    warm_up()  # imports done before the first request: its deadline is its own work
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: dict[str, Any] = {"ok": run_job(job)}
        except Exception as exc:  # an internal bug: reported to the caller as ADL0910, never a hang
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        conn.send(answer)


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    def __init__(self, size: int, queue: int) -> None:
        self.size, self.queue_limit = size, queue
        self._ctx = mp.get_context("spawn")  # no fork of a process running threads and an event loop
        self._idle: queue_mod.Queue[_Worker] = queue_mod.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self.waiting = 0
        self.busy = 0
        self.rejected = 0
        self.deadlines = 0
        self._mean = 1.0  # seconds per job, smoothed: the Retry-After estimate
        self._threads = ThreadPoolExecutor(max_workers=size + queue, thread_name_prefix="adl-pool")

    def start(self) -> None:
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        """Start a worker; it joins the idle ones once it says it is ready (in the background: a
        request that killed its worker is answered at once, not after the replacement starts)."""
        w = _Worker(self._ctx)
        with self._lock:
            self._all.append(w)

        def admit() -> None:
            try:
                if w.conn.poll(120) and w.conn.recv() == "ready":
                    w.ready = True
                    self._idle.put(w)
            except (EOFError, OSError):
                pass  # died starting: readyz reports the pool short

        threading.Thread(target=admit, name="adl-pool-start", daemon=True).start()

    def _replace(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.remove(w)
        self._add()

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.kill()
        self._threads.shutdown(wait=False, cancel_futures=True)

    @property
    def ready(self) -> bool:
        with self._lock:
            return len(self._all) == self.size and all(w.ready and w.proc.is_alive() for w in self._all)

    async def run(self, job: dict[str, Any], deadline: float) -> dict[str, Any]:
        with self._lock:
            if self.busy + self.waiting >= self.size + self.queue_limit:
                self.rejected += 1
                retry = max(1, math.ceil(self._mean * (self.waiting + 1) / self.size))
                raise Busy(self.size, self.waiting, retry)
            self.waiting += 1
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._run, job, time.monotonic() + deadline)

    def _run(self, job: dict[str, Any], until: float) -> dict[str, Any]:
        try:
            w = self._idle.get(timeout=max(0.0, until - time.monotonic()))
        except queue_mod.Empty:
            with self._lock:
                self.waiting -= 1
                self.deadlines += 1
            raise Deadline from None
        with self._lock:
            self.waiting -= 1
            self.busy += 1
        started = time.monotonic()
        try:
            try:
                w.conn.send(job)
            except (OSError, EOFError, ValueError):  # it died while idle: replace it, report this request
                self._replace(w)
                raise WorkerFailed("the worker process had exited") from None
            if not w.conn.poll(max(0.0, until - time.monotonic())):
                with self._lock:
                    self.deadlines += 1
                self._replace(w)
                raise Deadline
            try:
                answer: dict[str, Any] = w.conn.recv()
            except (EOFError, OSError):
                self._replace(w)
                raise WorkerFailed("the worker process exited") from None
            self._idle.put(w)
        finally:
            with self._lock:
                self.busy -= 1
                self._mean = 0.8 * self._mean + 0.2 * (time.monotonic() - started)
        if "error" in answer:
            raise WorkerFailed(answer["error"])
        return dict(answer["ok"])
