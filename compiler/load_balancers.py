"""Which load_balancers stand in front of which resources: one graph query for every layer.

Terraform (backends/terraform), deploy (backends/deploy, through backends/aws/service.py), pricing
(analytics/pricing_aws.py) and the api_gateway check all ask here whether a service sits behind a
load balancer, so they cannot disagree about it (they used to compute it three times). A service
that no load_balancer targets and that is exposed over http/https gets a load balancer of its own
on AWS; one that some load_balancer targets sits behind those only."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .ir import IR, IRResource

# the `expose` values that give a service no load_balancer targets a load balancer of its own
OWN_LB_EXPOSE = ("http", "https")

Fronts = Mapping[str, tuple[str, ...]]


def fronts(resources: Iterable[IRResource]) -> dict[str, tuple[str, ...]]:
    """target name -> the load_balancers whose `targets` name it, sorted by name (main.tf's order,
    the order deploy attaches them in). One pass over the resources."""
    out: dict[str, set[str]] = {}
    for r in resources:
        if r.kind != "load_balancer":
            continue
        for t in r.get("targets") or []:
            if isinstance(t, dict) and isinstance(t.get("ref"), str):
                out.setdefault(t["ref"], set()).add(r.name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


_MEMO: dict[int, tuple[IR, dict[str, tuple[str, ...]]]] = {}


def fronts_of_ir(ir: IR) -> Fronts:
    """`fronts(ir.resources)`, computed once per IR (a 10,000-resource file stays linear when every
    service asks). Keyed by identity; only the latest IR is kept."""
    hit = _MEMO.get(id(ir))
    if hit is None or hit[0] is not ir:
        _MEMO.clear()
        hit = _MEMO[id(ir)] = (ir, fronts(ir.resources))
    return hit[1]


def load_balancers_of(name: str, index: Fronts) -> tuple[str, ...]:
    """The load_balancers in front of resource `name`, sorted by name."""
    return index.get(name, ())


def own_load_balancer(r: IRResource, index: Fronts) -> bool:
    """Whether service `r` gets a load balancer of its own: exposed over http/https and no
    load_balancer targets it (an explicit load_balancer wins and forwards to the service)."""
    return r.kind == "service" and r.get("expose") in OWN_LB_EXPOSE and not index.get(r.name)


def behind_load_balancer(r: IRResource, index: Fronts) -> bool:
    """Whether requests reach `r` through some load balancer: a targeting one, or its own."""
    return bool(index.get(r.name)) or own_load_balancer(r, index)


# the kind whose `targets` reach a service through the service's load balancer (an HTTP proxy to
# its address), so it depends on that load balancer as well as on the service
_REACHES_THROUGH_LB = "api_gateway"


def entry_load_balancer(name: str, index: Fronts) -> str | None:
    """The load_balancer a caller reaching service `name` through a load balancer goes through (an
    api_gateway's HTTP proxy): the first targeting it by name; None when none does (its own ALB, if
    it has one, is part of the service)."""
    lbs = index.get(name, ())
    return lbs[0] if lbs else None


def implied_dependencies(r: IRResource, by_name: Mapping[str, IRResource], index: Fronts) -> list[tuple[str, str]]:
    """(load_balancer, attribute) edges `r` has beyond its references: an api_gateway's service
    target is reached at the address of the load_balancer in front of it, which must exist first
    (main.tf's `aws_lb.<lb>.dns_name` orders Terraform alike; the graph orders deploy)."""
    if r.kind != _REACHES_THROUGH_LB:
        return []
    out: list[tuple[str, str]] = []
    for t in r.get("targets") or []:
        target = by_name.get(t["ref"]) if isinstance(t, dict) and isinstance(t.get("ref"), str) else None
        if target is not None and target.kind == "service":
            lb = entry_load_balancer(target.name, index)
            if lb is not None and (lb, "targets") not in out:
                out.append((lb, "targets"))
    return out
