"""Which load balancers a service sits behind on AWS, and the target groups and listener they
forward with: one model for main.tf (backends/terraform/emit_service.py, emit_load_balancer.py)
and deploy (backends/deploy/kind_service.py, kind_load_balancer.py), so both build the same load
balancers and target groups, under the same names, in the same number.

An exposed service (`expose = http | https`) gets an ALB of its own, `<service>_alb`, only when no
load_balancer targets it: an explicit load_balancer wins and forwards to the service instead (the
question itself is compiler/load_balancers.py's, shared with pricing). A load balancer has one
target group per target, `<label>_<target>`; its listener forwards to the only one, spreads over
several with equal weights, or answers 404 when it has none."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from autodeploy.backends import naming
from autodeploy.compiler import load_balancers as lbq
from autodeploy.compiler.ir import IRResource

# the target group's target type per target kind (main.tf's aws_lb_target_group.target_type)
TARGET_TYPE = {"service": "ip", "vm": "instance", "function": "lambda"}
HEALTH_MATCHER = "200-399"  # an ALB target group's health check accepts any non-error answer
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
NOT_FOUND = "404"  # the listener's fixed response when the load balancer has no target


def cluster_name(deployment: str) -> str:
    """The deployment's one ECS cluster, which all its services share: main.tf's `aws_ecs_cluster.main`,
    named `var.name_prefix` (whose default this is)."""
    return naming.name_prefix(deployment)


# the container deploy named before it took main.tf's name (a task definition recorded without
# `container` holds this one, and a load balancer attached to it must name it)
LEGACY_CONTAINER = "app"


def container_name(service: str) -> str:
    """The name of service `service`'s one container: main.tf's container definition, the
    `load_balancer` blocks of its ECS service, and deploy's task definition alike."""
    return service


# the statement id deploy and main.tf gave every load balancer's invoke permission on a function
# before each load balancer had its own (two on one function collided); a record without
# `lambda_statement` holds this one
LEGACY_LAMBDA_STATEMENT = "AllowLoadBalancer"


def lambda_statement(lb_label: str) -> str:
    """The statement id of load balancer `lb_label`'s permission to invoke a function target: one
    per load balancer, so that several on one function do not collide (at most 100 characters)."""
    sid = f"{LEGACY_LAMBDA_STATEMENT}_{lb_label}"
    if len(sid) <= 100:
        return sid
    return f"{sid[:93]}_{naming.short_hash(lb_label)}"


def targeted_by(service: str, resources: Iterable[IRResource]) -> list[str]:
    """The load_balancers whose `targets` name `service`, sorted by name."""
    return list(lbq.load_balancers_of(service, lbq.fronts(resources)))


def own_alb(r: IRResource, resources: Iterable[IRResource]) -> bool:
    """Whether main.tf gives service `r` an ALB of its own."""
    return lbq.own_load_balancer(r, lbq.fronts(resources))


def alb_label(service: str) -> str:
    """main.tf's label of a service's own ALB (its target group is `<label>_<service>`)."""
    return f"{service}_alb"


def lb_name(deployment: str, label: str) -> str:
    """The physical name main.tf gives the load balancer labelled `label` (32 characters at most)."""
    return naming.short_name(deployment, label)


def target_group_label(lb_label: str, target: str) -> str:
    """main.tf's label of the target group of `target` behind load balancer `lb_label`."""
    return f"{lb_label}_{target}"


def target_group_name(deployment: str, lb_label: str, target: str) -> str:
    """The physical name main.tf gives the target group of `target` behind load balancer `lb_label`."""
    return naming.short_name(deployment, target_group_label(lb_label, target))


def target_port(target: IRResource, lb_port: int) -> int:
    """The port a target group sends to: a service's own port, else the load balancer's."""
    return int(target.get("port")) if target.kind == "service" else lb_port


def protocol(lb_type: str, proto: str) -> str:
    """The listener's and the target groups' protocol: an ALB speaks HTTP(S), an NLB TCP/TLS."""
    tls = proto in ("https", "tls")
    if lb_type == "application":
        return "HTTPS" if tls else "HTTP"
    return "TLS" if tls else "TCP"


def health_path(target: IRResource) -> str:
    return str(target.get("health_path") or "/")


def entry(service: IRResource, by_name: Mapping[str, IRResource], index: lbq.Fronts) -> tuple[str | None, str]:
    """How an api_gateway reaches `service` (main.tf's `service_url`, deploy's integration): the
    load_balancer in front of it (None: the service's own ALB) and the URL scheme it listens with."""
    lb = lbq.entry_load_balancer(service.name, index)
    scheme = (by_name[lb].get("protocol") if lb is not None else service.get("expose")) or "https"
    return lb, "https" if scheme in ("https", "tls") else "http"
