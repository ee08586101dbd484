"""The typed IR: one frozen tree that every later stage reads (policies, cost, backends).

Attribute values are JSON-ready and in canonical units (docs/ir.md). A reference is
`{"ref": name}` or `{"ref": name, "member": m}`; counts are `{"min": a, "max": b}`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Span
from .jsontext import dumps_indented

IR_VERSION = "1.0"


@dataclass(frozen=True)
class IRRef:
    attr: str
    target: str
    member: str | None
    span: Span


@dataclass(frozen=True)
class IRResource:
    kind: str
    name: str
    variant: str | None
    data: str | None
    attrs: dict[str, Any]
    units: dict[str, str]
    explicit: tuple[str, ...]
    span: Span
    attr_spans: dict[str, Span]
    refs: tuple[IRRef, ...]

    def get(self, attr: str, default: Any = None) -> Any:
        return self.attrs.get(attr, default)

    def span_of(self, attr: str) -> Span:
        """The attribute's span when written, else the resource's (for defaults)."""
        return self.attr_spans.get(attr, self.span)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "variant": self.variant,
            "data": self.data,
            "attrs": self.attrs,
            "units": self.units,
            "explicit": list(self.explicit),
            "span": self.span.to_json(),
            "attr_spans": {k: v.to_json() for k, v in self.attr_spans.items()},
            "refs": [
                {"attr": r.attr, "target": r.target, "member": r.member, "span": r.span.to_json()}
                for r in self.refs
            ],
        }


@dataclass(frozen=True)
class IRDeployment:
    name: str
    cloud: str
    region: str
    environment: str
    compliance: tuple[str, ...]
    budget: float | None  # usd/month
    tags: dict[str, str]
    owner: str | None
    span: Span | None
    attr_spans: dict[str, Span] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "cloud": self.cloud,
            "region": self.region,
            "environment": self.environment,
            "compliance": list(self.compliance),
            "budget": self.budget,
            "tags": self.tags,
            "owner": self.owner,
            "span": self.span.to_json() if self.span else None,
            "attr_spans": {k: v.to_json() for k, v in self.attr_spans.items()},
        }


@dataclass(frozen=True)
class IRWaiver:
    rule: str
    target: str
    reason: str
    owner: str
    expires: str  # ISO date
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "target": self.target,
            "reason": self.reason,
            "owner": self.owner,
            "expires": self.expires,
            "span": self.span.to_json(),
        }


@dataclass(frozen=True)
class IRAssertion:
    path: tuple[str, ...]
    op: str
    value: Any
    text: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"path": list(self.path), "op": self.op, "value": self.value, "text": self.text,
                "span": self.span.to_json()}


@dataclass(frozen=True)
class IR:
    deployment: IRDeployment
    resources: tuple[IRResource, ...]
    params: dict[str, Any]
    waivers: tuple[IRWaiver, ...]
    assertions: tuple[IRAssertion, ...]
    files: tuple[str, ...]
    version: str = IR_VERSION

    def resource(self, name: str) -> IRResource | None:
        for r in self.resources:
            if r.name == name:
                return r
        return None

    @property
    def by_name(self) -> dict[str, IRResource]:
        return {r.name: r for r in self.resources}

    def edges(self) -> list[dict[str, str]]:
        return [
            {"from": r.name, "to": ref.target, "attr": ref.attr}
            for r in self.resources
            for ref in r.refs
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "ir_version": self.version,
            "deployment": self.deployment.to_json(),
            "params": self.params,
            "files": list(self.files),
            "resources": [r.to_json() for r in self.resources],
            "edges": self.edges(),
            "waivers": [w.to_json() for w in self.waivers],
            "assertions": [a.to_json() for a in self.assertions],
        }

    def resource_summary(self) -> str:
        """`6 resources (1 audit, 1 bucket, ...)`, `1 resource (1 queue)`, `no resources`: the one line
        compile and build print."""
        kinds: dict[str, int] = {}
        for r in self.resources:
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
        if not kinds:
            return "no resources"
        n = len(self.resources)
        return (f"{n} resource{'' if n == 1 else 's'} ("
                + ", ".join(f"{c} {k}" for k, c in sorted(kinds.items())) + ")")

    def dumps(self) -> str:
        return dumps_indented(self.to_json())
