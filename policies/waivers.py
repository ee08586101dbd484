"""Waivers, applied in Python after either engine ran so both report them identically.

A waiver matches a finding with the same rule id and resource name. One whose `expires`
date is before today no longer waives: the finding counts again and fails the gate. A
waiver naming a rule the library does not have is ADL3002 (a typo would waive nothing)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from autodeploy.compiler.catalogue import diag, suggest
from autodeploy.compiler.diagnostics import Diagnostic

if TYPE_CHECKING:
    from autodeploy.compiler.ir import IRWaiver as Waiver
else:
    from autodeploy.compiler.ir import IRWaiver

    Waiver = IRWaiver


def is_expired(w: Waiver, today: str) -> bool:
    return str(w.expires) < today  # ISO dates compare as strings


def apply(findings: Iterable[object], waivers: Iterable[Waiver], today: str) -> list:
    """Return findings with `waiver`, `waived` and `waiver_expired` filled in."""
    by_key: dict[tuple[str, str], Waiver] = {}
    for each in waivers:
        by_key.setdefault((each.rule, each.target), each)
    out = []
    for f in findings:
        w = by_key.get((f.rule, f.resource or ""))  # type: ignore[attr-defined]
        if w is None:
            out.append(f)
        elif is_expired(w, today):
            out.append(dataclasses.replace(f, waiver=w, waived=None, waiver_expired=True))  # type: ignore[type-var]
        else:
            out.append(dataclasses.replace(f, waiver=w, waived=w, waiver_expired=False))  # type: ignore[type-var]
    return out


def check(waivers: Iterable[Waiver], known_rules: Iterable[str], today: str) -> list[Diagnostic]:
    """ADL3002 for waivers of unknown rules, ADL3006 for expired ones (at the waiver's span)."""
    known = sorted(set(known_rules))
    diags: list[Diagnostic] = []
    for w in waivers:
        if w.rule not in known:
            hint = suggest(w.rule, known, "rule") or "list the rules with `autodeploy check --format json`"
            diags.append(diag("ADL3002", w.span, rule=w.rule, hint=hint))
        elif is_expired(w, today):
            diags.append(
                diag("ADL3006", w.span, rule=w.rule, target=w.target, expires=w.expires, owner=w.owner)
            )
    return diags
