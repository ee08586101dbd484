"""The ARM template under construction: parameters, resources, outputs and the helpers every
per-kind emitter uses (names, resourceId expressions, dependsOn from the graph, shared resources)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from autodeploy.backends import tags as tags_vocab
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, Span
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR, IRResource

from . import names
from .apiversions import API

# Key order inside each resource object: the conventional ARM reading order.
_RESOURCE_KEYS = ("type", "apiVersion", "name", "scope", "subscriptionId", "resourceGroup", "location", "tags",
                  "kind", "sku", "zones", "identity", "dependsOn", "properties")


def q(text: str) -> str:
    """A string literal inside an ARM expression."""
    return "'" + text.replace("'", "''") + "'"


def lit(text: str) -> str:
    """The one ARM writer of a literal string (a value or an object key) taken from the IR.

    ARM reads a JSON string that starts with `[` and ends with `]` as an expression, unless it
    starts with `[[`, which it reads as the literal with one `[` removed (Azure's
    ExpressionParser.IsLanguageExpression); every other string is literal as it is. JSON itself
    escapes quotes and control characters."""
    return "[" + text if text.startswith("[") and text.endswith("]") else text


def x(inner: str) -> str:
    """Wrap an ARM expression: `[inner]`."""
    return "[" + inner + "]"


def _literal(expr: str) -> bool:
    return len(expr) >= 2 and expr[0] == expr[-1] == "'" and "'" not in expr[1:-1].replace("''", "")


@dataclass(frozen=True)
class Ref:
    """How to point at an emitted ARM resource: its type and its name segments (ARM expressions)."""

    type: str
    segments: tuple[str, ...]

    @cached_property
    def id(self) -> str:
        return "resourceId(" + ", ".join((q(self.type),) + self.segments) + ")"

    @cached_property
    def name(self) -> str:
        """The full ARM `name` value: segments joined with '/' (plain text when all are literals)."""
        if all(_literal(s) for s in self.segments):
            return "/".join(s[1:-1].replace("''", "'") for s in self.segments)
        if len(self.segments) == 1:
            return x(self.segments[0])
        return x("concat(" + ", '/', ".join(self.segments) + ")")

    @property
    def last_value(self) -> str:
        """The last name segment as a JSON value: plain text when literal, else an expression."""
        seg = self.segments[-1]
        return seg[1:-1].replace("''", "'") if _literal(seg) else x(seg)

    @property
    def last(self) -> str:
        return self.segments[-1]


@dataclass
class ArmContext:
    ir: IR
    graph: Graph
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    resources: list[dict[str, Any]] = field(default_factory=list)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    primary: dict[str, Ref] = field(default_factory=dict)  # ADL resource name -> its main ARM resource
    shared: dict[str, Ref] = field(default_factory=dict)  # shared helpers (vault, workspace, log storage)
    # edges the emitter turns around (e.g. a scale set joins the load balancer's pool): (from, to) pairs
    reversed_edges: set[tuple[str, str]] = field(default_factory=set)
    extra: dict[str, Any] = field(default_factory=dict)  # per-kind scratch (subnets carved, ...)
    by_name: dict[str, IRResource] = field(default_factory=dict)
    # reverse indexes built once, so no emitter scans every resource (10,000-resource inputs)
    on_network: dict[str, list[IRResource]] = field(default_factory=dict)
    targeted_by: dict[str, list[IRResource]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = self.ir.by_name
        for r in self.ir.resources:
            net = r.attrs.get("network")
            if isinstance(net, dict) and "ref" in net:
                self.on_network.setdefault(net["ref"], []).append(r)
            if r.kind == "load_balancer":
                for t in r.attrs.get("targets") or []:
                    self.targeted_by.setdefault(t["ref"], []).append(r)

    @property
    def deployment(self) -> str:
        return self.ir.deployment.name

    # ---- diagnostics -------------------------------------------------------------------
    def diag(self, code: str, span: Span | None, **fields: object) -> None:
        self.diagnostics.append(diag(code, span, **fields))

    # ---- names -------------------------------------------------------------------------
    def name_expr(self, rule: str, resource: str, extra: str = "") -> str:
        """`concat(parameters('namePrefix'), '<tail>')`: a service-valid, deterministic name."""
        return "concat(parameters('namePrefix'), " + q(names.tail(rule, self.deployment, resource, extra)) + ")"

    # ---- resources ---------------------------------------------------------------------
    def resource(self, type_: str, name: str, *, props: dict[str, Any] | None = None, location: bool | str = True,
                 tags: dict[str, Any] | None | bool = True, depends: list[str] | tuple[str, ...] = (),
                 **extra: Any) -> dict[str, Any]:
        """Add one ARM resource. `name` is the full ARM name value; `depends` are resourceId expressions."""
        res: dict[str, Any] = {"type": type_, "apiVersion": API[type_], "name": name}
        if location is True:
            res["location"] = "[parameters('location')]"
        elif isinstance(location, str):
            res["location"] = location
        if tags is True:
            res["tags"] = "[parameters('tags')]"
        elif isinstance(tags, (dict, str)):
            res["tags"] = tags
        res.update(extra)
        if depends:
            res["dependsOn"] = sorted({x(d) if not d.startswith("[") else d for d in depends})
        if props is not None:
            res["properties"] = props
        ordered = {k: res[k] for k in _RESOURCE_KEYS if k in res}
        ordered.update({k: v for k, v in res.items() if k not in ordered})
        self.resources.append(ordered)
        return ordered

    def tags_for(self, r: IRResource) -> Any:
        extra = tags_vocab.resource_tags(r)  # the vocabulary every backend shares (backends/tags.py)
        args = ", ".join(q(k) + ", " + q(v) for k, v in extra.items())
        return x(f"union(parameters('tags'), createObject({args}))")

    def deps_of(self, r: IRResource, *, skip: tuple[str, ...] = ()) -> list[str]:
        """resourceId expressions of everything `r` depends on in the graph (direct edges)."""
        out = []
        for dep in sorted(self.graph.successors(r.name)):
            if dep in skip or (r.name, dep) in self.reversed_edges:
                continue
            ref = self.primary.get(dep)
            if ref is not None:
                out.append(ref.id)
        return out

    def ref_target(self, r: IRResource, attr: str) -> tuple[str, str | None] | None:
        v = r.get(attr)
        if isinstance(v, dict) and "ref" in v:
            return v["ref"], v.get("member")
        return None

    def param(self, name: str, spec: dict[str, Any]) -> str:
        self.parameters.setdefault(name, spec)
        return f"parameters({q(name)})"

    def output(self, name: str, type_: str, value: str) -> None:
        self.outputs[name] = {"type": type_, "value": value}
