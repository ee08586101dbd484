"""`autodeploy generate "a HIPAA patient portal with Postgres, under $1,200 a month" -o app.adl`.

Offline by default (deterministic, no network); `--provider openai` asks an OpenAI-compatible
model and repairs its answer against the compiler, with the request's constraints locked in.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TYPE_CHECKING

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.fsutil import write_atomic
from autodeploy.nl import config as nlconfig
from autodeploy.nl import diagnostics as _registered  # noqa: F401
from autodeploy.nl.limits import MAX_REQUEST

from ._common import not_text, repair_rounds

if TYPE_CHECKING:  # the translator, compiler and checks load when the command runs (tests/test_startup.py)
    from autodeploy.nl import checks

ORDER = 5


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("generate", help="write an .adl file from a sentence (offline, or with an LLM)")
    p.add_argument("request", nargs="+", help="what to deploy, in English, Spanish, French or German")
    p.add_argument("-o", "--output", default="app.adl", help="the .adl file to write (default: app.adl)")
    p.add_argument("--force", action="store_true", help="overwrite the output file")
    p.add_argument(
        "--provider",
        choices=("offline", "openai"),
        default=None,
        help="offline (default) or an OpenAI-compatible endpoint",
    )
    p.add_argument("--model", help="model name for --provider openai")
    p.add_argument("--base-url", help="OpenAI-compatible base URL (e.g. http://127.0.0.1:11434/v1)")
    p.add_argument("--max-repairs", type=repair_rounds, default=2, metavar="N", help="LLM repair rounds (default 2)")
    p.add_argument("--no-check", action="store_true", help="skip the policy and cost checks")
    p.add_argument(
        "--no-context",
        action="store_true",
        help="ignore the last generated deployment and the config file's [defaults] for this run",
    )
    p.set_defaults(func=run)


def print_diag(d: Diagnostic) -> None:
    sys.stderr.write(f"{d.severity} {d.code}: {d.message}\n")
    if d.help:
        sys.stderr.write(f"  help: {d.help}\n")


def _name(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0].lower()
    name = re.sub(r"[^a-z0-9_]+", "_", stem).strip("_") or "app"
    return name if not name[0].isdigit() else f"app_{name}"


def run(args: argparse.Namespace) -> int:
    from autodeploy.compiler import compile_source
    from autodeploy.nl import checks
    from autodeploy.nl.offline import translate
    from autodeploy.nl.summary import summarize
    from autodeploy.nl.writer import write

    request = " ".join(args.request).strip()
    if not request:
        from autodeploy.cli import UsageError

        raise UsageError('generate needs a request, e.g. autodeploy generate "a Postgres database"')
    what = not_text(request)
    if what is not None:  # it would be copied into the file's header comment
        print_diag(diag("ADL0985", None, what=what))
        return 2
    if len(request) > MAX_REQUEST:
        print_diag(diag("ADL0986", None, where="the request", length=len(request), limit=MAX_REQUEST))
        return 2
    out = args.output
    if os.path.exists(out) and not args.force:
        print_diag(diag("ADL0506", None, path=out))
        return 2
    try:
        cfg = nlconfig.load_config()
        prefs = nlconfig.preferences(cfg, context=not args.no_context)  # a corrupt history stops here
    except nlconfig.ConfigError as exc:
        print_diag(diag("ADL0510", None, problem=str(exc), hint="fix or remove that file"))
        return 2
    provider_name = args.provider or str(
        cfg.get("llm", {}).get("provider", "offline") if isinstance(cfg.get("llm"), dict) else "offline"
    )
    spec = translate(request, prefs, _name(out))
    if not any(r.from_text for r in spec.resources):
        print_diag(
            diag(
                "ADL0502",
                None,
                hint="name at least one resource: a database, a bucket, a container "
                "API, a queue, a function, a VM ...",
            )
        )
        for phrase in spec.not_understood:
            print(f"not understood: {phrase}")
        return 1
    draft = write(spec)
    base_dir = os.path.dirname(os.path.abspath(out))
    if provider_name == "offline":
        text = draft
        result = compile_source(text, out, base_dir=base_dir)
        if not result.ok:  # a translator bug: keep the evidence, say so
            _reject(out, text, result.render())
            print_diag(
                diag(
                    "ADL0503",
                    None,
                    problem="the offline translation does not compile",
                    hint=f"see {out}.diagnostics.txt and please report it",
                )
            )
            return 1
        emit_errs = checks.emit_errors(result)
        if emit_errs:  # compile => emit: a translator bug as well
            _reject(out, text, result.render() + "".join(f"{d.code}: {d.message}\n" for d in emit_errs))
            print_diag(diag("ADL0700", None, problem="the offline translation compiles but does not emit",
                            hint=f"see {out}.diagnostics.txt and please report it"))
            return 1
    else:
        rc, text, result = _with_llm(args, cfg, request, spec, draft, out, base_dir, prefs)
        if rc:
            return rc
    write_atomic(out, text)
    print(f"wrote {out} ({provider_name})")
    lines, report = summarize(result, run_checks=not args.no_check)
    for line in lines:
        print("  " + line)
    for note in spec.notes:
        print(f"  note: {note}")
    label = (
        "not understood"
        if provider_name == "offline"
        else "not understood by the offline reader (the "
        "model saw the whole request; locks cover only what was understood)"
    )
    for phrase in spec.not_understood:
        print(f"  {label}: {phrase}")
    ir = result.ir
    if ir is not None:
        warn = nlconfig.remember(
            {
                "request": request,
                "file": os.path.abspath(out),
                "cloud": ir.deployment.cloud,
                "region": ir.deployment.region,
                "compliance": list(ir.deployment.compliance),
                "provider": provider_name,
            }
        )
        if warn:
            print(f"  note: {warn}")
        _record_run(ir, out)
    return _gate_exit(out, report)


def _gate_exit(out: str, report: checks.CheckReport | None) -> int:
    """1 when the written file fails the gate (fail closed: a check that could not run fails it)."""
    if report is None or report.gate_passed:
        return 0
    why = (
        f"{len(report.blocking)} blocking finding(s)"
        if report.blocking
        else report.policy_skipped or report.cost_skipped or "the checks did not run"
    )
    print_diag(diag("ADL0703", None, path=out, why=why))
    return 1


def _record_run(ir, out: str) -> None:  # type: ignore[no-untyped-def]
    """Also record the generation in the DuckDB run history when that store is installed."""
    from autodeploy.analytics.store import record_run  # DuckDB loads only when a run is recorded

    try:
        record_run("generate", ir, command="generate", file=out)
    except Exception as exc:  # the run history is a convenience; never fail generation on it
        d = getattr(exc, "diagnostic", None)
        print(f"  note: run history not recorded: {d.message if d is not None else exc}")


def _reject(out: str, text: str, diagnostics: str) -> None:
    write_atomic(out + ".rejected", text)
    write_atomic(out + ".diagnostics.txt", diagnostics)


def _with_llm(args, cfg, request, spec, draft, out, base_dir, prefs):  # type: ignore[no-untyped-def]
    from autodeploy.nl import repair
    from autodeploy.nl.llm import LLMError, OpenAIProvider

    try:
        settings = nlconfig.llm_settings(cfg, args.base_url, args.model)
        provider = OpenAIProvider(settings)
        outcome = repair.generate(
            request,
            spec,
            draft,
            provider,
            args.max_repairs,
            out,
            base_dir,
            prefs,
            with_checks=not args.no_check,
        )
    except nlconfig.ConfigError as exc:
        print_diag(diag("ADL0510", None, problem=str(exc), hint="fix the [llm] section"))
        return 2, "", None
    except LLMError as exc:
        print_diag(exc.diagnostic)
        return exc.exit_code, "", None
    for a in outcome.attempts:
        for r in a.restored:
            print(f"  lock {r}")
    if not outcome.ok:
        _reject(out, outcome.best.text, outcome.diagnostics_text())
        print_diag(
            diag(
                "ADL0520",
                None,
                rounds=args.max_repairs,
                errors=outcome.best.errors,
                diag_path=out + ".diagnostics.txt",
                rejected_path=out + ".rejected",
            )
        )
        for p in outcome.best.problems[:10]:
            sys.stderr.write(f"  {p}\n")
        return 1, "", None
    print(f"  model answered in {len(outcome.attempts)} round(s)")
    return 0, outcome.text, outcome.best.result
