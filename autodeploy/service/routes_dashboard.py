"""The dashboard: server-rendered pages (Jinja2, inline SVG, no JavaScript).

/           runs (result, cost, findings) and estimated cost over time per deployment
/runs/{id}  a run: dependency graph coloured by findings, cost chart + table, findings grouped by
            framework and control with their .adl lines, diagnostics, artifacts to download
/login      a form that keeps a token in an HttpOnly cookie, for servers that require tokens
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import history as hist
from . import svg
from .auth import COOKIE, require
from .errors import ServiceError
from .routes_api import _history, artifact_response
from .tokens import Principal

router = APIRouter(include_in_schema=False)
_ENV = Environment(loader=FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
                   autoescape=select_autoescape(("html", "j2")), trim_blocks=True, lstrip_blocks=True)
Viewer = Annotated[Principal, Depends(require("viewer", "view the dashboard", cookie=True))]


def page(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(_ENV.get_template(name).render(**ctx), status_code=status)


def error_page(request: Request, exc: ServiceError) -> HTMLResponse:
    return page("error.html.j2", status=exc.status, title=f"{exc.status}", diagnostics=exc.diagnostics)


def money(v: float | None) -> str:
    return "—" if v is None else f"${v:,.2f}"


_ENV.filters["money"] = money


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, p: Viewer) -> HTMLResponse:
    runs = await _history(request, hist.list_runs, 100, None)
    series = await _history(request, hist.cost_series, 500)
    trends = [(dep, points, svg.cost_line_svg(points)) for dep, points in series.items()]
    return page("index.html.j2", title="Runs", runs=runs, trends=trends, principal=p)


def group_findings(findings: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[tuple[str, list[Any]]]]]:
    """framework -> control -> findings; a finding under every control it maps to, and a rule
    with no control under its frameworks' "(no control)" (or "general" when it names none)."""
    groups: dict[str, dict[str, list[Any]]] = {}
    for f in findings:
        placed = False
        for c in f.get("controls") or ():
            fw, _, ctl = str(c).partition(" ")
            groups.setdefault(fw, {}).setdefault(ctl or fw, []).append(f)
            placed = True
        if not placed:
            for fw in f.get("frameworks") or ("general",):
                groups.setdefault(fw, {}).setdefault("(no control)", []).append(f)
    return [(fw, sorted(ctls.items())) for fw, ctls in sorted(groups.items())]


def source_line(sources: Mapping[str, str], span: Mapping[str, Any] | None) -> str | None:
    if not span or span.get("file") not in sources:
        return None
    lines = sources[span["file"]].split("\n")
    n = int(span.get("line") or 0)
    return lines[n - 1].rstrip() if 0 < n <= len(lines) else None


@router.get("/runs/{run_id}", response_class=HTMLResponse)
async def run_page(request: Request, run_id: str, p: Viewer) -> HTMLResponse:
    run = await _history(request, hist.get_run, run_id)
    if run is None:
        raise ServiceError(404, "ADL0909", what="run", name=run_id)
    check = run.get("check") or {}
    findings = check.get("findings", [])
    sources = run.get("sources", {})
    worst = svg.worst_by_resource(findings)
    cost = run.get("cost")
    return page(
        "run.html.j2", title=f"Run {run_id}", run=run, principal=p,
        graph=svg.graph_svg(run["graph"], worst) if run.get("graph") else None,
        nodes=(run.get("graph") or {}).get("nodes", []), worst=worst, colours=svg.SEVERITY_COLOURS,
        node_names={n["name"] for n in (run.get("graph") or {}).get("nodes", [])},
        cost=cost, cost_chart=svg.cost_bars_svg(cost["resources"]) if cost else None,
        check=check or None, groups=group_findings(findings),
        line_of=lambda span: source_line(sources, span),
        diagnostics=(run.get("result") or {}).get("diagnostics", []),
    )


@router.get("/runs/{run_id}/artifacts/{name:path}", response_class=PlainTextResponse)
async def download(request: Request, run_id: str, name: str, _: Viewer) -> PlainTextResponse:
    return await artifact_response(request, run_id, name)


@router.get("/login", response_class=HTMLResponse)
async def login_form(next: str = "/") -> HTMLResponse:
    return page("login.html.j2", title="Sign in", next=_local(next), problem=None)


@router.post("/login")
async def login(request: Request) -> Response:
    # the form is parsed here (urlencoded, two fields): no multipart dependency for one form
    form = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=4)
    token, next = (form.get("token") or [""])[0], (form.get("next") or ["/"])[0]
    svc = request.app.state.service
    principal = svc.tokens.verify(token.strip())
    if principal is None:
        request.state.outcome = "ADL0907"
        return page("login.html.j2", status=401, title="Sign in", next=_local(next),
                    problem="That token is not valid (unknown or revoked).")
    request.state.principal = principal
    resp = RedirectResponse(_local(next), status_code=303)
    resp.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", secure=request.url.scheme == "https",
                    path="/")
    return resp


def _local(target: str) -> str:
    """Only a path on this server (no open redirect to another site)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
