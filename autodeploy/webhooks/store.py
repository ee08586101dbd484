"""Webhook registrations and delivery attempts in the DuckDB history file (analytics/store.py:
same file, same lock handling), so a replica's history export carries its deliveries too.

`webhooks` holds one row per registration (its HMAC secret included: the history file is the
admin's); `webhook_attempts` one row per HTTP attempt, with its outcome."""

from __future__ import annotations

import datetime as dt
import secrets
import urllib.parse
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

import autodeploy.webhooks.diagnostics  # noqa: F401  (registers ADL095x)
from autodeploy.analytics.store import connect, db_failure, history_path
from autodeploy.compiler.catalogue import diag, suggest

from . import EVENTS
from .targets import ALLOW_ENV, host_problem

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS webhooks (
        webhook_id VARCHAR PRIMARY KEY, url VARCHAR, events VARCHAR, secret VARCHAR, created TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS webhook_attempts (
        delivery_id VARCHAR, webhook_id VARCHAR, event VARCHAR, attempt INTEGER, ts TIMESTAMP,
        status INTEGER, error VARCHAR, outcome VARCHAR, duration_ms DOUBLE)""",
)
MIN_SECRET = 16


class WebhookError(Exception):
    def __init__(self, diagnostic: Any) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class Webhook:
    id: str
    url: str
    events: tuple[str, ...]
    secret: str
    created: str

    def to_json(self) -> dict[str, Any]:
        """What `webhook list` shows: never the secret."""
        return {"id": self.id, "url": self.url, "events": list(self.events), "created": self.created}


@dataclass(frozen=True)
class Attempt:
    delivery_id: str
    webhook_id: str
    event: str
    attempt: int
    ts: str
    status: int | None
    error: str | None
    outcome: str  # delivered | retry | gave_up
    duration_ms: float

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _open(path: str | None) -> duckdb.DuckDBPyConnection:
    con = connect(path)
    try:
        for stmt in SCHEMA:
            con.execute(stmt)
    except duckdb.Error as exc:
        con.close()
        raise db_failure(exc, path or history_path()) from None
    return con


def check_url(url: str) -> str:
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url):  # urlsplit keeps them: a host "exa mple"
        raise WebhookError(diag("ADL0950", None, url=url, problem="it holds whitespace or a control character"))
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https"):
        raise WebhookError(diag("ADL0950", None, url=url, problem="not an http(s) URL"))
    if not parsed.hostname:
        raise WebhookError(diag("ADL0950", None, url=url, problem="it names no host"))
    try:
        parsed.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as exc:
        raise WebhookError(diag("ADL0950", None, url=url, problem=str(exc))) from None
    if (problem := host_problem(parsed.hostname)) is not None:
        raise WebhookError(diag("ADL0977", None, url=url, problem=problem, env=ALLOW_ENV))
    return url


def check_events(events: Sequence[str]) -> tuple[str, ...]:
    if not events:
        raise WebhookError(diag("ADL0951", None, event="(none)", hint="name at least one: " + ", ".join(EVENTS)))
    for e in events:
        if e not in EVENTS:
            raise WebhookError(diag("ADL0951", None, event=e, hint=suggest(e, EVENTS, "event")))
    return tuple(sorted(set(events), key=EVENTS.index))


def check_secret(secret: str, where: str) -> str:
    secret = secret.strip()
    if len(secret) < MIN_SECRET:
        raise WebhookError(diag("ADL0953", None, where=where, problem=f"shorter than {MIN_SECRET} characters"))
    return secret


def add(url: str, events: Sequence[str], secret: str | None = None, path: str | None = None) -> Webhook:
    """Register a webhook; a secret is generated when none is given (shown once by the CLI)."""
    hook = Webhook(
        id="wh_" + uuid.uuid4().hex[:12],
        url=check_url(url),
        events=check_events(events),
        secret=secret if secret is not None else secrets.token_hex(32),
        created=dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),  # microseconds: the list order
    )
    con = _open(path)
    try:
        con.execute("INSERT INTO webhooks VALUES (?, ?, ?, ?, ?)",
                    [hook.id, hook.url, ",".join(hook.events), hook.secret, hook.created])
    finally:
        con.close()
    return hook


def hooks(path: str | None = None, event: str | None = None) -> list[Webhook]:
    """Registered webhooks (those subscribed to `event` when given), oldest first."""
    con = _open(path)
    try:
        rows = con.execute("SELECT webhook_id, url, events, secret, created FROM webhooks ORDER BY created, webhook_id"
                           ).fetchall()
    finally:
        con.close()
    out = [Webhook(r[0], r[1], tuple(r[2].split(",")), r[3], str(r[4]).replace(" ", "T")) for r in rows]
    return [h for h in out if event is None or event in h.events]


def remove(webhook_id: str, path: str | None = None) -> None:
    con = _open(path)
    try:
        if not con.execute("SELECT 1 FROM webhooks WHERE webhook_id = ?", [webhook_id]).fetchall():
            raise WebhookError(diag("ADL0952", None, id=webhook_id))
        con.execute("DELETE FROM webhooks WHERE webhook_id = ?", [webhook_id])
    finally:
        con.close()


def record(attempts: Sequence[Attempt], path: str | None = None) -> None:
    """Record a delivery's attempts in one transaction."""
    if not attempts:
        return
    con = _open(path)
    try:
        con.executemany(
            "INSERT INTO webhook_attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[a.delivery_id, a.webhook_id, a.event, a.attempt, a.ts, a.status, a.error, a.outcome, a.duration_ms]
             for a in attempts],
        )
    finally:
        con.close()


def attempts(path: str | None = None, limit: int = 50) -> list[Attempt]:
    """The latest attempts, newest delivery first, each delivery's attempts in order."""
    con = _open(path)
    try:
        rows = con.execute(
            """SELECT a.* FROM webhook_attempts a JOIN (
                   SELECT delivery_id, max(ts) AS last FROM webhook_attempts GROUP BY delivery_id
                   ORDER BY last DESC LIMIT ?) d USING (delivery_id)
               ORDER BY d.last DESC, a.delivery_id, a.attempt""",
            [limit],
        ).fetchall()
    finally:
        con.close()
    return [Attempt(r[0], r[1], r[2], int(r[3]), str(r[4]).replace(" ", "T"), r[5], r[6], r[7], float(r[8]))
            for r in rows]
