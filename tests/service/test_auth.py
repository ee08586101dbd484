"""Who may do what: tokens created by the CLI (shown once, stored hashed), 401 without a valid
token, 403 for a role too low, loopback-only without tokens, and every call in the audit trail."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from autodeploy.cli import main
from autodeploy.service.app import create_app

from .conftest import config

SMALL = {"source": "bucket b {}\n"}


def token_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["serve", "token", *argv])
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def tokens(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    tmp = tmp_path_factory.mktemp("auth")
    out = {}
    for role in ("viewer", "author", "admin"):
        rc, stdout, stderr = token_cli("create", "--role", role, "--label", f"{role} test", "--tokens",
                                       str(tmp / "tokens.json"))
        assert rc == 0 and "shown only now" in stderr
        out[role] = stdout.strip()
    yield tmp, out


@pytest.fixture(scope="module")
def client(tokens: tuple[Path, dict[str, str]]) -> Iterator[TestClient]:
    with TestClient(create_app(config(tokens[0]))) as c:
        yield c


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_tokens_are_printed_once_and_stored_hashed(tokens: tuple[Path, dict[str, str]]) -> None:
    tmp, toks = tokens
    stored = (tmp / "tokens.json").read_text(encoding="utf-8")
    assert (tmp / "tokens.json").stat().st_mode & 0o077 == 0  # owner-only
    for token in toks.values():
        assert token.startswith("adl_") and len(token) > 40
        assert token not in stored
        assert hashlib.sha256(token.encode()).hexdigest() in stored
    rc, listing, _ = token_cli("list", "--tokens", str(tmp / "tokens.json"))
    assert rc == 0 and all(t not in listing for t in toks.values())
    assert sorted(line.split()[1] for line in listing.splitlines()) == ["admin", "author", "viewer"]


def test_no_token_is_401(client: TestClient) -> None:
    r = client.post("/v1/check", json=SMALL)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert r.json()["diagnostics"][0]["code"] == "ADL0907"
    for header in ({"Authorization": "Bearer adl_not-a-real-token"}, {"Authorization": "Basic dXNlcjpwYXNz"},
                   {"Authorization": "Bearer "}):
        r = client.post("/v1/check", json=SMALL, headers=header)
        assert r.status_code == 401 and r.json()["diagnostics"][0]["code"] == "ADL0907"


@pytest.mark.parametrize(("role", "path", "allowed"), [
    ("viewer", "/v1/compile", True), ("viewer", "/v1/check", True), ("viewer", "/v1/cost", True),
    ("viewer", "/v1/emit", False), ("viewer", "/v1/build", False), ("viewer", "/v1/generate", False),
    ("author", "/v1/emit", True), ("author", "/v1/generate", True), ("admin", "/v1/build", True),
])
def test_roles(client: TestClient, tokens: tuple[Path, dict[str, str]], role: str, path: str,
               allowed: bool) -> None:
    body = {"request": "a private bucket"} if path.endswith("generate") else SMALL
    r = client.post(path, json=body, headers=bearer(tokens[1][role]))
    if allowed:
        assert r.status_code == 200, r.text
    else:
        assert r.status_code == 403
        d = r.json()["diagnostics"][0]
        assert d["code"] == "ADL0908" and f"role `{role}`" in d["message"]


def test_only_admins_manage_tokens_and_read_the_audit(client: TestClient, tokens: tuple[Path, dict[str, str]]) -> None:
    toks = tokens[1]
    for role in ("viewer", "author"):
        assert client.get("/v1/tokens", headers=bearer(toks[role])).status_code == 403
        assert client.get("/v1/audit", headers=bearer(toks[role])).status_code == 403
    listed = client.get("/v1/tokens", headers=bearer(toks["admin"])).json()
    assert {e["role"] for e in listed} == {"viewer", "author", "admin"} and all("sha256" not in e for e in listed)
    made = client.post("/v1/tokens", json={"role": "viewer", "label": "ci"}, headers=bearer(toks["admin"]))
    assert made.status_code == 201
    new = made.json()["token"]
    assert client.post("/v1/compile", json=SMALL, headers=bearer(new)).status_code == 200  # no restart needed
    gone = client.delete(f"/v1/tokens/{made.json()['token_id']}", headers=bearer(toks["admin"]))
    assert gone.status_code == 200
    assert client.post("/v1/compile", json=SMALL, headers=bearer(new)).status_code == 401


def test_every_call_is_audited(client: TestClient, tokens: tuple[Path, dict[str, str]]) -> None:
    toks = tokens[1]
    client.post("/v1/compile", json={"source": "bucket audited {}\n"}, headers=bearer(toks["viewer"]))
    client.post("/v1/emit", json=SMALL, headers=bearer(toks["viewer"]))
    client.get("/v1/runs", headers=bearer("adl_wrong"))
    time.sleep(0.3)
    rows = client.get("/v1/audit", params={"limit": 50}, headers=bearer(toks["admin"])).json()
    ids = {e["role"]: e["token_id"] for e in client.get("/v1/tokens", headers=bearer(toks["admin"])).json()}
    seen = [(r["token_id"], r["method"], r["path"], r["status"], r["outcome"]) for r in rows]
    assert (ids["viewer"], "POST", "/v1/emit", 403, "ADL0908") in seen
    assert ("-", "GET", "/v1/runs", 401, "ADL0907") in seen
    compiled = [r for r in rows if r["path"] == "/v1/compile" and r["token_id"] == ids["viewer"]]
    assert compiled and compiled[0]["status"] == 200 and compiled[0]["outcome"] == "exit 0" and compiled[0]["run_id"]
    assert all(t not in json.dumps(rows) for t in toks.values())  # tokens never reach the audit


def test_the_dashboard_asks_for_a_token(client: TestClient, tokens: tuple[Path, dict[str, str]]) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    bad = client.post("/login", data={"token": "adl_nope", "next": "/"}, follow_redirects=False)
    assert bad.status_code == 401 and "not valid" in bad.text
    ok = client.post("/login", data={"token": tokens[1]["viewer"], "next": "https://evil.example/"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"  # never an open redirect
    cookie = ok.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    client.cookies.set("adl_token", tokens[1]["viewer"])
    assert client.get("/").status_code == 200
    # the API takes the header only: a cookie is no credential there (no cross-site request forgery)
    client.cookies.set("adl_token", tokens[1]["admin"])
    assert client.post("/v1/compile", json=SMALL).status_code == 401
    client.cookies.clear()


def test_off_loopback_needs_tokens(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "autodeploy", "serve", "--host", "0.0.0.0", "--port", "1",
                        "--tokens", str(tmp_path / "none.json"), "--history", str(tmp_path / "h.duckdb")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "ADL0901" in p.stderr and "Traceback" not in p.stderr


def test_unknown_role_and_missing_extra_are_coded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from autodeploy.service.tokens import TokenError, create

    with pytest.raises(TokenError) as exc:
        create(str(tmp_path / "t.json"), "root")
    assert exc.value.diagnostic.code == "ADL0911"
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    rc, _, err = token_cli("list", "--tokens", str(tmp_path / "broken.json"))
    assert rc == 2 and "ADL0912" in err
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    err_io = io.StringIO()
    with contextlib.redirect_stderr(err_io):
        rc = main(["serve"])
    assert rc == 2 and "ADL0900" in err_io.getvalue() and "autodeploy-adl[service]" in err_io.getvalue()


def test_autodeploy_serve_runs_and_stops(tmp_path: Path) -> None:
    """The command itself: workers start under `python -m autodeploy`, requests are served, SIGTERM stops it."""
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "autodeploy", "serve", "--port", str(port), "--workers", "1",
                             "--tokens", str(tmp_path / "t.json"), "--history", str(tmp_path / "h.duckdb")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        until = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < until, "autodeploy serve did not become ready"
            time.sleep(0.1)
        r = httpx.post(f"{url}/v1/compile", json=SMALL, timeout=30)
        assert r.status_code == 200 and r.json()["exit_code"] == 0
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert proc.returncode in (0, -15), err  # uvicorn shuts down, then re-raises SIGTERM
    assert f"http://127.0.0.1:{port}/" in err and "Traceback" not in err
