"""Terraform, pricing and deploy agree on which load balancers stand in front of every service (issue
13, round 4, item 4): one query, compiler/load_balancers.py, that all three read.

A bounded, seeded fuzz of files (services exposed internal/http/https, load balancers targeting
random subsets of them) is emitted (main.tf), priced (the cost report) and deployed (the real
providers of backends/deploy against a recording stand-in for the AWS APIs: no endpoint, no
moto, so 40 files take a second). For every service the three must give the same answer: its own
ALB or not, and the target groups it sits behind, by name."""

from __future__ import annotations

import random
import re
from typing import Any

import hcl2
import pytest

from autodeploy.analytics.cost import estimate
from autodeploy.backends.aws import service as lb_facts
from autodeploy.backends.deploy.providers import Ctx, load_all
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_source
from autodeploy.compiler import load_balancers as lbq

SEEDS = range(40)  # bounded and deterministic
OWN_LINE = "(the service's own)"


def _source(rng: random.Random) -> str:
    lines = ['deployment fz { cloud = aws  region = "us-east-1" }',
             'network core { cidr = "10.40.0.0/16"  zones = 2  public_subnets = 2  private_subnets = 2 }']
    services = [f"s{i}" for i in range(rng.randint(1, 4))]
    for i, s in enumerate(services):
        expose = rng.choice(("internal", "http", "https"))
        lines.append(f'service {s} {{ image = "nginx:1.27"  port = {8000 + i}  expose = {expose}  network = core }}')
    for j in range(rng.randint(0, 3)):
        targets = rng.sample(services, rng.randint(0, len(services)))
        proto = rng.choice(("http", "https"))
        lines.append(f"load_balancer l{j} {{ public = true  protocol = {proto}  port = {80 if proto == 'http' else 443}"
                     f"  targets = [{', '.join(targets)}]  network = core.public  access_logs = false"
                     f"  deletion_protection = false }}")
    return "\n".join(lines) + "\n"


class _World:
    """What the recorded AWS calls built: load balancers and target groups by name, each ECS service's
    load balancer list (what `update_service` left)."""

    def __init__(self) -> None:
        self.lbs: list[str] = []
        self.tgs: list[str] = []
        self.service_lbs: dict[str, list[dict[str, Any]]] = {}
        self.n = 0

    def call(self, service: str, method: str, kw: dict[str, Any]) -> dict[str, Any]:
        self.n += 1
        if (service, method) == ("elbv2", "create_load_balancer"):
            self.lbs.append(kw["Name"])
            return {"LoadBalancers": [{"LoadBalancerArn": f"arn:lb/{kw['Name']}", "DNSName": "x.elb"}]}
        if (service, method) == ("elbv2", "create_target_group"):
            self.tgs.append(kw["Name"])
            return {"TargetGroups": [{"TargetGroupArn": f"arn:tg/{kw['Name']}"}]}
        if (service, method) in (("ecs", "create_service"), ("ecs", "update_service")):
            key = kw.get("serviceName") or kw["service"]
            if "loadBalancers" in kw or method == "create_service":
                self.service_lbs[key] = list(kw.get("loadBalancers", []))
            return {}
        if (service, method) == ("ecs", "describe_services"):
            return {"services": [{"status": "ACTIVE", "loadBalancers": self.service_lbs.get(kw["services"][0], [])}]}
        canned = {"create_security_group": {"GroupId": f"sg-{self.n}"},
                  "create_listener": {"Listeners": [{"ListenerArn": f"arn:listener/{self.n}"}]},
                  "request_certificate": {"CertificateArn": f"arn:cert/{self.n}"},
                  "register_task_definition": {"taskDefinition": {"taskDefinitionArn": f"arn:td/{self.n}"}},
                  "create_role": {"Role": {"Arn": f"arn:role/{self.n}"}},
                  "describe_clusters": {"clusters": []}}  # the shared cluster does not exist yet
        return canned.get(method, {})


class _Client:
    def __init__(self, world: _World, service: str) -> None:
        self.world, self.service = world, service

    def __getattr__(self, method: str) -> Any:
        return lambda **kw: self.world.call(self.service, method, kw)


class _Cloud:
    region, account, endpoint = "us-east-1", "123456789012", None

    def __init__(self, world: _World) -> None:
        self.world = world
        self.parts_created: set[str] = set()

    def client(self, service: str, region: str | None = None) -> _Client:
        return _Client(self.world, service)


def _deploy(ir: Any, graph: Any) -> _World:
    """Create every service and load_balancer in graph order with deploy's own providers."""
    world, providers = _World(), load_all()
    refs: dict[str, dict[str, Any]] = {"core": {"vpc_id": "vpc-1", "private_subnets": ["p1", "p2"],
                                                "public_subnets": ["u1", "u2"]}}
    for name in graph.order():
        r = ir.by_name[name]
        if r.kind not in ("service", "load_balancer"):
            continue
        phys: dict[str, Any] = {}
        ctx = Ctx(_Cloud(world), ir.deployment.name, r, {}, refs, targets=dict(ir.by_name))  # type: ignore[arg-type]
        providers[r.kind].create(ctx, phys)
        refs[name] = phys
    return world


def _tf(ir: Any, graph: Any) -> dict[str, dict[str, dict[str, Any]]]:
    doc = hcl2.loads(emit_terraform(ir, graph).files["main.tf"])
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for block in doc.get("resource", []):
        for rtype, body in block.items():
            for label, attrs in body.items():
                out.setdefault(rtype, {})[label] = attrs
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_terraform_pricing_and_deploy_agree_on_what_fronts_each_service(seed: int) -> None:
    src = _source(random.Random(seed))
    res = compile_source(src, "fz.adl")
    assert res.ok and res.ir is not None and res.graph is not None, src + res.render()
    ir, graph = res.ir, res.graph
    tf = _tf(ir, graph)
    priced = {rc.name: rc for rc in estimate(ir, today="2026-12-01").resources}
    world = _deploy(ir, graph)
    tg_name = {label: a["name"] for label, a in tf.get("aws_lb_target_group", {}).items()}
    fronts = lbq.fronts_of_ir(ir)
    for r in (x for x in ir.resources if x.kind == "service"):
        own_label = lb_facts.alb_label(r.name)
        own = lbq.own_load_balancer(r, fronts)
        tf_own = own_label in tf.get("aws_lb", {})
        priced_own = any(OWN_LINE in c.name for c in priced[r.name].components)
        deploy_own = lb_facts.lb_name(ir.deployment.name, own_label) in world.lbs
        assert (tf_own, priced_own, deploy_own) == (own, own, own), (src, r.name)
        # the target groups it sits behind, by name: main.tf's `load_balancer` blocks = deploy's list
        blocks = tf["aws_ecs_service"][r.name].get("load_balancer") or []
        tf_tgs = sorted(tg_name[re.fullmatch(r"\$\{aws_lb_target_group\.(\w+)\.arn\}", b["target_group_arn"])
                                .group(1)] for b in blocks)  # type: ignore[union-attr]
        deployed = sorted(b["targetGroupArn"].removeprefix("arn:tg/") for b in world.service_lbs[r.name])
        assert tf_tgs == deployed, (src, r.name)
        expected = [lb_facts.target_group_name(ir.deployment.name, lb, r.name)
                    for lb in ((own_label,) if own else lbq.load_balancers_of(r.name, fronts))]
        assert deployed == sorted(expected), (src, r.name)
    # and the load balancers and target groups themselves, by count and name
    assert sorted(world.lbs) == sorted(a["name"] for a in tf.get("aws_lb", {}).values()), src
    assert sorted(world.tgs) == sorted(tg_name.values()), src
