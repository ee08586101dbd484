"""The translator's working form of a deployment: IR-shaped values, before they become ADL text.

Values use the IR's conventions (canonical units, {"ref": n} references, {"min", "max"} counts)
so the writer has one job — IR form to ADL literals — and chat can load a compiled file back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Res:
    kind: str
    name: str
    variant: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    # what came from the user's words (the rest is defaults and companions)
    from_text: bool = False
    stated_attrs: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Lock:
    """One `assert path op value` line; `value` is ADL source text."""

    path: str
    op: str
    value: str
    why: str = ""

    @property
    def text(self) -> str:
        return f"assert {self.path} {self.op} {self.value}"


@dataclass
class Spec:
    name: str = "app"
    deployment: dict[str, Any] = field(default_factory=dict)
    resources: list[Res] = field(default_factory=list)
    locks: list[Lock] = field(default_factory=list)
    comment: str = ""
    # deployment attributes the request stated (cloud, region, compliance, budget, environment)
    stated: set[str] = field(default_factory=set)
    not_understood: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Res]:
        return [r for r in self.resources if r.kind == kind]

    def get(self, name: str) -> Res | None:
        for r in self.resources:
            if r.name == name:
                return r
        return None

    def unique_name(self, base: str) -> str:
        taken = {r.name for r in self.resources} | {"deployment"}
        if base not in taken:
            return base
        i = 2
        while f"{base}_{i}" in taken:
            i += 1
        return f"{base}_{i}"
