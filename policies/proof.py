"""Checking an engine's answer before the gate believes it. `data.adl.main.report` is
`{"findings": [...], "evaluated": ["<area>.<name>", ...], "revision": "sha256:..."}`; the answer
counts only when it has exactly that shape, its revision is the one of the modules this run
loaded, and `evaluated` is exactly this run's rule packages. Anything else is a coded error:

- ADL3013: no result at all (undefined, `{}`, `null`): nothing was evaluated;
- ADL3014: not JSON, or JSON of the wrong shape (including a finding with a severity that is not
  exactly one of SEVERITIES, or a rule id the library does not have);
- ADL3015: rule packages missing from, or foreign to, the evaluated set;
- ADL3016: another library revision answered."""

from __future__ import annotations

import json
from typing import Any

from .diagnostics import PolicyEngineError, engine_error
from .library import Library
from .severity import SEVERITIES

REPORT_KEYS = ("evaluated", "findings", "revision")
_SHOWN = 5  # names listed in a message before "and N more"


def _clip(text: object, n: int = 80) -> str:
    s = repr(text) if not isinstance(text, str) else text
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3] + "..."


def _malformed(engine: str, problem: str) -> PolicyEngineError:
    return engine_error("ADL3014", engine=engine, problem=problem)


def _none(engine: str, problem: str) -> PolicyEngineError:
    return engine_error("ADL3013", engine=engine, problem=problem)


def local_value(stdout: str, engine: str = "opa eval") -> Any:
    """The report out of `opa eval --format json` output."""
    try:
        payload = json.loads(stdout)
    except ValueError:
        raise _malformed(engine, f"printed output that is not JSON: {_clip(stdout) or '(nothing)'}") from None
    if not isinstance(payload, dict):
        raise _malformed(engine, f"printed {_clip(payload)} instead of an object with `result`")
    results = payload.get("result")
    if results is None or results == []:
        raise _none(engine, f"the query is undefined: output {_clip(payload)}")
    try:
        (only,) = results
        (expression,) = only["expressions"]
        value = expression["value"]
    except (TypeError, ValueError, KeyError):
        raise _malformed(engine, f"`result` is not one expression value: {_clip(results)}") from None
    if value is None:
        raise _none(engine, "the value is null")
    return value


def server_value(answer: Any, engine: str = "opa server") -> Any:
    """The report out of the server's `POST /v1/data/adl/main/report` answer."""
    if not isinstance(answer, dict):
        raise _malformed(engine, f"answered {_clip(answer)} instead of an object with `result`")
    if "result" not in answer:
        raise _none(engine, f"the document is undefined: answer {_clip(answer)}")
    if answer["result"] is None:
        raise _none(engine, "the result is null")
    return answer["result"]


def _names(items: set[str]) -> str:
    shown = ", ".join(f"adl.rules.{p}" for p in sorted(items)[:_SHOWN])
    return shown + (f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def check(value: Any, lib: Library, engine: str) -> list[dict[str, Any]]:
    """The findings of a report that proves it evaluated `lib` (see the module docstring)."""
    if not isinstance(value, dict):
        raise _malformed(engine, f"the report is {_clip(value)}, not an object")
    if tuple(sorted(value)) != REPORT_KEYS:
        raise _malformed(engine, f"the report has keys {sorted(value)}, expected {list(REPORT_KEYS)}")
    findings, evaluated, revision = value["findings"], value["evaluated"], value["revision"]
    if not isinstance(findings, list):
        raise _malformed(engine, f"`findings` is {_clip(findings)}, not a list")
    if not isinstance(evaluated, list) or not all(isinstance(p, str) for p in evaluated):
        raise _malformed(engine, f"`evaluated` is {_clip(evaluated)}, not a list of package names")
    if revision != lib.revision:
        raise engine_error("ADL3016", engine=engine, got=_clip(revision, 80), want=lib.revision)
    missing, extra = set(lib.packages) - set(evaluated), set(evaluated) - set(lib.packages)
    if missing:
        raise engine_error(
            "ADL3015",
            engine=engine,
            problem=f"evaluated {len(set(lib.packages) & set(evaluated))} of the {len(lib.packages)} "
            f"rule packages this run loaded; missing: {_names(missing)}",
            hint="the engine did not load every module (e.g. an OPA run without -d policies/rules) or "
            "a rule package has no `findings` rule",
        )
    if extra:
        raise engine_error(
            "ADL3015",
            engine=engine,
            problem=f"also evaluated rule packages this run did not load: {_names(extra)}",
            hint="foreign rules under data.adl.rules (e.g. other modules on a shared server) would add "
            "findings; give the gate its own server",
        )
    for i, f in enumerate(findings, 1):
        _check_finding(i, f, lib, engine)
    return findings


def _check_finding(i: int, f: Any, lib: Library, engine: str) -> None:
    if not isinstance(f, dict):
        raise _malformed(engine, f"finding #{i} is {_clip(f)}, not an object")
    rule, severity = f.get("rule"), f.get("severity")
    if not isinstance(rule, str) or rule not in lib.rule_ids:
        raise _malformed(engine, f"finding #{i} names rule {_clip(rule)}, which this run did not load")
    if not isinstance(severity, str) or severity not in SEVERITIES:
        raise _malformed(
            engine,
            f"finding #{i} ({rule}) has severity {_clip(severity)}, not exactly one of {', '.join(SEVERITIES)}",
        )
    if not isinstance(f.get("message"), str):
        raise _malformed(engine, f"finding #{i} ({rule}) has no message")
    for key in ("title", "resource", "kind", "attr", "remediation", "source"):
        if f.get(key) is not None and not isinstance(f[key], str):
            raise _malformed(engine, f"finding #{i} ({rule}): `{key}` is {_clip(f[key])}, not a string")
    span = f.get("span")
    if span is not None and not (
        isinstance(span, dict)
        and isinstance(span.get("file"), str)
        and all(isinstance(span.get(k, 1), int) for k in ("line", "col", "end_line", "end_col"))
    ):
        raise _malformed(engine, f"finding #{i} ({rule}): `span` is {_clip(span)}")
    for key in ("controls", "frameworks"):
        if f.get(key) is not None and not isinstance(f[key], (dict, list)):
            raise _malformed(engine, f"finding #{i} ({rule}): `{key}` is {_clip(f[key])}")
