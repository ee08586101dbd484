"""The dependency graph orders and layers an acyclic file without networkx (compiler/graph.py):
its order, waves and JSON must be exactly networkx's, on the examples, on generated bench files
and on random DAGs (seeded and bounded)."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

from autodeploy.compiler import compile_file, compile_source
from autodeploy.compiler.graph import Graph, _Edge

ROOT = Path(__file__).resolve().parents[2]


def nx_order(g: Graph) -> list[str]:
    return list(nx.lexicographical_topological_sort(g.g.reverse(copy=False)))


def nx_waves(g: Graph) -> list[list[str]]:
    return [sorted(gen) for gen in nx.topological_generations(g.g.reverse(copy=False))]


def same_as_networkx(g: Graph) -> None:
    assert g.acyclic == nx.is_directed_acyclic_graph(g.g)
    assert g.order() == nx_order(g)
    assert g.waves() == nx_waves(g)
    assert list(g.g.nodes) == g.nodes
    for n in g.nodes:
        assert g.successors(n) == list(g.g.successors(n))


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.adl")))
def test_examples_match_networkx(example: str) -> None:
    res = compile_file(ROOT / "examples" / example)
    if res.graph is not None:
        same_as_networkx(res.graph)


def test_generated_bench_file_matches_networkx() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from gen_adl import generate

    res = compile_source(generate(300), "bench.adl")
    assert res.ok and res.graph is not None
    same_as_networkx(res.graph)


def random_graph(rng: random.Random, n: int, cyclic: bool) -> Graph:
    names = [f"r{rng.randrange(10 * n):04d}_{i}" for i in range(n)]
    rng.shuffle(names)
    kinds = {name: rng.choice(("bucket", "queue", "vm")) for name in names}
    succ: dict[str, dict[str, _Edge]] = {}
    for i, a in enumerate(names):
        for _ in range(rng.randrange(4)):
            j = rng.randrange(n) if cyclic else rng.randrange(i + 1, n + 1)
            if j >= n:
                continue
            succ.setdefault(a, {}).setdefault(names[j], _Edge([], None)).attrs.append("uses")
    return Graph(kinds, succ)


@pytest.mark.parametrize("seed", range(40))
def test_random_dags_match_networkx(seed: int) -> None:
    g = random_graph(random.Random(seed), 5 + seed * 3, cyclic=False)
    assert g.acyclic
    same_as_networkx(g)
    assert g.cycles() == []


@pytest.mark.parametrize("seed", range(10))
def test_cyclic_graphs_fall_back_to_networkx(seed: int) -> None:
    g = random_graph(random.Random(1000 + seed), 12, cyclic=True)
    a, b = g.nodes[0], g.nodes[1]  # close a cycle for sure
    g.succ.setdefault(a, {}).setdefault(b, _Edge(["uses"], None))
    g.succ.setdefault(b, {}).setdefault(a, _Edge(["uses"], None))
    g = Graph(g.kinds, g.succ)  # fresh caches
    assert not g.acyclic
    assert g.cycles() == sorted(c[c.index(min(c)):] + c[:c.index(min(c))] for c in nx.simple_cycles(g.g))
    assert [a, b] in g.cycles() or [b, a] in g.cycles()
    with pytest.raises(nx.NetworkXUnfeasible):
        g.order()
    with pytest.raises(nx.NetworkXUnfeasible):
        g.waves()
