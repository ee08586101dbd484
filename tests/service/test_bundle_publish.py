"""`autodeploy serve --bundle FILE` publishes the policy library's bundle for stock OPA servers
(OPA's bundle service API: ETag = revision, 304 on If-None-Match), behind a viewer token like the
rest of the API; an unreadable bundle stops the server from starting."""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from autodeploy.cli import main
from autodeploy.policies import fleet_bundle
from autodeploy.service.app import create_app

from .conftest import config

URL = "/v1/bundles/autodeploy.tar.gz"


def _token(tokens: Path, role: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["serve", "token", "create", "--role", role, "--tokens", str(tokens)]) == 0
    return out.getvalue().strip()


def test_serve_publishes_the_bundle_to_viewers(tmp_path: Path) -> None:
    bundle = fleet_bundle.build(str(tmp_path / "bundle.tar.gz"))
    viewer = _token(tmp_path / "tokens.json", "viewer")
    cfg = replace(config(tmp_path), bundle=bundle.path)
    with TestClient(create_app(cfg)) as client:
        assert client.get(URL).status_code == 401  # tokens exist: OPA must present one
        r = client.get(URL, headers={"Authorization": f"Bearer {viewer}"})
        assert r.status_code == 200 and r.content == Path(bundle.path).read_bytes()
        etag = r.headers["etag"]
        assert bundle.revision in etag
        again = client.get(URL, headers={"Authorization": f"Bearer {viewer}", "If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""


def test_serve_refuses_an_unreadable_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["serve", "--bundle", str(tmp_path / "missing.tar.gz"), "--history", str(tmp_path / "h.duckdb"),
               "--tokens", str(tmp_path / "t.json"), "--port", "1"])
    assert rc == 2 and "ADL094" in capsys.readouterr().err
