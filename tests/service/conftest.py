"""Fixtures of the service tests: an app on a temporary history and token file (TestClient),
a live server on 127.0.0.1 with an ephemeral port, and an example's files as a request map."""

from __future__ import annotations

import os
import re
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

fastapi = pytest.importorskip("fastapi", reason="the `service` extra (in [dev]) is not installed")

with warnings.catch_warnings():  # starlette's notice about its test client's transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from autodeploy.service.app import create_app  # noqa: E402
from autodeploy.service.config import ServiceConfig  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TODAY = "2026-01-15"  # waivers expire against a pinned date, in the API and the CLI alike


def example_files(name: str) -> dict[str, Any]:
    """{"source", "filename", "imports"} of examples/<name>, imports read transitively."""
    main = EXAMPLES / name
    imports: dict[str, str] = {}
    todo = [main]
    while todo:
        path = todo.pop()
        for rel in re.findall(r'^import\s+"([^"]+)"', path.read_text(encoding="utf-8"), re.M):
            target = (path.parent / rel).resolve()
            key = target.relative_to(EXAMPLES).as_posix()
            if key not in imports and target.exists():
                imports[key] = target.read_text(encoding="utf-8")
                todo.append(target)
    return {"source": main.read_text(encoding="utf-8"), "filename": name, "imports": imports}


def config(tmp: Path, **kw: Any) -> ServiceConfig:
    return ServiceConfig(history=str(tmp / "history.duckdb"), tokens=str(tmp / "tokens.json"),
                         workers=kw.pop("workers", 2), **kw)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(config(tmp_path_factory.mktemp("svc")))) as c:
        yield c


@dataclass
class Live:
    url: str
    tmp: Path
    server: Any


def live_server(cfg: ServiceConfig) -> Iterator[Live]:
    """The app under uvicorn in a thread, on 127.0.0.1 and a port the OS picks."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(cfg), host="127.0.0.1", port=0, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the service did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Live(f"http://127.0.0.1:{port}", Path(cfg.history).parent, server)
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture(autouse=True)
def _no_stray_history(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a CLI run in a test must never write the repository's .autodeploy/
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "cli-history.duckdb"))
    monkeypatch.setenv("AUTODEPLOY_TOKENS", str(tmp_path / "cli-tokens.json"))
    os.environ.pop("AUTODEPLOY_DEBUG", None)
