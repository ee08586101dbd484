"""service -> ECS Fargate: shared cluster, task definition, service, autoscaling, and an
ALB of its own when exposed (http/https) and no load_balancer targets it."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import service as service_facts
from autodeploy.compiler import load_balancers as lbq
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .emit_load_balancer import alb
from .hcl import Block, Call, Expr, Tmpl, ref
from .registry import TERRAFORM

FARGATE_CPU = (256, 512, 1024, 2048, 4096, 8192, 16384)


def _cluster(ctx: TfCtx) -> None:
    if "ecs_cluster" in ctx.flags:
        return
    ctx.flags.add("ecs_cluster")
    ctx.resource("aws_ecs_cluster", "main", {
        "name": Expr("var.name_prefix"),
        "setting": Block({"name": "containerInsights", "value": "enabled"}),
    })


def lbs_targeting(ctx: TfCtx, name: str) -> list[str]:
    return ctx.lbs_of.get(name, [])


@TERRAFORM.register("service", primary=("aws_ecs_service",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    net = ctx.network(r)
    if net is None:
        return
    _cluster(ctx)
    cpu_req = int(round(r.get("cpu") * 1024))
    cpu = next((c for c in FARGATE_CPU if c >= cpu_req), FARGATE_CPU[-1])
    if cpu != cpu_req:
        ctx.diag("ADL5003", r.span_of("cpu"), kind="service", name=n, attr="cpu", value=f"{r.get('cpu')} vcpu",
                 reason=f"Fargate offers fixed CPU sizes; {cpu / 1024:g} vcpu is used",
                 hint="use 0.25, 0.5, 1, 2, 4, 8 or 16 vcpu")
    memory = int(round(r.get("memory") * 1024))
    port = int(r.get("port"))
    sg = ctx.security_group(r, net, port)
    ctx.sg_rule("out", n, "https", "HTTPS to AWS APIs and the image registry", 443, cidr="0.0.0.0/0")
    ctx.log_group(n, Tmpl(f"/ecs/${{var.name_prefix}}/{n}"), 365)
    exec_role = f"{n}_execution"
    ctx.role(exec_role, "ecs-tasks.amazonaws.com", ("service-role/AmazonECSTaskExecutionRolePolicy",))
    ctx.exec_roles[n] = exec_role
    task_role = f"{n}_task"
    ctx.role(task_role, "ecs-tasks.amazonaws.com")
    ctx.roles[n] = task_role
    container: dict[str, Any] = {
        "name": service_facts.container_name(n),
        "image": r.get("image"),
        "essential": True,
        "readonlyRootFilesystem": True,
        "portMappings": [{"containerPort": port, "protocol": "tcp"}],
        "environment": [{"name": k, "value": str(v)} for k, v in sorted((r.get("env") or {}).items())],
        "secrets": [{"name": s["ref"].upper(), "valueFrom": ref("aws_secretsmanager_secret", s["ref"], "arn")}
                    for s in r.get("secrets") or []],
    }
    if r.get("logs"):
        container["logConfiguration"] = {"logDriver": "awslogs", "options": {
            "awslogs-group": ref("aws_cloudwatch_log_group", n, "name"),
            "awslogs-region": Expr("var.region"), "awslogs-stream-prefix": n}}
    ctx.resource("aws_ecs_task_definition", n, {
        "family": ctx.name(n),
        "requires_compatibilities": ["FARGATE"],
        "network_mode": "awsvpc",
        "cpu": str(cpu),
        "memory": str(memory),
        "execution_role_arn": ref("aws_iam_role", exec_role, "arn"),
        "task_role_arn": ref("aws_iam_role", task_role, "arn"),
        "runtime_platform": Block({"operating_system_family": "LINUX",
                                   "cpu_architecture": "ARM64" if r.get("arch") == "arm64" else "X86_64"}),
        "container_definitions": Call("jsonencode", ([container],)),
        "tags": ctx.tags(r),
    })
    replicas = r.get("replicas")
    lbs = [(lb, service_facts.target_group_label(lb, n)) for lb in lbs_targeting(ctx, n)]
    if lbq.own_load_balancer(r, lbq.fronts_of_ir(ctx.ir)):  # no load_balancer targets it (deploy asks too)
        lb_net = (net[0], "public")
        own = service_facts.alb_label(n)
        alb(ctx, r, own, lb_net, True, "application", r.get("expose"),
            443 if r.get("expose") == "https" else 80, [r], False, True, True)
        lbs = [(own, service_facts.target_group_label(own, n))]
    ctx.resource("aws_ecs_service", n, {
        "name": ctx.name(n),
        "cluster": ref("aws_ecs_cluster", "main", "id"),
        "task_definition": ref("aws_ecs_task_definition", n, "arn"),
        "desired_count": replicas["min"],
        "launch_type": "FARGATE",
        "propagate_tags": "SERVICE",
        "network_configuration": Block({"subnets": ctx.subnets(net), "security_groups": [sg],
                                        "assign_public_ip": False}),
        "load_balancer": [Block({"target_group_arn": ref("aws_lb_target_group", tg, "arn"),
                                 "container_name": service_facts.container_name(n), "container_port": port})
                          for _, tg in lbs] or None,
        "deployment_circuit_breaker": Block({"enable": True, "rollback": True}),
        "tags": ctx.tags(r),
    })
    if replicas["max"] > replicas["min"]:
        rid = Tmpl(f"service/${{aws_ecs_cluster.main.name}}/${{aws_ecs_service.{n}.name}}")
        ctx.resource("aws_appautoscaling_target", n, {
            "service_namespace": "ecs", "scalable_dimension": "ecs:service:DesiredCount", "resource_id": rid,
            "min_capacity": replicas["min"], "max_capacity": replicas["max"]})
        ctx.resource("aws_appautoscaling_policy", n, {
            "name": ctx.name(f"{n}-cpu"),
            "policy_type": "TargetTrackingScaling",
            "service_namespace": ref("aws_appautoscaling_target", n, "service_namespace"),
            "scalable_dimension": ref("aws_appautoscaling_target", n, "scalable_dimension"),
            "resource_id": ref("aws_appautoscaling_target", n, "resource_id"),
            "target_tracking_scaling_policy_configuration": Block({
                "target_value": 60,
                "predefined_metric_specification": Block({
                    "predefined_metric_type": "ECSServiceAverageCPUUtilization"})}),
        })
    ctx.output(f"{n}_service_name", ref("aws_ecs_service", n, "name"), f"ECS service name of {n}")
