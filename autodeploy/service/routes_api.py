"""The REST API under /v1: the CLI's operations on request-carried files, the run history,
the audit trail and tokens. Answers are the CLI's `--format json` documents plus `exit_code`
(the CLI's exit code: 0 clean, 1 errors or findings, 2 environment) and the `run_id` under
which the run was recorded; refusals are 4xx/5xx with coded diagnostics (ADL09xx)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from autodeploy.analytics.store import HistoryError
from autodeploy.fsutil import FileError
from autodeploy.nl.limits import MAX_REQUEST

from . import history as hist
from .auth import require
from .errors import ServiceError
from .pool import Busy, Deadline, WorkerFailed
from .sandbox import check_files
from .tokens import ROLES, Principal, TokenError, create, load, revoke

router = APIRouter(prefix="/v1", tags=["v1"])

Severity = Literal["low", "medium", "high", "critical"]
RunReader = Annotated[Principal, Depends(require("viewer", "read runs"))]
TokenAdmin = Annotated[Principal, Depends(require("admin", "manage tokens"))]


class Files(BaseModel):
    """An `.adl` file and the files it imports, by relative name: the server reads nothing else."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(description="the main .adl file's text")
    filename: str = Field("app.adl", description="its relative name (spans and imports use it)")
    imports: dict[str, str] = Field(default_factory=dict, description="imported files: {relative name: text}")
    params: dict[str, str] = Field(default_factory=dict, description="parameter overrides (the CLI's --set)")
    commit: str | None = Field(None, pattern=r"^[0-9a-f]{7,40}$", description="the git commit, for the history")


class CheckBody(Files):
    frameworks: list[str] | None = Field(None, description="default: the deployment's `compliance`")

    @field_validator("frameworks")
    @classmethod
    def _known(cls, value: list[str] | None) -> list[str] | None:
        """As the CLI's --framework: an unknown name would check nothing and pass (a 422, ADL0903)."""
        from autodeploy.compiler.kinds import FRAMEWORKS

        unknown = [fw for fw in value or () if fw not in FRAMEWORKS]
        if unknown:
            raise ValueError(f"unknown framework(s) {', '.join(unknown)}; known: {', '.join(FRAMEWORKS)}")
        return value
    fail_on: Severity = "high"
    today: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="the date waivers expire against")


class CostBody(Files):
    usage: str | None = Field(None, description="usage overrides, the text of a usage YAML file")
    free_tier: bool = False


class EmitBody(Files):
    target: Literal["terraform", "arm"] = "terraform"
    format: Literal["hcl", "json"] = "hcl"


class BuildBody(CheckBody):
    usage: str | None = None
    free_tier: bool = False
    format: Literal["hcl", "json"] = "hcl"


class GenerateBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request: str = Field(min_length=1, max_length=MAX_REQUEST, description="what to deploy, in a sentence")
    filename: str = "app.adl"
    no_check: bool = False


class TokenBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["viewer", "author", "admin"]
    label: str = Field("", max_length=200)


async def run_op(request: Request, op: str, body: BaseModel, record: bool = True) -> dict[str, Any]:
    """Run `op` on a worker within the deadline, record the run and answer the worker's document."""
    svc = request.app.state.service
    job = body.model_dump()
    problems = check_files(job["filename"], job.get("imports") or {})
    if problems:
        raise ServiceError.of(400, problems)
    job["op"] = op
    job["gate_timeout"] = max(1.0, svc.config.deadline * 0.8)  # OPA stops first, with its own ADL3017
    try:
        doc: dict[str, Any] = await svc.pool.run(job, svc.config.deadline)
    except Busy as b:
        raise ServiceError(429, "ADL0905", {"Retry-After": str(b.retry_after)}, workers=b.workers,
                           queued=b.queued, retry=b.retry_after) from None
    except Deadline:
        raise ServiceError(504, "ADL0906", seconds=svc.config.deadline) from None
    except WorkerFailed as exc:
        raise ServiceError(500, "ADL0910", reason=str(exc)) from None
    run_id = None
    if record:
        try:
            run_id = await svc.history.call(hist.record, op, doc, job.get("commit"))
        except HistoryError as exc:  # the audit trail is not optional: no record, no answer
            raise ServiceError(503, "ADL0913", reason=exc.diagnostic.message) from None
    request.state.run_id = run_id
    request.state.outcome = f"exit {doc['exit_code']}"
    doc["run_id"] = run_id
    return doc


@router.post("/compile", summary="parse and type-check; the IR and dependency graph")
async def compile_(request: Request, body: Files,
                   _: Annotated[Principal, Depends(require("viewer", "compile"))]) -> dict[str, Any]:
    return await run_op(request, "compile", body)


@router.post("/check", summary="the compliance gate (the CLI's `check --format json`)")
async def check(request: Request, body: CheckBody,
                _: Annotated[Principal, Depends(require("viewer", "check"))]) -> dict[str, Any]:
    return await run_op(request, "check", body)


@router.post("/cost", summary="the monthly estimate (the CLI's `cost --format json`)")
async def cost(request: Request, body: CostBody,
               _: Annotated[Principal, Depends(require("viewer", "estimate costs"))]) -> dict[str, Any]:
    return await run_op(request, "cost", body)


@router.post("/emit", summary="Terraform or ARM: the files, as a map")
async def emit(request: Request, body: EmitBody,
               _: Annotated[Principal, Depends(require("author", "emit"))]) -> dict[str, Any]:
    return await run_op(request, "emit", body)


@router.post("/build", summary="compile, cost, check and emit in one run (`autodeploy build`)")
async def build(request: Request, body: BuildBody,
                _: Annotated[Principal, Depends(require("author", "build"))]) -> dict[str, Any]:
    return await run_op(request, "build", body)


@router.post("/generate", summary="an .adl file from a sentence (the offline translator)")
async def generate(request: Request, body: GenerateBody,
                   _: Annotated[Principal, Depends(require("author", "generate"))]) -> dict[str, Any]:
    return await run_op(request, "generate", body, record=False)


async def _history(request: Request, fn: Any, *args: Any) -> Any:
    try:
        return await request.app.state.service.history.call(fn, *args)
    except HistoryError as exc:
        raise ServiceError(503, "ADL0913", reason=exc.diagnostic.message) from None


@router.get("/runs", summary="recorded runs, newest first")
async def runs(request: Request, _: RunReader, limit: int = Query(50, ge=1, le=1000),
               deployment: str | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = await _history(request, hist.list_runs, limit, deployment)
    return out


@router.get("/runs/{run_id}", summary="one run: its result, graph, cost, findings, sources and artifact names")
async def run(request: Request, run_id: str,
              _: RunReader) -> dict[str, Any]:
    doc = await _history(request, hist.get_run, run_id)
    if doc is None:
        raise ServiceError(404, "ADL0909", what="run", name=run_id)
    return dict(doc)


@router.get("/runs/{run_id}/artifacts/{name:path}", response_class=PlainTextResponse,
            summary="one emitted file of a run")
async def artifact(request: Request, run_id: str, name: str,
                   _: RunReader) -> PlainTextResponse:
    return await artifact_response(request, run_id, name)


async def artifact_response(request: Request, run_id: str, name: str) -> PlainTextResponse:
    text = await _history(request, hist.get_artifact, run_id, name)
    if text is None:
        raise ServiceError(404, "ADL0909", what="artifact", name=name)
    filename = name.rsplit("/", 1)[-1].replace('"', "")
    return PlainTextResponse(text, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/audit", summary="the audit trail, newest first")
async def audit(request: Request, _: Annotated[Principal, Depends(require("admin", "read the audit trail"))],
                limit: int = Query(100, ge=1, le=10000)) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = await _history(request, hist.list_audit, limit)
    return out


def _tokens_call(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except (TokenError, FileError) as exc:  # FileError: the token file cannot be written (ADL0600)
        raise ServiceError.of(500, [exc.diagnostic]) from None


@router.get("/tokens", summary="token ids, roles and labels (never the tokens)")
async def tokens(request: Request, _: TokenAdmin) -> list[dict[str, str]]:
    entries = _tokens_call(load, request.app.state.service.config.tokens)
    return [{k: v for k, v in e.to_json().items() if k != "sha256"} for e in entries]


@router.post("/tokens", status_code=201, summary="a new token, shown in this answer only")
async def new_token(request: Request, body: TokenBody,
                    _: TokenAdmin) -> dict[str, str]:
    token, entry = _tokens_call(create, request.app.state.service.config.tokens, body.role, body.label)
    return {"token": token, "token_id": entry.token_id, "role": entry.role}


@router.delete("/tokens/{token_id}", summary="revoke a token")
async def delete_token(request: Request, token_id: str,
                       _: TokenAdmin) -> dict[str, str]:
    if not _tokens_call(revoke, request.app.state.service.config.tokens, token_id):
        raise ServiceError(404, "ADL0909", what="token", name=token_id)
    return {"revoked": token_id}


assert ROLES == ("viewer", "author", "admin")  # TokenBody's Literal spells the same roles
