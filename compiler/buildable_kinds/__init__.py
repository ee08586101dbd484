"""What a kind needs to be buildable beyond its schema, checked at compile time so that a file that
compiles clean also emits (compiler/buildable.py): settings that only make sense together, references
that must lead somewhere buildable.

Each kind's checks live in the module named for it (`buildable_kinds/<kind>.py`), which defines
`check(ir, r) -> list[Diagnostic]`; a kind without a module has none. Adding a kind's checks is
adding its module: nothing lists the kinds (as backends/aws/<kind>.py does for IAM grants).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from functools import cache

from ..catalogue import Template, register
from ..diagnostics import Diagnostic, Severity
from ..ir import IR, IRResource
from ..kinds import KINDS

E = Severity.ERROR

register(
    Template("ADL1400", E, "volume cannot attach",
             "volume `{name}` attaches to vm `{vm}`, {why}", "{hint}"),
    Template("ADL1401", E, "JWT authorizer incomplete",
             "api_gateway `{name}` has `auth = jwt` but no `{attr}`",
             "add `{attr} = \"...\"` (the identity provider's {what}), or use `auth = iam`"),
    Template("ADL1402", E, "ETL script has no bucket",
             "etl_job `{name}` has no bucket for its script `{script}`: its source is a {kind}",
             "add `script_bucket = <bucket>`"),
    Template("ADL1403", E, "setting needs another",
             "`{kind} {name}`: `{attr}` {why}", "{hint}"),
)

Check = Callable[[IR, IRResource], list[Diagnostic]]


@cache
def _check_fn(kind: str) -> Check | None:
    if kind not in KINDS or importlib.util.find_spec(f"{__name__}.{kind}") is None:
        return None
    fn = getattr(importlib.import_module(f"{__name__}.{kind}"), "check", None)
    return fn if callable(fn) else None


def check_kinds(ir: IR) -> list[Diagnostic]:
    """Every resource's own kind checks, in file order."""
    out: list[Diagnostic] = []
    for r in ir.resources:
        check = _check_fn(r.kind)
        if check is not None:
            out.extend(check(ir, r))
    return out
