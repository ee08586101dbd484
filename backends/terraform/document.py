"""What every Terraform emit run shares, whatever the provider (AWS in this package, Google in
backends/gcp): adding resources, data sources and outputs to the document being built, diagnostics,
the dependency order of the IR and explicit `depends_on` edges."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, Span
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR, IRResource
from autodeploy.compiler.registry import KindRegistry

from .hcl import Expr


class DocumentState:
    """Mixed into each backend's context dataclass, which declares these fields."""

    ir: IR
    resources: list[tuple[str, str, dict[str, Any]]]
    data: list[tuple[str, str, dict[str, Any]]]
    outputs: list[tuple[str, dict[str, Any]]]
    diags: list[Diagnostic]
    bodies: dict[tuple[str, str], dict[str, Any]]
    by_name: dict[str, IRResource]
    _data_seen: set[tuple[str, str]]

    @property
    def deployment(self) -> str:
        return self.ir.deployment.name

    def resource(self, rtype: str, label: str, body: dict[str, Any]) -> Expr:
        self.resources.append((rtype, label, body))
        self.bodies[(rtype, label)] = body
        return Expr(f"{rtype}.{label}")

    def data_source(self, dtype: str, label: str, body: dict[str, Any]) -> Expr:
        if (dtype, label) not in self._data_seen:
            self._data_seen.add((dtype, label))
            self.data.append((dtype, label, body))
        return Expr(f"data.{dtype}.{label}")

    def output(self, name: str, value: Any, description: str, sensitive: bool = False) -> None:
        self.outputs.append((name, {"description": description, "value": value,
                                    "sensitive": True if sensitive else None}))

    def diag(self, code: str, span: Span | None, **fields: object) -> None:
        self.diags.append(diag(code, span, **fields))


def order(ir: IR, graph: Graph | None) -> list[IRResource]:
    """The resources in dependency order (name order when there is no graph or it has a cycle)."""
    by_name = {r.name: r for r in ir.resources}
    try:
        names = graph.order() if graph is not None else sorted(by_name)
    except Exception:  # a cycle: the compiler reported it; fall back to name order
        names = sorted(by_name)
    return [by_name[n] for n in names if n in by_name]


def emit_resources(ctx: DocumentState, registry: KindRegistry[Any], graph: Graph | None) -> None:
    """Every resource, in dependency order, through its kind's emitter in `registry`; a kind the
    registry cannot emit (ADL5007/ADL5008) becomes a diagnostic, the rest of the file still emits."""
    for r in order(ctx.ir, graph):
        problem = registry.problem(r.kind, r.name, r.span)
        if problem is not None:
            ctx.diags.append(problem)
            continue
        registry[r.kind](ctx, r)


def utility_providers(flags: set[str]) -> dict[str, Any]:
    """The helper providers (random passwords, archived code) a run asked for, whatever the cloud."""
    out: dict[str, Any] = {}
    if "random" in flags:
        out["random"] = {"source": "hashicorp/random", "version": "~> 3.6"}
    if "archive" in flags:
        out["archive"] = {"source": "hashicorp/archive", "version": "~> 2.7"}
    return out


def primary(ctx: DocumentState, registry: KindRegistry[Any], r: IRResource) -> tuple[str, dict[str, Any]] | None:
    # the resource types that stand for an ADL resource (explicit `depends_on` edges attach to it)
    for rtype in registry.meta(r.kind).get("primary", ()):
        body = ctx.bodies.get((rtype, r.name))
        if body is not None:
            return f"{rtype}.{r.name}", body
    return None


def explicit_depends_on(ctx: DocumentState, registry: KindRegistry[Any]) -> None:
    for r in ctx.ir.resources:
        deps = [x["ref"] for x in r.get("depends_on") or [] if isinstance(x, dict) and "ref" in x]
        if not deps:
            continue
        mine = primary(ctx, registry, r)
        targets = [primary(ctx, registry, ctx.by_name[d]) for d in deps if d in ctx.by_name]
        if mine is None:
            continue
        body = mine[1]
        existing = list(body.get("depends_on") or [])
        for t in targets:
            if t is not None and all(e.text != t[0] for e in existing):
                existing.append(Expr(t[0]))
        body["depends_on"] = existing
