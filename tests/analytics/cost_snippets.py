"""Test snippets of the cost tests: the network their placed resources need (ADL1080)."""

from __future__ import annotations


def placed(src: str) -> str:
    """Declare the network the snippets' VMs, services, databases and caches sit in; no NAT
    gateway and no flow logs, so it adds no cost line to the figures under test."""
    if "network = n" in src and "network n " not in src:
        src += "\nnetwork n { nat_gateways = 0  flow_logs = false }\n"
    return src
