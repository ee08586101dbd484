"""Which load balancers a service sits behind on AWS: one model for main.tf (backends/terraform/
emit_service.py, emit_load_balancer.py) and deploy (backends/deploy/kind_service.py,
kind_load_balancer.py), so both build the same load balancers under the same names.

An exposed service (`expose = http | https`) gets an ALB of its own, `<service>_alb`, only when no
load_balancer targets it: an explicit load_balancer wins and forwards to the service instead."""

from __future__ import annotations

from collections.abc import Iterable

from autodeploy.backends import naming
from autodeploy.compiler.ir import IRResource


def targeted_by(service: str, resources: Iterable[IRResource]) -> list[str]:
    """The load_balancers whose `targets` name `service`, in file order."""
    return [r.name for r in resources if r.kind == "load_balancer"
            and any(t.get("ref") == service for t in r.get("targets") or [])]


def own_alb(r: IRResource, resources: Iterable[IRResource]) -> bool:
    """Whether main.tf gives service `r` an ALB of its own."""
    return r.kind == "service" and r.get("expose") in ("http", "https") and not targeted_by(r.name, resources)


def alb_label(service: str) -> str:
    """main.tf's label of a service's own ALB (its target group is `<label>_<service>`)."""
    return f"{service}_alb"


def lb_name(deployment: str, label: str) -> str:
    """The physical name main.tf gives the load balancer labelled `label` (32 characters at most)."""
    return naming.short_name(deployment, label)


def target_group_name(deployment: str, lb_label: str, target: str) -> str:
    """The physical name main.tf gives the target group of `target` behind load balancer `lb_label`."""
    return naming.short_name(deployment, f"{lb_label}_{target}")
