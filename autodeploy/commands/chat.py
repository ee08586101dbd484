"""`autodeploy chat app.adl`: refine a deployment turn by turn ("add a redis cache", "make it cheaper",
"move it to Frankfurt"). Each turn shows the file's unified diff and re-checks it; the file is
written (atomically) only when it compiles — locks included. Reads turns from stdin when it is not a
terminal: one turn per line, a blank line or EOF ends.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from typing import TYPE_CHECKING

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.redact import REDACTED, mask_line, mask_text
from autodeploy.fsutil import rewrite_keeping_newlines
from autodeploy.nl import config as nlconfig
from autodeploy.nl import diagnostics as _registered  # noqa: F401

if TYPE_CHECKING:  # the translator, compiler and checks load when the command runs (tests/test_startup.py)
    from autodeploy.compiler import CompileResult
    from autodeploy.nl.model import Spec

from autodeploy.nl.limits import MAX_REQUEST

from ._common import add_root_arg, not_text, refuse_empty, repair_rounds, root_of
from .generate import print_diag

ORDER = 6


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("chat", help="refine an .adl file in conversation (offline or with an LLM)")
    p.add_argument("file", help="the .adl file to refine")
    p.add_argument("--provider", choices=("offline", "openai"), default="offline")
    p.add_argument("--model", help="model name for --provider openai")
    p.add_argument("--base-url", help="OpenAI-compatible base URL")
    p.add_argument("--max-repairs", type=repair_rounds, default=2, metavar="N")
    p.add_argument("--no-check", action="store_true", help="skip the policy and cost checks")
    add_root_arg(p)
    p.set_defaults(func=run)


def _turns() -> list[str] | None:
    if sys.stdin.isatty():
        return None
    out = []
    try:
        for line in sys.stdin:
            if not line.strip():
                break
            out.append(line.strip())
    except UnicodeDecodeError as exc:  # a strict UTF-8 locale: the rest of the input is not text
        out.append(chr(0xDC00 + exc.object[exc.start]))  # a lone surrogate: refused below, as bytes not UTF-8
    return out


def _shown(turn: str) -> str:
    """The turn as echoed: escapes for what is not printable, so a piped ESC sequence never drives
    the terminal and an undecodable byte never breaks a strict UTF-8 stdout."""
    return "".join(c if c.isprintable() else f"\\x{ord(c) & 0xFF:02x}" if ord(c) < 0x100 or 0xDC80 <= ord(c) <= 0xDCFF
                   else f"\\u{ord(c):04x}" for c in turn)


def run(args: argparse.Namespace) -> int:
    from autodeploy.compiler import compile_file, compile_source
    from autodeploy.nl import checks
    from autodeploy.nl.edit import apply_turn, load_spec
    from autodeploy.nl.summary import summarize
    from autodeploy.nl.writer import write

    path = args.file
    if not os.path.lexists(path):  # a symlink loop exists: compile_file reports it (ADL0102)
        from autodeploy.errors import no_such_file

        raise no_such_file(path)
    root = root_of(args)
    result = refuse_empty(compile_file(path, root=root), path)
    if not result.ok or result.ir is None:
        sys.stderr.write(result.render())
        print(f"chat: {path} does not compile; fix it first (or generate a new one)")
        return 1
    with open(path, encoding="utf-8") as fh:
        current = fh.read()
    if len(result.sources) > 1 or result.ir.params:
        print("note: imports and parameters are inlined when chat rewrites the file")
    spec = _with_secrets(load_spec(result, current), result)
    llm = None
    if args.provider == "openai":
        from autodeploy.nl.llm import LLMError, OpenAIProvider

        try:
            llm = OpenAIProvider(nlconfig.llm_settings(None, args.base_url, args.model))
        except (LLMError, nlconfig.ConfigError) as exc:
            d = getattr(exc, "diagnostic", None) or diag("ADL0510", None, problem=str(exc), hint="")
            print_diag(d)
            return 2
    scripted = _turns()
    refused = 0
    gate_failed = False  # after the last written turn
    i = 0
    while True:
        if scripted is None:
            try:
                turn = input("> ").strip()
            except EOFError:
                break
        else:
            if i >= len(scripted):
                break
            turn = scripted[i]
            print(f"> {_shown(turn)}")
        i += 1
        if not turn or turn.lower() in ("quit", "exit", "q"):
            break
        what = not_text(turn)
        if what is not None:
            _refuse("", diag("ADL0984", None, turn=i, what=what))
            refused += 1
            continue
        if len(turn) > MAX_REQUEST:
            _refuse("", diag("ADL0986", None, where=f"turn {i}", length=len(turn), limit=MAX_REQUEST))
            refused += 1
            continue
        if llm is not None:
            ok, new_text, message = _llm_turn(llm, args, current, turn, spec, path)
            new_spec = None
        else:
            tr = apply_turn(spec, turn)
            if tr.refused:
                _refuse(tr.refused)
                refused += 1
                continue
            new_spec = tr.spec
            new_text = write(new_spec)
            message = "; ".join(tr.changes)
            for phrase in tr.not_understood:
                print(f"not understood: {phrase}")
            ok = True
        if ok:
            check = compile_source(new_text, path, base_dir=os.path.dirname(os.path.abspath(path)), root=root)
            if not check.ok:
                lines = new_text.splitlines()
                broken = sorted(
                    {
                        mask_line(lines[d.span.line - 1].strip())
                        for d in check.errors
                        if d.span is not None
                        and 0 < d.span.line <= len(lines)
                        and lines[d.span.line - 1].startswith("assert")
                    }
                )
                if broken:
                    _refuse("", diag("ADL0504", None, locks="; ".join(f"`{b}`" for b in broken)))
                else:
                    _refuse("the edited file does not compile; nothing was written")
                sys.stderr.write(check.render())
                refused += 1
                continue
            emit_errs = checks.emit_errors(check)
            if emit_errs:  # compile => emit: never write a file that cannot be deployed
                _refuse("the edited file compiles but does not emit; nothing was written")
                sys.stderr.write("".join(f"{d.code}: {d.message}\n" for d in emit_errs))
                refused += 1
                continue
        else:
            _refuse(message)
            refused += 1
            continue
        base = os.path.basename(path)
        diff = "".join(
            difflib.unified_diff(
                current.splitlines(True), new_text.splitlines(True), fromfile=f"a/{base}", tofile=f"b/{base}"
            )
        )
        if not diff:
            print("no change")
            continue
        sys.stdout.write(mask_text(diff))  # the file keeps a secret's value; the conversation never shows it
        rewrite_keeping_newlines(path, new_text)
        current = new_text
        if new_spec is not None:
            spec = new_spec
        else:
            spec = _with_secrets(load_spec(check, new_text), check)
        print(f"applied: {message}" if message else "applied")
        lines, report = summarize(check, run_checks=not args.no_check)
        for line in lines:
            print("  " + line)
        gate_failed = report is not None and not report.gate_passed
    if gate_failed:  # like generate: the file as written fails the gate (ADL0703)
        print_diag(diag("ADL0703", None, path=path, why="see the findings above"))
    return 1 if refused or gate_failed else 0


def _with_secrets(spec: Spec, result: CompileResult) -> Spec:
    """The IR redacts secrets' values; the file chat rewrites keeps what its author wrote."""
    for r in spec.resources:
        if r.attrs.get("value") == REDACTED and r.name in result.secret_values:
            r.attrs["value"] = result.secret_values[r.name]
    return spec


def _refuse(problem: str, d=None) -> None:  # type: ignore[no-untyped-def]
    """Print a refusal on stdout (the conversation) with its code; the file is left as it was."""
    d = d or diag("ADL0505", None, problem=problem)
    print(f"refused: {d.message} [{d.code}]")
    if d.help:
        print(f"  help: {d.help}")


def _llm_turn(llm, args, current, turn, spec, path):  # type: ignore[no-untyped-def]
    import re

    from autodeploy.compiler import compile_source
    from autodeploy.nl import lexicon as lx
    from autodeploy.nl.llm import LLMError
    from autodeploy.nl.locks import enforce
    from autodeploy.nl.offline import normalize
    from autodeploy.nl.prompt import repair_message, system_prompt
    from autodeploy.nl.repair import extract_adl, problems_of

    if re.search(lx.INJECTION, normalize(turn)):
        return False, "", "this turn asks to ignore the instructions; nothing was changed"
    messages = [
        {"role": "system", "content": system_prompt()},
        {
            "role": "user",
            "content": f"Current file:\n```adl\n{current}```\n\nChange: {turn}\n"
            "Answer with the whole new file. Keep every assert line.",
        },
    ]
    base = os.path.dirname(os.path.abspath(path))
    # the file before the turn: its waivers and loosenings were written by the user, a model adds none
    baseline = compile_source(current, path, base_dir=base).ir
    for _ in range(args.max_repairs + 1):
        try:
            answer = llm.complete(messages)
        except LLMError as exc:
            return False, "", f"{exc.diagnostic.code} {exc.diagnostic.message}"
        text, restored = enforce(extract_adl(answer), spec.locks)
        for r in restored:
            print(f"lock {r}")
        from autodeploy.nl.edit import _loosened
        from autodeploy.nl.edit import load_spec as _load

        result, problems = problems_of(
            text, spec, path, base, with_checks=not args.no_check, baseline=baseline
        )
        if not problems and result.ir is not None:
            loosened = _loosened(spec, _load(result, text))
            if loosened:
                return False, "", "the answer loosens a secure default (" + "; ".join(loosened) + ")"
            return True, text, "model edit"
        messages += [
            {"role": "assistant", "content": answer},
            {"role": "user", "content": repair_message("\n".join(problems))},
        ]
    return False, "", "the model's edit did not pass after repairs"
