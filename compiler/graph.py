"""The dependency graph: a thin wrapper over networkx.DiGraph (edges point from a
resource to what it depends on), with deploy order, waves, cycles and blast radius."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .catalogue import diag
from .diagnostics import Diagnostic
from .ir import IR


@dataclass(frozen=True)
class Graph:
    g: nx.DiGraph

    @classmethod
    def from_ir(cls, ir: IR) -> Graph:
        g = nx.DiGraph()
        for r in ir.resources:
            g.add_node(r.name, kind=r.kind)
        for r in ir.resources:
            for ref in r.refs:
                if g.has_edge(r.name, ref.target):
                    g[r.name][ref.target]["attrs"].append(ref.attr)
                else:
                    g.add_edge(r.name, ref.target, attrs=[ref.attr], span=ref.span)
        return cls(g)

    def cycles(self) -> list[list[str]]:
        """Each elementary cycle once, rotated to start at its smallest name."""
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
            closing = self.g[cyc[-1]][cyc[0]]["span"]
            diags.append(diag("ADL2001", closing, cycle=" --> ".join(cyc + [cyc[0]])))
        return diags

    def _deps_first(self) -> nx.DiGraph:
        return self.g.reverse(copy=False)

    def order(self) -> list[str]:
        """Dependencies before dependents; ties broken by name for stable output."""
        return list(nx.lexicographical_topological_sort(self._deps_first()))

    def waves(self) -> list[list[str]]:
        """Generations that can be deployed in parallel."""
        return [sorted(gen) for gen in nx.topological_generations(self._deps_first())]

    def impact(self, name: str) -> list[str]:
        """Everything that (transitively) depends on `name`: its blast radius."""
        return sorted(nx.ancestors(self.g, name))

    def dependencies(self, name: str) -> list[str]:
        return sorted(nx.descendants(self.g, name))

    def to_json(self) -> dict[str, Any]:
        return {
            "nodes": [{"name": n, "kind": self.g.nodes[n]["kind"]} for n in sorted(self.g.nodes)],
            "edges": [
                {"from": a, "to": b, "attrs": sorted(set(d["attrs"]))}
                for a, b, d in sorted(self.g.edges(data=True), key=lambda e: (e[0], e[1]))
            ],
            "waves": self.waves() if nx.is_directed_acyclic_graph(self.g) else None,
        }

    def to_dot(self) -> str:
        lines = ["digraph deployment {", "  rankdir=BT;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for n in sorted(self.g.nodes):
            lines.append(f'  "{n}" [label="{n}\\n({self.g.nodes[n]["kind"]})"];')
        for a, b, d in sorted(self.g.edges(data=True), key=lambda e: (e[0], e[1])):
            lines.append(f'  "{a}" -> "{b}" [label="{", ".join(sorted(set(d["attrs"])))}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"

    def to_mermaid(self) -> str:
        lines = ["graph BT"]
        for n in sorted(self.g.nodes):
            lines.append(f'  {n}["{n} ({self.g.nodes[n]["kind"]})"]')
        for a, b, d in sorted(self.g.edges(data=True), key=lambda e: (e[0], e[1])):
            lines.append(f"  {a} -->|{', '.join(sorted(set(d['attrs'])))}| {b}")
        return "\n".join(lines) + "\n"

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2) + "\n"
