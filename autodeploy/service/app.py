"""create_app(config): the FastAPI application of `autodeploy serve`.

The app is assembled from small routers (ROUTERS: routes_ops, routes_api, routes_dashboard) around
one `Service` value on `app.state.service` holding the worker pool, the history writer, the token
store and the metrics. Another router (webhooks, policy bundles...) is a module exporting `router`
named in ROUTERS; its handlers reach `request.app.state.service` and guard themselves with
`auth.require(role, action)`.

Every request passes the Guard first: the body is read (at most `max_body` bytes, else 413
before any parsing), then after the answer the call is counted for /metrics and written to the
audit trail with who made it and what came of it (the probes /healthz, /readyz and /metrics
are counted, not audited: an orchestrator polls them every few seconds)."""

from __future__ import annotations

import importlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from autodeploy.compiler.catalogue import diag

from . import history as hist
from .config import ServiceConfig
from .errors import ServiceError
from .metrics import Metrics
from .pool import WorkerPool
from .tokens import TokenStore

PROBES = ("/healthz", "/readyz", "/metrics")


class Service:
    """What every handler shares (app.state.service)."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.pool = WorkerPool(config.pool_size, config.queue)
        self.history = hist.History(config.history)
        self.tokens = TokenStore(config.tokens)
        self.metrics = Metrics()
        self.started = time.time()
        self.audit_failures = 0

    def tokens_required(self) -> bool:
        if self.config.require_tokens is not None:
            return self.config.require_tokens
        return not self.config.loopback or bool(self.tokens.entries())


# the routers, by module; another one (webhooks, policy bundles) is one more name here
ROUTERS = ("routes_ops", "routes_api", "routes_dashboard")


def _publish_bundle(app: FastAPI, path: str) -> None:
    """OPA servers poll the library's bundle at /v1/bundles/<name>.tar.gz (ETag = revision) with a
    viewer token as their bearer credential; an unreadable file raises PolicyEngineError now."""
    from fastapi import Depends

    from autodeploy.policies.bundle_service import BundlePublisher
    from autodeploy.policies.bundle_service import router as bundle_router

    from .auth import require

    app.include_router(bundle_router(BundlePublisher(path), prefix="/v1"),
                       dependencies=[Depends(require("viewer", "download the policy bundle"))])


def create_app(config: ServiceConfig) -> FastAPI:
    svc = Service(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        svc.pool.start()
        try:
            yield
        finally:
            svc.pool.close()
            svc.history.close()

    app = FastAPI(title="AutoDeploy", version="0.1.0", lifespan=lifespan,
                  description="Compile, check, cost and emit ADL deployments (docs/service.md).")
    app.state.service = svc
    for name in ROUTERS:
        app.include_router(importlib.import_module(f"{__package__}.{name}").router)
    if config.bundle:
        _publish_bundle(app, config.bundle)
    _handlers(app)
    app.add_middleware(Guard, svc=svc)
    return app


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/v1") or path in PROBES or path == "/openapi.json")


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> Response:
        request.state.outcome = exc.diagnostic.code
        if _wants_html(request):
            if exc.status == 401:
                return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
            from .routes_dashboard import error_page

            return error_page(request, exc)
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        diags = [diag("ADL0903", None, problem=f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}",
                      hint="see /openapi.json for the request schema") for e in exc.errors()[:20]]
        return await service_error(request, ServiceError.of(422, diags))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            err = ServiceError(404, "ADL0909", what="path", name=request.url.path)
        else:
            err = ServiceError(exc.status_code, "ADL0903", problem=str(exc.detail), hint="")
        err.headers = dict(exc.headers or {})
        return await service_error(request, err)


class Guard:
    """Body limit, metrics and the audit trail around every HTTP request (pure ASGI)."""

    def __init__(self, app: ASGIApp, svc: Service) -> None:
        self.app, self.svc = app, svc

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        state: dict[str, Any] = scope.setdefault("state", {})
        status = [500]

        async def sending(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                status[0] = msg["status"]
            await send(msg)

        try:
            body = await self._read(scope, receive)
            if body is None:
                err = ServiceError(413, "ADL0902", limit=self.svc.config.max_body)
                state["outcome"] = err.diagnostic.code
                await JSONResponse(err.body(), status_code=413)(scope, receive, sending)
                return
            sent = [False]

            async def replay() -> Message:
                if not sent[0]:
                    sent[0] = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()  # a disconnect, when it comes

            await self.app(scope, replay, sending)
        finally:
            self._account(scope, state, status[0], time.monotonic() - started)

    async def _read(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None when it is larger than the limit (refused before any parsing)."""
        limit = self.svc.config.max_body
        for k, v in scope.get("headers", ()):
            if k == b"content-length" and v.isdigit() and int(v) > limit:
                return None
        chunks, size = [], 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                break
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not msg.get("more_body"):
                break
        return b"".join(chunks)

    def _account(self, scope: Scope, state: dict[str, Any], status: int, seconds: float) -> None:
        route = scope.get("route")
        path = scope.get("path", "")
        template = getattr(route, "path", None) or ("(unmatched)" if status == 404 else path)
        self.svc.metrics.observe(template, scope.get("method", ""), status, seconds)
        if path in PROBES:
            return
        p = state.get("principal")
        client = scope.get("client") or ("", 0)
        row = hist.AuditRow(
            token_id=getattr(p, "token_id", "-"), role=getattr(p, "role", "-"), method=scope.get("method", ""),
            path=path, status=status, outcome=str(state.get("outcome") or ("ok" if status < 400 else status)),
            run_id=state.get("run_id"), millis=seconds * 1000, client=str(client[0]))
        fut = self.svc.history.submit(hist.audit, row)
        fut.add_done_callback(self._audit_done)

    def _audit_done(self, fut: Any) -> None:
        if fut.exception() is not None:
            self.svc.audit_failures += 1
