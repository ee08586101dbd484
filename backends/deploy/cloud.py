"""boto3 clients for one deploy run: endpoint, region, fast-fail timeouts, call counting,
and an optional fault injector (tests make the k-th mutating call fail).

Sessions are not thread-safe, clients are, but the brief asks for one client per thread so
each worker of a wave gets its own; they are created under a lock from a shared session
(creating a session per thread would reload every service model).
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
)

from .diagnostics import DeployError, ddiag

ENDPOINT_ENV = "AUTODEPLOY_AWS_ENDPOINT"
# Operation-name prefixes that only read; everything else counts as a mutation.
_READ_PREFIXES = ("Describe", "List", "Get", "Head", "Lookup", "Search", "Check", "Batch Get")


def is_mutating(operation: str) -> bool:
    return not operation.startswith(_READ_PREFIXES)


@dataclass
class CallLog:
    """Counts every API call; `fail_at` makes the k-th mutating call raise (1-based)."""

    fail_at: int | None = None
    mutating: int = 0
    reads: int = 0
    by_operation: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def before_call(self, model: Any, **_: Any) -> None:
        op = model.name
        _last.op = f"{model.service_model.service_name}:{op}"
        with self._lock:
            self.by_operation[f"{model.service_model.service_name}:{op}"] += 1
            if not is_mutating(op):
                self.reads += 1
                return
            self.mutating += 1
            n = self.mutating
        if self.fail_at is not None and n == self.fail_at:
            raise ClientError({"Error": {"Code": "InjectedFault", "Message": f"injected failure on mutating "
                                         f"call {n} ({op})"}}, op)


_last = threading.local()


def last_operation() -> str:
    """The operation this thread called last (ResponseParserError does not carry it)."""
    return getattr(_last, "op", "an API")


def unsupported_api(exc: BaseException) -> str | None:
    """The operation when `exc` says the endpoint lacks the API (moto: NotImplementedError -> HTTP 500)."""
    from botocore.parsers import ResponseParserError

    if isinstance(exc, ResponseParserError) and "500" in str(exc):
        return last_operation()
    code, msg = error_code(exc)
    low = msg.lower()
    if code in ("NotImplemented", "NotImplementedError", "InvalidAction", "UnknownOperationException") \
            or "not yet implemented" in low or "has not been implemented" in low:
        return getattr(exc, "operation_name", None) or last_operation()
    return None


def check_endpoint(url: str, source: str) -> None:
    """An endpoint is an http(s) URL with a host (and a valid port): refused with ADL5130 before
    boto3 raises a bare ValueError from deep inside client creation."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a port that is not a number in range
    except ValueError as exc:
        raise DeployError(ddiag("ADL5130", None, source=source, endpoint=url, reason=str(exc)), 2) from None
    reason = ""
    if parts.scheme not in ("http", "https"):
        reason = "the scheme must be http or https"
    elif not parts.hostname:
        reason = "there is no host"
    elif port == 0:
        reason = "port 0 is not a port"
    if reason:
        raise DeployError(ddiag("ADL5130", None, source=source, endpoint=url, reason=reason), 2)


class Cloud:
    def __init__(self, region: str, endpoint: str | None = None, calls: CallLog | None = None,
                 connect_timeout: float = 2.0, read_timeout: float = 60.0, workers: int = 8) -> None:
        self.region = region
        self.endpoint = endpoint if endpoint is not None else (os.environ.get(ENDPOINT_ENV) or None)
        if self.endpoint is not None:
            check_endpoint(self.endpoint, "--endpoint" if endpoint is not None else ENDPOINT_ENV)
        self.calls = calls or CallLog()
        self._session = boto3.session.Session(region_name=region)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._all_caches: list[dict[str, Any]] = []  # every thread's clients, to hook observers in
        self._pool: ThreadPoolExecutor | None = None
        self.workers = workers
        self._observers: list[Any] = []  # e.g. the run's journal (journal.py): before/after each call
        # deployment-wide parts this run created (access_logs.py): a rollback removes them too
        self.parts_created: set[str] = set()
        self._config = Config(connect_timeout=connect_timeout, read_timeout=read_timeout,
                              retries={"total_max_attempts": 2, "mode": "standard"})

    def client(self, service: str, region: str | None = None) -> Any:
        """This thread's client of `service` in the deployment's region, or in `region` (global
        services' regional APIs: a CLOUDFRONT-scoped WAF lives in us-east-1)."""
        cache: dict[str, Any] | None = self._local.__dict__.get("clients")
        if cache is None:
            cache = self._local.__dict__.setdefault("clients", {})
            with self._lock:
                self._all_caches.append(cache)
        key = service if region is None or region == self.region else f"{service}@{region}"
        c = cache.get(key)
        if c is None:
            with self._lock:
                c = self._session.client(service, region_name=region or self.region, endpoint_url=self.endpoint,
                                         config=self._config)
                observers = list(self._observers)
                cache[key] = c
            c.meta.events.register("before-call.*.*", self._before_call)
            for o in observers:
                self._hook(c, o)
        return c

    @staticmethod
    def _hook(client: Any, observer: Any) -> None:
        client.meta.events.register("before-parameter-build.*.*", observer.before)
        client.meta.events.register("after-call.*.*", observer.after)

    def observe(self, observer: Any) -> None:
        """Call observer.before(model, params) before each API call and observer.after(model,
        parsed, http_response) after it, in every client (built now or later, any thread)."""
        with self._lock:
            self._observers.append(observer)
            clients = [c for d in self._all_caches for c in d.values()]
        for c in clients:
            self._hook(c, observer)

    def unobserve(self, observer: Any) -> None:
        with self._lock:
            if observer in self._observers:
                self._observers.remove(observer)
            clients = [c for d in self._all_caches for c in d.values()]
        for c in clients:
            c.meta.events.unregister("before-parameter-build.*.*", observer.before)
            c.meta.events.unregister("after-call.*.*", observer.after)

    def _before_call(self, **kwargs: Any) -> None:
        self.calls.before_call(**kwargs)

    def map(self, fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        """Run `fn` over `items` in this cloud's worker threads (kept for its lifetime, so each
        thread's clients are built once)."""
        if len(items) <= 1 or self.workers <= 1:  # a pool of one thread would only add a thread
            return [fn(i) for i in items]
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="autodeploy")
        return list(self._pool.map(fn, items))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    @property
    def account(self) -> str:
        acct = getattr(self, "_account", None)
        if acct is None:
            acct = self.client("sts").get_caller_identity()["Account"]
            self._account = acct
        return acct


def error_code(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, ClientError):
        err = exc.response.get("Error", {})
        return str(err.get("Code", "Unknown")), str(err.get("Message", ""))
    return type(exc).__name__, str(exc)


def delete_bucket_with_objects(s3: Any, name: str) -> None:
    """Every object version and delete marker, then the bucket; a bucket already gone is fine."""
    try:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=name):
            objs = [{"Key": o["Key"], "VersionId": o["VersionId"]}
                    for o in page.get("Versions", []) + page.get("DeleteMarkers", [])]
            if objs:
                s3.delete_objects(Bucket=name, Delete={"Objects": objs, "Quiet": True})
    except ClientError as exc:
        if is_not_found(exc):
            return
        raise
    ignore_missing(s3.delete_bucket, Bucket=name)


def ignore_missing(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a delete; a resource that is already gone is not an error (delete is idempotent)."""
    try:
        return fn(*args, **kwargs)
    except ClientError as exc:
        code, msg = error_code(exc)
        if _is_not_found(code, msg):
            return None
        raise


def _is_not_found(code: str, msg: str) -> bool:
    c = code.lower()
    return ("notfound" in c or "nosuch" in c or c.endswith(".notfound") or "nonexistent" in c
            or c in {"resourcenotfoundexception", "invalidparametervalue.notfound", "404",
                     "queuedoesnotexist", "aws.simplequeueservice.nonexistentqueue",
                     "trailnotfoundexception", "clusternotfoundexception", "servicenotfoundexception",
                     "invalidallocationid.notfound", "natgatewaynotfound",
                     "gateway.notattached"}  # detaching what is not attached: already done
            or "does not exist" in msg.lower() or "not found" in msg.lower())


def is_not_found(exc: BaseException) -> bool:
    return isinstance(exc, ClientError) and _is_not_found(*error_code(exc))


def preflight(cloud: Cloud) -> None:
    """One cheap read, so a dead endpoint or missing credentials fail before anything is touched."""
    try:
        cloud.client("sts").get_caller_identity()
    except (EndpointConnectionError, ConnectTimeoutError) as exc:
        raise DeployError(ddiag("ADL5100", None, endpoint=cloud.endpoint or "(AWS default)", reason=str(exc)), 2) \
            from None
    except NoCredentialsError as exc:
        raise DeployError(ddiag("ADL5108", None, reason=str(exc)), 2) from None
    except NoRegionError as exc:
        raise DeployError(ddiag("ADL5100", None, endpoint=cloud.endpoint or "(AWS default)", reason=str(exc)), 2) \
            from None
    except BotoCoreError as exc:
        raise DeployError(ddiag("ADL5100", None, endpoint=cloud.endpoint or "(AWS default)", reason=str(exc)), 2) \
            from None
