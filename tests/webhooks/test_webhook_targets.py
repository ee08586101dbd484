"""A webhook never reaches a link-local or cloud metadata address unless explicitly allowed
(autodeploy/webhooks/targets.py): refused at `webhook add` (ADL0977) and again at delivery, where a
DNS name may resolve there; loopback stays allowed."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest

from autodeploy.cli import main
from autodeploy.webhooks import store, targets
from autodeploy.webhooks.delivery import RetryPolicy, deliver
from autodeploy.webhooks.store import WebhookError, check_url

from .test_webhooks import SECRET, receiving, run_of

REFUSED = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "https://169.254.1.1:8443/hook",
    "http://[fe80::1]/hook",
    "http://[fe80::1%25eth0]:8080/hook",
    "http://[::ffff:169.254.169.254]/",
    "http://[fd00:ec2::254]/latest/meta-data/",  # AWS IMDS over IPv6
    "http://2852039166/",  # 169.254.169.254 as one decimal number
    "http://0xA9FEA9FE/",
    "http://169.254.43518/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.GOOGLE.INTERNAL./x",
]
ALLOWED = ["http://127.0.0.1:9/hook", "http://localhost:8080/", "http://[::1]:9/", "https://10.0.0.7/hook",
           "https://hooks.example.com/autodeploy", "http://169.255.0.1/", "http://[fe00::1]/"]


@pytest.fixture()
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = str(tmp_path / "history.duckdb")
    monkeypatch.setenv("AUTODEPLOY_HISTORY", path)
    monkeypatch.delenv(targets.ALLOW_ENV, raising=False)
    return path


@pytest.mark.parametrize("url", REFUSED)
def test_link_local_and_metadata_urls_are_refused(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(targets.ALLOW_ENV, raising=False)
    with pytest.raises(WebhookError) as info:
        check_url(url)
    assert info.value.diagnostic.code == "ADL0977"
    assert targets.ALLOW_ENV in (info.value.diagnostic.help or "")


@pytest.mark.parametrize("url", ALLOWED)
def test_other_urls_and_loopback_stay_allowed(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(targets.ALLOW_ENV, raising=False)
    assert check_url(url) == url


@pytest.mark.parametrize("url", REFUSED[:3])
def test_the_rule_is_lifted_only_when_explicitly_allowed(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(targets.ALLOW_ENV, "0")
    with pytest.raises(WebhookError):
        check_url(url)
    monkeypatch.setenv(targets.ALLOW_ENV, "1")
    assert check_url(url) == url


def test_webhook_add_refuses_with_a_coded_diagnostic(history: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["webhook", "add", "http://169.254.169.254/latest", "--event", "run.finished"])
    err = capsys.readouterr().err
    assert code == 2 and "ADL0977" in err and "link-local" in err
    assert store.hooks() == []


def _resolving_to(address: str) -> Any:
    real = socket.getaddrinfo

    def fake(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebound.example":
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]
        return real(host, port, *args, **kwargs)

    return fake


@pytest.mark.parametrize("address", ["169.254.169.254", "fe80::1", "fd00:ec2::254"])
def test_a_delivery_to_a_name_resolving_to_metadata_is_refused_and_recorded(
        history: str, monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    hook = store.add("http://rebound.example/hook", ["run.finished"], SECRET)  # a name: accepted when added
    monkeypatch.setattr(targets.socket, "getaddrinfo", _resolving_to(address))
    posted: list[str] = []
    monkeypatch.setattr("autodeploy.webhooks.delivery._post", lambda url, *a: posted.append(url) or (200, None))
    d = deliver(hook, "run.finished", run_of().to_json(), RetryPolicy(attempts=3), time.monotonic() + 30)
    assert posted == []  # no request left the machine
    assert not d.delivered and [a.outcome for a in d.attempts] == ["gave_up"]
    assert "refused" in d.reason and address in d.reason and targets.ALLOW_ENV in d.reason
    monkeypatch.setenv(targets.ALLOW_ENV, "1")
    d = deliver(hook, "run.finished", run_of().to_json(), RetryPolicy(attempts=3), time.monotonic() + 30)
    assert d.delivered and posted == ["http://rebound.example/hook"]


def test_a_refused_delivery_warns_and_keeps_the_verdict(history: str, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from autodeploy.webhooks.dispatch import notify

    store.add("http://rebound.example/hook", ["run.finished"], SECRET)
    monkeypatch.setattr(targets.socket, "getaddrinfo", _resolving_to("169.254.169.254"))
    done = notify(run_of("PASS", total=None))
    assert [d.delivered for d in done] == [False]
    assert "ADL0954" in capsys.readouterr().err
    assert [(a.outcome, a.status) for a in store.attempts()] == [("gave_up", None)]


def test_loopback_delivery_still_works(history: str) -> None:
    with receiving([200]) as (url, rec):
        hook = store.add(url, ["run.finished"], SECRET)
        d = deliver(hook, "run.finished", run_of().to_json(), RetryPolicy(attempts=1), time.monotonic() + 30)
    assert d.delivered and len(rec.got) == 1


_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def _rebinding(first: str, then: str, calls: list[str]) -> Any:
    """A resolver stub for `rebind.example`: `first` on the first lookup, `then` on every later one
    (a DNS rebinding attacker's answers); other names resolve for real."""
    real = socket.getaddrinfo

    def fake(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example":
            calls.append(host)
            address = first if len(calls) == 1 else then
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]
        return real(host, port, *args, **kwargs)

    return fake


def _rebinding_hook(url: str, monkeypatch: pytest.MonkeyPatch, calls: list[str]) -> tuple[store.Webhook, int]:
    """A webhook to `rebind.example` on the receiver's port, the name answering 127.0.0.1 first and
    169.254.169.254 after; the whole process's resolver is the stub (the HTTP client's lookups too),
    with no proxy in between."""
    for var in _PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    port = int(url.split(":")[2].split("/")[0])
    monkeypatch.setattr(socket, "getaddrinfo", _rebinding("127.0.0.1", "169.254.169.254", calls))
    return store.add(f"http://rebind.example:{port}/hook", ["run.finished"], SECRET), port


def test_a_rebinding_name_reaches_only_the_address_that_was_checked(history: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The name answers 127.0.0.1 to the check, then 169.254.169.254: the delivery resolves once,
    connects to the checked address and keeps the name in the Host header."""
    calls: list[str] = []
    with receiving([200]) as (url, rec):
        hook, port = _rebinding_hook(url, monkeypatch, calls)
        d = deliver(hook, "run.finished", run_of().to_json(), RetryPolicy(attempts=1, timeout=2.0),
                    time.monotonic() + 10)
    assert d.delivered, d.reason
    assert calls == ["rebind.example"]  # one lookup: the one that was checked
    assert rec.got[0][0]["host"] == f"rebind.example:{port}"


def test_every_address_of_a_name_is_checked_and_each_retry_resolves_again(history: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A retry checks a fresh lookup: a name that turns to the metadata address between attempts is
    refused at that attempt, before any request."""
    calls: list[str] = []
    with receiving([500]) as (url, rec):
        hook, _ = _rebinding_hook(url, monkeypatch, calls)
        d = deliver(hook, "run.finished", run_of().to_json(), RetryPolicy(attempts=3, backoff=0.0, timeout=2.0),
                    time.monotonic() + 10, sleep=lambda _: None)
    assert [(a.outcome, a.status) for a in d.attempts] == [("retry", 500), ("gave_up", None)]
    assert "refused" in d.reason and "169.254.169.254" in d.reason
    assert len(rec.got) == 1 and calls == ["rebind.example", "rebind.example"]

    def both(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, port))
                for a in ("127.0.0.1", "169.254.169.254")]

    monkeypatch.setattr(socket, "getaddrinfo", both)  # one safe address is not enough: all are checked
    assert targets.resolve_checked("rebind.example", 80)[1] is not None
