"""One overall deadline per policy evaluation: every subprocess and HTTP request of the gate
takes its timeout from what is left, so a hung `opa`, a hung server or a server that answers
each of many requests slowly all end in one coded error (ADL3017) at the deadline, not after
minutes. A note goes to stderr when an evaluation is still running after PROGRESS_AFTER s."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .diagnostics import PolicyEngineError, engine_error

# defaults (seconds); `--gate-timeout` or AUTODEPLOY_GATE_TIMEOUT override both
LOCAL_TIMEOUT = 60.0
SERVER_TIMEOUT = 30.0
TIMEOUT_ENV = "AUTODEPLOY_GATE_TIMEOUT"
PROGRESS_AFTER = 5.0
# the longest deadline accepted: a gate still running after a day is hung, and a larger number
# overflows the operating system's timeouts (select/poll) as an internal error
MAX_SECONDS = 86400.0


def _seconds(value: str | float, where: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= MAX_SECONDS:
        raise engine_error("ADL3018", value=str(value), where=where)
    return seconds


class Deadline:
    """`remaining()` is the time left, or raises the coded timeout once it is spent."""

    def __init__(self, seconds: float, engine: str) -> None:
        self.seconds = seconds
        self.engine = engine
        self.end = time.monotonic() + seconds

    @classmethod
    def for_run(cls, timeout: float | None, server: bool) -> Deadline:
        """The option wins, then the environment, then the engine's default."""
        engine = "opa server" if server else "opa eval"
        if timeout is not None:
            return cls(_seconds(timeout, "--gate-timeout"), engine)
        env = os.environ.get(TIMEOUT_ENV)
        if env:
            return cls(_seconds(env, TIMEOUT_ENV), engine)
        return cls(SERVER_TIMEOUT if server else LOCAL_TIMEOUT, engine)

    def left(self) -> float:
        return self.end - time.monotonic()

    def remaining(self) -> float:
        left = self.left()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> PolicyEngineError:
        return engine_error("ADL3017", engine=self.engine, seconds=f"{self.seconds:g}", env=TIMEOUT_ENV)

    @contextmanager
    def progress(self) -> Iterator[None]:
        """Say on stderr that the gate is still working once PROGRESS_AFTER seconds have passed."""

        def say() -> None:
            sys.stderr.write(
                f"autodeploy: policy evaluation ({self.engine}) still running after "
                f"{PROGRESS_AFTER:g} s; it stops at {self.seconds:g} s (--gate-timeout)\n"
            )
            sys.stderr.flush()

        timer = threading.Timer(PROGRESS_AFTER, say)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
