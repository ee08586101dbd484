"""Test snippets of the cost tests: the network their placed resources need (ADL1080)."""

from __future__ import annotations


def placed(src: str) -> str:
    """Declare the network the snippets' VMs, services, databases and caches sit in; no NAT
    gateway and no flow logs, so it adds no cost line to the figures under test."""
    if "network = n" in src and "network n " not in src:
        src += "\nnetwork n { nat_gateways = 0  flow_logs = false }\n"
    return src


def attach_networks(src: str) -> str:
    """Give every resource the compiler says needs a network (ADL1080) the snippet's network,
    declaring a cost-free one (no NAT gateway, no flow logs) when the snippet has none. The
    resources are found by the compiler's own diagnostic, so the helper follows its rule."""
    from autodeploy.compiler import compile_source

    res = compile_source(src, "snippet.adl")
    spans = [d.span for d in res.diagnostics if d.code == "ADL1080" and d.span is not None]
    if not spans:
        return src
    nets = sorted(r.name for r in res.ir.resources if r.kind == "network") if res.ir else []
    net = nets[0] if nets else "n"
    lines = src.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    # from the last resource to the first, so earlier offsets stay valid
    for sp in sorted(spans, key=lambda s: (s.line, s.col), reverse=True):
        start = offsets[sp.line - 1] + sp.col - 1
        brace = src.index("{", start)
        src = src[:brace + 1] + f" network = {net} " + src[brace + 1:]
    if not nets:
        src += "\nnetwork n { nat_gateways = 0  flow_logs = false }\n"
    return src
