"""The service's settings: one frozen value built from `autodeploy serve`'s options (or by tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def default_workers() -> int:
    """One worker process per core: compiling and policy evaluation are CPU-bound (the GIL)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServiceConfig:
    history: str  # the DuckDB history file (runs, documents, audit)
    tokens: str  # the hashed token file (tokens.py)
    host: str = "127.0.0.1"
    port: int = 8700
    workers: int = 0  # 0: one per core
    queue: int = 8  # requests allowed to wait for a worker before 429
    max_body: int = 1 << 20  # bytes per request
    deadline: float = 60.0  # seconds per request, worker time included
    # None: tokens are required when the token file holds any, always off loopback
    require_tokens: bool | None = None
    # a policy bundle file (`autodeploy policy bundle`) published for OPA servers to poll
    bundle: str | None = None

    @property
    def pool_size(self) -> int:
        return self.workers or default_workers()

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK


def default_paths() -> tuple[str, str]:
    """(history, tokens): AUTODEPLOY_HISTORY / AUTODEPLOY_TOKENS, else under .autodeploy/."""
    from autodeploy.analytics.store import history_path

    tokens = os.environ.get("AUTODEPLOY_TOKENS") or os.path.join(os.getcwd(), ".autodeploy", "tokens.json")
    return history_path(), tokens
