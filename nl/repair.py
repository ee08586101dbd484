"""Ask the model, compile its answer, feed every problem back, up to N repair rounds.

Problems fed back: syntax, type and assertion diagnostics from the compiler, resources made
public that the request did not ask for (ADL0521), other secure defaults loosened without the
request's words (ADL0701), waivers (ADL0702: a model never waives), emit errors, policy findings
that block the gate, and a cost estimate above the stated budget (ADL0522). The user's locks are put into every answer
(restored if dropped or altered), so an answer that violates one fails with ADL1030 and goes back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from autodeploy.compiler import IR, CompileResult, compile_source
from autodeploy.compiler.catalogue import diag

from . import checks
from . import diagnostics as _registered  # noqa: F401
from .locks import ENCRYPTED_STORES, PRIVATE_BY_DEFAULT, deployment_locks, enforce
from .model import Lock, Spec
from .polarity import answer_problems
from .prompt import repair_message, request_message, system_prompt

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_-]*)[ \t]*\n(.*?)```", re.S)


class Provider(Protocol):
    def complete(self, messages: list[dict[str, str]]) -> str: ...


def extract_adl(answer: str) -> str:
    """The ADL in an answer: the ```adl block (or the first fenced block holding a deployment), else raw."""
    blocks = _FENCE.findall(answer)
    for lang, body in blocks:
        if lang.lower() == "adl":
            return body.strip() + "\n"
    for _lang, body in blocks:
        if "deployment" in body:
            return body.strip() + "\n"
    if blocks:
        return blocks[0][1].strip() + "\n"
    return answer.strip() + ("\n" if answer.strip() else "")


@dataclass
class Attempt:
    text: str
    problems: list[str]
    restored: list[str] = field(default_factory=list)
    result: CompileResult | None = None

    @property
    def errors(self) -> int:
        return len(self.problems)


@dataclass
class Outcome:
    ok: bool
    text: str
    attempts: list[Attempt]
    best: Attempt

    def diagnostics_text(self) -> str:
        out = []
        for i, a in enumerate(self.attempts):
            out.append(f"== attempt {i + 1}: {a.errors} problem(s)")
            out += a.problems
            out += [f"(lock {r})" for r in a.restored]
        return "\n".join(out) + "\n"


def allowed_public(spec: Spec) -> dict[str, int]:
    """How many resources of each kind the request asked to be public."""
    out: dict[str, int] = {}
    for r in spec.resources:
        if r.attrs.get("public") is True and "public" in r.stated_attrs:
            out[r.kind] = out.get(r.kind, 0) + 1
    return out


_IMPORT = re.compile(r"^\s*import\s", re.M)


def problems_of(
    text: str,
    spec: Spec,
    filename: str,
    base_dir: str | None,
    with_checks: bool = True,
    baseline: IR | None = None,
) -> tuple[CompileResult, list[str]]:
    if _IMPORT.search(text):
        # never let a model's answer make us read local files (their contents would go back in diagnostics)
        return CompileResult(None, None, (), {}), ["ADL0523 " + diag("ADL0523", None).message]
    result = compile_source(text, filename, base_dir=base_dir)
    problems = [
        f"{d.code} {d.span.line if d.span else '?'}:{d.span.col if d.span else '?'} {d.message}"
        + (f" (help: {d.help})" if d.help else "")
        for d in result.errors
    ]
    ir = result.ir
    if ir is None or problems:
        return result, problems
    allowed = allowed_public(spec)
    for r in ir.resources:
        if r.attrs.get("public") is True:
            if allowed.get(r.kind, 0) > 0:
                allowed[r.kind] -= 1
            else:
                problems.append("ADL0521 " + diag("ADL0521", None, name=r.name).message)
    # the one polarity rule: no loosening the request did not ask for, no waiver from a model
    problems += answer_problems(ir, spec, baseline)
    # compile => emit: an answer that cannot be emitted goes back like a compile error
    problems += [
        f"{d.code} {d.message}" + (f" (help: {d.help})" if d.help else "") for d in checks.emit_errors(result)
    ]
    if with_checks:
        rep = checks.run(ir)
        budget = ir.deployment.budget
        if rep.cost_total is not None and budget is not None and rep.cost_total > budget:
            problems.append(
                "ADL0522 " + diag("ADL0522", None, cost=f"{rep.cost_total:.2f}", budget=f"{budget:g}").message
            )
        problems += [f"policy {b}" for b in rep.blocking]
    return result, problems


def resource_locks_for_answer(result: CompileResult, spec: Spec) -> list[Lock]:
    """Lock the secure defaults of the resources the model chose (its names, not the draft's)."""
    ir = result.ir
    out: list[Lock] = []
    if ir is None:
        return out
    for r in ir.resources:
        if r.kind in PRIVATE_BY_DEFAULT and r.attrs.get("public") is False:
            out.append(Lock(f"{r.name}.public", "==", "false", "private"))
        if (
            ir.deployment.compliance
            and r.kind in ENCRYPTED_STORES
            and r.attrs.get("encryption") is not False
        ):
            out.append(Lock(f"{r.name}.encryption", "!=", "false", "frameworks require encryption at rest"))
    return out


def generate(
    request: str,
    spec: Spec,
    draft: str | None,
    provider: Provider,
    max_repairs: int,
    filename: str,
    base_dir: str | None = None,
    prefs: dict[str, Any] | None = None,
    with_checks: bool = True,
) -> Outcome:
    locks = deployment_locks(spec)
    messages = [
        {"role": "system", "content": system_prompt()},
        {"role": "user", "content": request_message(request, locks, draft, prefs or {})},
    ]
    attempts: list[Attempt] = []
    for _round in range(max_repairs + 1):
        answer = provider.complete(messages)
        text = extract_adl(answer)
        if not text.strip():
            attempt = Attempt("", ["ADL0516 the answer held no ADL text"])
        else:
            text, restored = enforce(text, locks)
            result, problems = problems_of(text, spec, filename, base_dir, with_checks)
            if not problems:
                extra = resource_locks_for_answer(result, spec)
                text, more = enforce(text, locks + extra)
                result, problems = problems_of(text, spec, filename, base_dir, with_checks=False)
            attempt = Attempt(text, problems, restored, result)
        attempts.append(attempt)
        if not attempt.problems:
            return Outcome(True, attempt.text, attempts, attempt)
        messages = messages + [
            {"role": "assistant", "content": answer},
            {"role": "user", "content": repair_message("\n".join(attempt.problems))},
        ]
    # best: an answer that parses beats one that does not (a parse error hides every later problem),
    # then the fewest problems
    best = min(attempts, key=lambda a: (not a.text, a.result is None or a.result.ir is None, a.errors))
    return Outcome(False, best.text, attempts, best)
