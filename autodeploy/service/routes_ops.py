"""Probes and metrics: /healthz (the process answers), /readyz (workers up, history writable,
OPA found), /metrics (Prometheus text). No token needed: they reveal no deployment."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse

router = APIRouter(tags=["operations"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


def _ping(con: Any) -> None:
    con.execute("SELECT count(*) FROM runs").fetchall()


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    from autodeploy.policies.engine import PolicyEngineError
    from autodeploy.policies.opa import find_opa

    svc = request.app.state.service
    problems = []
    if not svc.pool.ready:
        problems.append("worker processes are not all running")
    try:
        await svc.history.call(_ping)
    except Exception as exc:
        problems.append(f"history database: {getattr(getattr(exc, 'diagnostic', None), 'message', exc)}")
    try:
        find_opa()
    except PolicyEngineError as exc:
        problems.append(f"policy engine: {exc.diagnostic.message}")
    return JSONResponse({"status": "not ready" if problems else "ready", "problems": problems},
                        status_code=503 if problems else 200)


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics(request: Request) -> PlainTextResponse:
    svc = request.app.state.service
    pool = svc.pool
    gauges = {
        "autodeploy_workers": ("Worker processes in the pool.", pool.size),
        "autodeploy_workers_busy": ("Workers running a request.", pool.busy),
        "autodeploy_requests_waiting": ("Requests waiting for a worker.", pool.waiting),
        "autodeploy_requests_rejected_total": ("Requests refused with 429 (pool full).", pool.rejected),
        "autodeploy_deadlines_exceeded_total": ("Requests past their deadline (504).", pool.deadlines),
        "autodeploy_audit_failures_total": ("Audit rows that could not be written.", svc.audit_failures),
        "autodeploy_history_errors_total": ("History database errors.", svc.history.errors),
    }
    return PlainTextResponse(svc.metrics.render(gauges), media_type="text/plain; version=0.0.4")
