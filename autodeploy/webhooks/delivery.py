"""One delivery: a JSON body POSTed with `X-AutoDeploy-Signature: sha256=<hex>`, the HMAC-SHA256
of the exact body bytes under the webhook's secret (the receiver recomputes it over the raw
body before parsing). A connection error, a timeout, a 429 or a 5xx is retried after
`backoff * 2**(n-1)` seconds (capped) up to `attempts` times, all within one deadline; any
other answer ends the delivery (2xx delivered, else gave up). Every attempt is returned, for
the store to record."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import json
import os
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .store import Attempt, Webhook
from .targets import ALLOW_ENV, resolve_checked

SIGNATURE_HEADER = "X-AutoDeploy-Signature"
USER_AGENT = "autodeploy-webhooks/1"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    backoff: float = 1.0  # seconds before the 2nd attempt; doubles after each
    max_backoff: float = 30.0
    timeout: float = 5.0  # per attempt
    deadline: float = 60.0  # for all of one dispatch's deliveries

    BOUNDS = {"attempts": (1, 10), "backoff": (0.0, 60.0), "timeout": (0.1, 60.0), "deadline": (0.1, 600.0)}
    ENV = {"attempts": "AUTODEPLOY_WEBHOOK_ATTEMPTS", "backoff": "AUTODEPLOY_WEBHOOK_BACKOFF",
           "timeout": "AUTODEPLOY_WEBHOOK_TIMEOUT", "deadline": "AUTODEPLOY_WEBHOOK_DEADLINE"}

    @classmethod
    def from_env(cls) -> RetryPolicy:
        """Defaults, overridden by AUTODEPLOY_WEBHOOK_*; ValueError names a bad setting."""
        values: dict[str, Any] = {}
        for field, var in cls.ENV.items():
            raw = os.environ.get(var)
            if raw is None:
                continue
            low, high = cls.BOUNDS[field]
            try:
                value = int(raw) if field == "attempts" else float(raw)
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                raise ValueError(f"{var}={raw!r} is not a number from {low} to {high}")
            values[field] = value
        return cls(**values)

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        return float(min(self.backoff * 2 ** (attempt - 1), self.max_backoff))


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """What a receiver does (docs/webhooks.md): constant-time compare over the raw body."""
    return header is not None and hmac.compare_digest(signature(secret, body), header)


def body_of(event: str, delivery_id: str, data: dict[str, Any]) -> bytes:
    envelope = {
        "event": event,
        "delivery": delivery_id,
        "sent_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "data": data,
    }
    return json.dumps(envelope, sort_keys=True, separators=(",", ":"), default=str).encode()


@dataclass(frozen=True)
class Delivery:
    webhook: Webhook
    event: str
    delivery_id: str
    attempts: tuple[Attempt, ...]

    @property
    def delivered(self) -> bool:
        return bool(self.attempts) and self.attempts[-1].outcome == "delivered"

    @property
    def reason(self) -> str:
        last = self.attempts[-1] if self.attempts else None
        if last is None:
            return "no time was left to try"
        return last.error or f"HTTP {last.status}"


def _retryable(status: int | None) -> bool:
    return status is None or status == 429 or status >= 500


def deliver(
    hook: Webhook,
    event: str,
    data: dict[str, Any],
    policy: RetryPolicy,
    ends_at: float,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """POST the event until it is taken, refused for good, or attempts/time run out."""
    delivery_id = "dl_" + uuid.uuid4().hex[:16]
    body = body_of(event, delivery_id, data)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-AutoDeploy-Event": event,
        "X-AutoDeploy-Delivery": delivery_id,
        SIGNATURE_HEADER: signature(hook.secret, body),
    }
    done: list[Attempt] = []
    for n in range(1, policy.attempts + 1):
        left = ends_at - time.monotonic()
        if left <= 0:
            break
        ts = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
        # resolved and checked at every attempt (a DNS name can change after `webhook add` or between
        # retries); the attempt connects to exactly the checked addresses
        addresses, refused = _target(hook.url)
        if refused is not None:  # no request is made: recorded as given up, with the reason
            done.append(Attempt(delivery_id, hook.id, event, n, ts, None, refused, "gave_up", 0.0))
            break
        started = time.perf_counter()
        status, error = _post(hook.url, body, headers, min(policy.timeout, left), addresses)
        ms = round((time.perf_counter() - started) * 1000, 1)
        ok = status is not None and 200 <= status < 300
        last = n == policy.attempts or not _retryable(status)
        wait = policy.delay(n)
        if not ok and not last and time.monotonic() + wait >= ends_at:
            last = True  # the next attempt would start past the deadline
        outcome = "delivered" if ok else ("gave_up" if last else "retry")
        done.append(Attempt(delivery_id, hook.id, event, n, ts, status, error, outcome, ms))
        if ok or last:
            break
        sleep(wait)
    return Delivery(hook, event, delivery_id, tuple(done))


def _target(url: str) -> tuple[tuple[str, ...], str | None]:
    """The addresses a delivery to `url` may connect to, or why none is attempted: its host is (or
    resolves to) a link-local or metadata address (targets.py)."""
    parsed = urllib.parse.urlsplit(url)
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
    except ValueError:
        return (), None  # the HTTP client reports it
    addresses, problem = resolve_checked(parsed.hostname or "", port)
    return addresses, None if problem is None else f"refused: {problem} (set {ALLOW_ENV}=1 to allow)"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new target: following it would re-send (or drop) the body."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _post(url: str, body: bytes, headers: dict[str, str], timeout: float,
          addresses: tuple[str, ...] = ()) -> tuple[int | None, str | None]:
    """POST to `url`, connecting to one of `addresses` (the checked resolution of its host) while the
    request keeps the URL's host for the Host header and TLS (SNI and certificate check). Through an
    HTTP(S) proxy from the environment the proxy resolves the name; without a checked address (an
    unresolvable host) the attempt fails as a connection error would."""
    parsed = urllib.parse.urlsplit(url)
    if urllib.request.getproxies() and not urllib.request.proxy_bypass(parsed.hostname or ""):
        return _post_urllib(url, body, headers, timeout)
    if not addresses:
        return None, f"gaierror: {parsed.hostname!r} did not resolve"
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        conn: http.client.HTTPConnection
        if parsed.scheme == "https":
            conn = http.client.HTTPSConnection(parsed.hostname or "", port, timeout=timeout,
                                               context=ssl.create_default_context())
        elif parsed.scheme == "http":
            conn = http.client.HTTPConnection(parsed.hostname or "", port, timeout=timeout)
        else:
            return None, f"ValueError: unsupported scheme {parsed.scheme!r}"
        conn._create_connection = _pinned(addresses, port)  # type: ignore[attr-defined]
        try:
            path = urllib.parse.urlunsplit(("", "", parsed.path or "/", parsed.query, ""))
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read(65536)
            return int(resp.status), None  # a redirect is an answer, not a new target
        finally:
            conn.close()
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return None, f"{type(exc).__name__}: {exc}"[:300]


def _pinned(addresses: tuple[str, ...], port: int) -> Callable[..., socket.socket]:
    """socket.create_connection over the checked addresses only, in the resolver's order."""
    def connect(_address: tuple[str, int], timeout: float | None = None,
                source_address: tuple[str, int] | None = None) -> socket.socket:
        last: OSError | None = None
        for addr in addresses:
            try:
                return socket.create_connection((addr, port), timeout, source_address)
            except OSError as exc:
                last = exc
        raise last or OSError("no address to connect to")
    return connect


def _post_urllib(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int | None, str | None]:
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            resp.read(65536)
            return int(resp.status), None
    except urllib.error.HTTPError as exc:
        return int(exc.code), None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"{type(reason).__name__}: {reason}"[:300]
