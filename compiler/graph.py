"""The dependency graph (edges point from a resource to what it depends on), with deploy order,
waves, cycles and blast radius.

Built once per compile from plain dicts: an acyclic graph (every file that compiles) gets its
order and waves from Kahn's algorithm here, with exactly networkx's results, so compiling,
checking and emitting never import networkx. The networkx.DiGraph (`g`) is built on first use:
cycle listing on a cyclic file, blast radius for deploy, the `graph` command's renderings."""

from __future__ import annotations

import heapq
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import load_balancers
from .catalogue import diag
from .diagnostics import Diagnostic, Span
from .ir import IR

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True, slots=True)
class _Edge:
    attrs: list[str]
    span: Span | None


@dataclass(frozen=True, eq=False)
class Graph:
    # name -> kind, in IR order; then name -> {dependency: edge}, in reference order
    kinds: dict[str, str]
    succ: dict[str, dict[str, _Edge]] = field(repr=False)

    @classmethod
    def from_ir(cls, ir: IR) -> Graph:
        kinds: dict[str, str] = {}
        for r in ir.resources:
            kinds[r.name] = r.kind
        succ: dict[str, dict[str, _Edge]] = {}
        by_name, fronts = ir.by_name, load_balancers.fronts_of_ir(ir)  # once: by_name builds a dict
        for r in ir.resources:
            for ref in r.refs:
                out = succ.setdefault(r.name, {})
                edge = out.get(ref.target)
                if edge is None:
                    out[ref.target] = _Edge([ref.attr], ref.span)
                else:
                    edge.attrs.append(ref.attr)
            # what it depends on without naming it (an api_gateway on the load balancer in front
            # of its service target): compiler/load_balancers.py, the one "behind a load balancer" query
            for target, attr in load_balancers.implied_dependencies(r, by_name, fronts):
                out = succ.setdefault(r.name, {})
                if target not in out:
                    out[target] = _Edge([attr], r.span_of(attr))
        return cls(kinds, succ)

    @cached_property
    def nodes(self) -> list[str]:
        """Every node in networkx's order: the resources, then targets that are no resource."""
        seen = dict.fromkeys(self.kinds)
        for out in self.succ.values():
            for b in out:
                seen.setdefault(b)
        return list(seen)

    @cached_property
    def g(self) -> nx.DiGraph:
        """The same graph as a networkx.DiGraph (imported here, on first use)."""
        import networkx as nx

        g = nx.DiGraph()
        for name, kind in self.kinds.items():
            g.add_node(name, kind=kind)
        for a, out in self.succ.items():
            for b, e in out.items():
                g.add_edge(a, b, attrs=e.attrs, span=e.span)
        return g

    @cached_property
    def _generations(self) -> list[list[str]] | None:
        """Kahn's generations of the deps-first graph (networkx.topological_generations of the
        reversed graph); None when the graph has a cycle."""
        blocked = {a: len(out) for a, out in self.succ.items() if out}  # dependencies not yet placed
        dependents: dict[str, list[str]] = {}
        for a, out in self.succ.items():
            for b in out:
                dependents.setdefault(b, []).append(a)
        gen = [n for n in self.nodes if n not in blocked]
        out_gens: list[list[str]] = []
        while gen:
            out_gens.append(gen)
            nxt = []
            for n in gen:
                for d in dependents.get(n, ()):
                    blocked[d] -= 1
                    if blocked[d] == 0:
                        nxt.append(d)
                        del blocked[d]
            gen = nxt
        return None if blocked else out_gens

    @property
    def acyclic(self) -> bool:
        return self._generations is not None

    def cycles(self) -> list[list[str]]:
        """Each elementary cycle once, rotated to start at its smallest name."""
        if self.acyclic:
            return []
        import networkx as nx

        out: list[list[str]] = []
        for cyc in nx.simple_cycles(self.g):
            i = cyc.index(min(cyc))
            out.append(cyc[i:] + cyc[:i])
        return sorted(out)

    def cycle_diagnostics(self) -> list[Diagnostic]:
        diags = []
        for cyc in self.cycles():
            if len(cyc) == 1:
                continue  # self references are reported by the checker
            closing = self.succ[cyc[-1]][cyc[0]].span
            diags.append(diag("ADL2001", closing, cycle=" --> ".join(cyc + [cyc[0]])))
        return diags

    def successors(self, name: str) -> list[str]:
        """What `name` references directly, in reference order."""
        return list(self.succ.get(name, ()))

    def order(self) -> list[str]:
        """Dependencies before dependents; ties broken by name for stable output."""
        if not self.acyclic:
            import networkx as nx

            return list(nx.lexicographical_topological_sort(self.g.reverse(copy=False)))
        # networkx.lexicographical_topological_sort of the deps-first graph, without networkx
        blocked = {a: len(out) for a, out in self.succ.items() if out}
        dependents: dict[str, list[str]] = {}
        for a, out in self.succ.items():
            for b in out:
                dependents.setdefault(b, []).append(a)
        ready = [n for n in self.nodes if n not in blocked]
        heapq.heapify(ready)
        order: list[str] = []
        while ready:
            n = heapq.heappop(ready)
            order.append(n)
            for d in dependents.get(n, ()):
                blocked[d] -= 1
                if blocked[d] == 0:
                    heapq.heappush(ready, d)
        return order

    def waves(self) -> list[list[str]]:
        """Generations that can be deployed in parallel."""
        gens = self._generations
        if gens is None:
            import networkx as nx

            return [sorted(gen) for gen in nx.topological_generations(self.g.reverse(copy=False))]
        return [sorted(gen) for gen in gens]

    def impact(self, name: str) -> list[str]:
        """Everything that (transitively) depends on `name`: its blast radius."""
        import networkx as nx

        return sorted(nx.ancestors(self.g, name))

    def dependencies(self, name: str) -> list[str]:
        import networkx as nx

        return sorted(nx.descendants(self.g, name))

    def _edges(self) -> list[tuple[str, str, list[str]]]:
        return sorted(((a, b, e.attrs) for a, out in self.succ.items() for b, e in out.items()),
                      key=lambda e: (e[0], e[1]))

    def to_json(self) -> dict[str, Any]:
        return {
            "nodes": [{"name": n, "kind": self.kinds[n]} for n in sorted(self.nodes)],
            "edges": [{"from": a, "to": b, "attrs": sorted(set(attrs))} for a, b, attrs in self._edges()],
            "waves": self.waves() if self.acyclic else None,
        }

    def to_dot(self) -> str:
        lines = ["digraph deployment {", "  rankdir=BT;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for n in sorted(self.nodes):
            lines.append(f'  "{n}" [label="{n}\\n({self.kinds[n]})"];')
        for a, b, attrs in self._edges():
            lines.append(f'  "{a}" -> "{b}" [label="{", ".join(sorted(set(attrs)))}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"

    def to_mermaid(self) -> str:
        lines = ["graph BT"]
        for n in sorted(self.nodes):
            lines.append(f'  {n}["{n} ({self.kinds[n]})"]')
        for a, b, attrs in self._edges():
            lines.append(f"  {a} -->|{', '.join(sorted(set(attrs)))}| {b}")
        return "\n".join(lines) + "\n"

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2) + "\n"
