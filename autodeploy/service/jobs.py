"""What a worker process does with one request: the CLI's stages on the request's files.

Each operation answers a plain JSON document (it crosses a process boundary) holding
`exit_code` (the CLI's: 0 clean, 1 errors or findings, 2 environment) and the CLI's own
`--format json` documents, rendered by the same functions, so the API and the CLI cannot
disagree on a code or a finding. What the stages print for a person goes to `log`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import time
from collections.abc import Callable
from typing import Any

from autodeploy.compiler import CompileResult, compile_file
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.redact import mask_text

from .sandbox import USAGE_FILE, sandbox

Doc = dict[str, Any]


def _diags(diags: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[dict[str, object]]:
    return [d.to_json() for d in diags]


def _compiled(job: Doc) -> CompileResult:
    return compile_file(job["filename"], dict(job.get("params") or {}), root=".")


def _base(result: CompileResult) -> Doc:
    """What every operation answers about the compile: its diagnostics, and for the run page the
    graph and the sources (masked: a secret's value never leaves the compiler)."""
    doc: Doc = {"diagnostics": _diags(result.diagnostics), "ok": result.ok}
    if result.ir is not None and result.graph is not None:
        doc["deployment"] = {"name": result.ir.deployment.name, "cloud": result.ir.deployment.cloud,
                             "region": result.ir.deployment.region,
                             "budget": result.ir.deployment.budget}
        doc["graph"] = result.graph.to_json()
    doc["sources"] = {k: mask_text(v) for k, v in sorted(result.sources.items())}
    return doc


def op_compile(job: Doc) -> Doc:
    result = _compiled(job)
    doc = _base(result)
    doc["exit_code"] = 0 if result.ok else 1
    if result.ok and result.ir is not None:
        doc["ir"] = json.loads(result.ir.dumps())
    return doc


def _gate_args(job: Doc) -> argparse.Namespace:
    frameworks = job.get("frameworks")
    return argparse.Namespace(
        frameworks=",".join(frameworks) if frameworks else None, fail_on=job.get("fail_on") or "high",
        policy_dirs=[], opa_url=None, today=job.get("today"), gate_timeout=job.get("gate_timeout"),
        usage=USAGE_FILE if job.get("usage") is not None else None, free_tier=bool(job.get("free_tier")),
        tf_format=job.get("format") or "hcl", record=False, file=job["filename"],
    )


def op_check(job: Doc) -> Doc:
    from autodeploy.commands.check import estimate_cost
    from autodeploy.policies.engine import PolicyEngineError, evaluate
    from autodeploy.policies.opa import find_opa
    from autodeploy.policies.render import render

    result = _compiled(job)
    doc = _base(result)
    if not result.ok or result.ir is None:
        doc["exit_code"] = 1
        return doc
    args = _gate_args(job)
    try:
        find_opa()
        report = evaluate(result.ir, frameworks=job.get("frameworks") or None, cost=estimate_cost(result.ir),
                          policy_dirs=(), opa_url=None, today=args.today, timeout=args.gate_timeout)
    except PolicyEngineError as exc:
        doc["diagnostics"].append(exc.diagnostic.to_json())
        doc["exit_code"] = 2
        return doc
    doc["check"] = json.loads(render(report, "json", args.fail_on, result.sources))
    doc["exit_code"] = 1 if report.failed(args.fail_on) else 0
    return doc


def op_cost(job: Doc) -> Doc:
    from autodeploy.analytics.cost_render import render
    from autodeploy.stages.cost import CostUnavailable, estimate_for

    result = _compiled(job)
    doc = _base(result)
    if not result.ok or result.ir is None:
        doc["exit_code"] = 1
        return doc
    args = _gate_args(job)
    try:
        report = estimate_for(result.ir, args.usage, free_tier=args.free_tier)
    except CostUnavailable as exc:
        doc["diagnostics"].extend(_diags(exc.diagnostics))
        doc["exit_code"] = 2
        return doc
    doc["cost"] = json.loads(render(report, "json"))
    doc["exit_code"] = 0
    return doc


def op_emit(job: Doc) -> Doc:
    from autodeploy.backends.dispatch import emit_for

    result = _compiled(job)
    doc = _base(result)
    if not result.ok or result.ir is None:
        doc["exit_code"] = 1
        return doc
    emitted = emit_for(job.get("target") or "terraform", result.ir, result.graph, job.get("format") or "hcl")
    doc["diagnostics"].extend(_diags(emitted.diagnostics))
    doc["exit_code"] = 0 if emitted.ok else 1
    doc["artifacts"] = dict(sorted(emitted.files.items())) if emitted.ok else {}
    return doc


def op_build(job: Doc) -> Doc:
    """`autodeploy build`: the pipeline's stages in order, into a folder of the sandbox; the
    artifacts they wrote come back as a map."""
    from autodeploy.pipeline import BuildContext, compile_summary, run_stages
    from autodeploy.policies.render import render as render_check

    result = _compiled(job)
    doc = _base(result)
    if not result.ok or result.ir is None:
        doc["exit_code"] = 1
        return doc
    out = "_build"  # not an .adl name: no request file can be there
    ctx = BuildContext(file=job["filename"], args=_gate_args(job), result=result, out_dir=out)
    ctx.summary.append(compile_summary(result))
    run_stages(ctx)
    doc["summary"] = ctx.summary
    doc["exit_code"] = ctx.exit_code
    if "cost" in ctx.artifacts:
        doc["cost"] = json.loads(ctx.artifacts["cost"].dumps())
    if "check" in ctx.artifacts:
        doc["check"] = json.loads(render_check(ctx.artifacts["check"], "json", ctx.args.fail_on, result.sources))
    artifacts: dict[str, str] = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as fh:
                artifacts[os.path.relpath(path, out).replace(os.sep, "/")] = fh.read()
    doc["artifacts"] = dict(sorted(artifacts.items()))
    return doc


def op_generate(job: Doc) -> Doc:
    """The offline translator (`autodeploy generate --no-context`): a request never reaches an LLM
    endpoint or another user's defaults from the server."""
    from autodeploy.commands.generate import _name
    from autodeploy.compiler import compile_source
    from autodeploy.compiler.catalogue import diag
    from autodeploy.nl import checks
    from autodeploy.nl.offline import translate
    from autodeploy.nl.summary import summarize
    from autodeploy.nl.writer import write

    filename = job["filename"]
    spec = translate(job["request"], {}, _name(filename))
    doc: Doc = {"not_understood": list(spec.not_understood), "notes": list(spec.notes)}
    if not any(r.from_text for r in spec.resources):
        hint = "name at least one resource: a database, a bucket, a container API, a queue, a function, a VM ..."
        doc.update(exit_code=1, diagnostics=[diag("ADL0502", None, hint=hint).to_json()])
        return doc
    text = write(spec)
    result = compile_source(text, filename, base_dir=".", root=".")
    problems = list(result.errors) + checks.emit_errors(result)
    if problems:  # a translator bug: say so with the evidence, as the CLI does
        doc.update(exit_code=1, adl=text, diagnostics=_diags(problems))
        return doc
    lines, report = summarize(result, run_checks=not job.get("no_check"))
    doc.update(adl=text, summary=lines, diagnostics=_diags(result.diagnostics),
               exit_code=0 if report is None or report.gate_passed else 1)
    return doc


OPS: dict[str, Callable[[Doc], Doc]] = {
    "compile": op_compile, "check": op_check, "cost": op_cost, "emit": op_emit, "build": op_build,
    "generate": op_generate,
}


def warm_up() -> None:
    """Import what the operations use (seconds of imports, once per worker, not per request)."""
    import autodeploy.analytics.cost  # noqa: F401
    import autodeploy.backends.dispatch  # noqa: F401
    import autodeploy.commands.check  # noqa: F401
    import autodeploy.pipeline  # noqa: F401
    import autodeploy.policies.engine  # noqa: F401
    import autodeploy.policies.render  # noqa: F401


def run_job(job: Doc) -> Doc:
    """Run one operation in a sandbox holding the request's files (the worker's entry point)."""
    started = time.monotonic()
    files = {job["filename"]: job["source"], **(job.get("imports") or {})} if "source" in job else {}
    log = io.StringIO()
    with sandbox(files) as top:
        if job.get("usage") is not None:
            with open(os.path.join(top, USAGE_FILE), "x", encoding="utf-8") as fh:
                fh.write(job["usage"])
        with contextlib.redirect_stderr(log), contextlib.redirect_stdout(log):
            doc = OPS[job["op"]](job)
    doc["log"] = log.getvalue()
    doc["seconds"] = round(time.monotonic() - started, 4)
    return doc
