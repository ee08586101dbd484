"""One writer at a time: the lock beside the state (`<state>.lock`).

`apply` and `destroy` take it before they read the state and give it back when they end,
whatever the outcome; a second run refuses (ADL5160) and names the holder. A run that was
killed leaves its lock: the holder's pid shows whether it is still running (on the same
host), and `autodeploy force-unlock ID` removes it once a person has checked. The lock is
never broken automatically: a process on another host cannot be checked.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from .diagnostics import DeployError, ddiag

SUFFIX = ".lock"


@dataclass(frozen=True)
class LockInfo:
    id: str
    holder: str
    pid: int
    host: str
    started: str  # UTC, ISO 8601
    command: str

    @staticmethod
    def new(command: str) -> LockInfo:
        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no passwd entry (containers): still name someone
            user = f"uid {os.getuid()}"
        return LockInfo(uuid.uuid4().hex[:12], user, os.getpid(), socket.gethostname(),
                        datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), command)

    def dumps(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


def parse(text: str) -> LockInfo | None:
    try:
        d = json.loads(text)
        return LockInfo(str(d["id"]), str(d["holder"]), int(d["pid"]), str(d["host"]), str(d["started"]),
                        str(d["command"]))
    except (ValueError, KeyError, TypeError):
        return None


def _alive(info: LockInfo) -> bool | None:
    """Whether the holder still runs; None when it cannot be told (another host)."""
    if info.host != socket.gethostname():
        return None
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _locked(store: Any, info: LockInfo | None, raw: str | None) -> DeployError:
    if info is None:
        return DeployError(ddiag("ADL5160", None, path=store.url, holder="(unreadable lock)", pid="?", host="?",
                                 command="?", started="?", id="?",
                                 stale=f": {(raw or '')[:60]!r} cannot be parsed"), 1)
    alive = _alive(info)
    stale = "; that process is no longer running" if alive is False else ""
    return DeployError(ddiag("ADL5160", None, path=store.url, holder=info.holder, pid=info.pid, host=info.host,
                             command=info.command, started=info.started, id=info.id, stale=stale), 1)


def acquire(store: Any, command: str) -> LockInfo:
    info = LockInfo.new(command)
    if store.create(info.dumps(), SUFFIX):
        return info
    raw = store.read(SUFFIX)
    if raw is None and store.create(info.dumps(), SUFFIX):  # released between our two calls
        return info
    raise _locked(store, parse(raw) if raw is not None else None, raw)


def release(store: Any, info: LockInfo) -> None:
    raw = store.read(SUFFIX)
    current = parse(raw) if raw is not None else None
    if current is not None and current.id == info.id:  # never remove someone else's (force-unlocked) lock
        store.delete(SUFFIX)


@contextmanager
def held(store: Any, command: str) -> Iterator[LockInfo]:
    info = acquire(store, command)
    try:
        yield info
    finally:
        release(store, info)


def force_unlock(store: Any, lock_id: str) -> LockInfo:
    raw = store.read(SUFFIX)
    if raw is None:
        raise DeployError(ddiag("ADL5162", None, path=store.url), 1)
    info = parse(raw)
    if info is not None and info.id != lock_id:
        raise DeployError(ddiag("ADL5161", None, path=store.url, found=info.id, given=lock_id), 1)
    store.delete(SUFFIX)
    return info or LockInfo(lock_id, "?", 0, "?", "?", "?")
