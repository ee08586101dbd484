"""service -> ECS cluster + log group + execution role + task definition + Fargate service
(+ an ALB when exposed)."""

from __future__ import annotations

import threading
from typing import Any

from autodeploy.backends.aws import access_logs as log_facts
from autodeploy.backends.aws import names
from autodeploy.backends.aws import service as lb_facts
from autodeploy.compiler import load_balancers

from . import access_logs
from .cloud import ignore_missing, is_not_found
from .iam_util import create_role, delete_role, grant_statements
from .kind_load_balancer import build_alb, container_of, delete_alb, set_service_lbs, target_group_arns
from .providers import Ctx, Provider, provider

# services of one wave are created (and deleted) in parallel: whether the deployment's shared cluster
# exists, and whether a service is the last in it, is asked and acted upon under this lock
_CLUSTER = threading.Lock()
_INSIGHTS = [{"name": "containerInsights", "value": "enabled"}]


def _shared(ctx: Ctx, cluster: str) -> bool:
    """Whether `cluster` is the deployment's shared one (main.tf's); a service recorded before deploy
    shared it has a cluster of its own, which it keeps for life and which goes with it."""
    return cluster == lb_facts.cluster_name(ctx.deployment)


def _ensure_cluster(ctx: Ctx, cluster: str) -> None:
    """Create the cluster unless it is the shared one and already active (CreateCluster on an active
    name would reset it on some endpoints). Called under _CLUSTER."""
    ecs = ctx.c("ecs")
    if _shared(ctx, cluster):
        live = ecs.describe_clusters(clusters=[cluster])["clusters"]
        if any(c.get("status") == "ACTIVE" for c in live):
            return
        # main.tf's cluster carries the deployment's tags only (provider default_tags)
        tags = [{"key": k, "value": v} for k, v in sorted(ctx.deployment_tags.items())]
    else:
        tags = ctx.tag_list("key", "value")
    ecs.create_cluster(clusterName=cluster, tags=tags, settings=_INSIGHTS)


def _others_in(ctx: Ctx, cluster: str, service: str | None) -> bool:
    """Whether an active service other than `service` runs in `cluster`."""
    ecs = ctx.c("ecs")
    arns = [a for page in ecs.get_paginator("list_services").paginate(cluster=cluster) for a in page["serviceArns"]]
    for i in range(0, len(arns), 10):  # DescribeServices takes 10 at a time
        for s in ecs.describe_services(cluster=cluster, services=arns[i:i + 10])["services"]:
            if s.get("status") == "ACTIVE" and s.get("serviceName") != service:
                return True
    return False


def _release_cluster(ctx: Ctx, phys: dict[str, Any]) -> None:
    """The service's cluster goes with it: its own (recorded before) always, the shared one with the
    last service in it, as `terraform destroy` removes aws_ecs_cluster.main after every service."""
    cluster = phys["cluster"]
    with _CLUSTER:
        if _shared(ctx, cluster) and _others_in(ctx, cluster, phys.get("service")):
            return
        ignore_missing(ctx.c("ecs").delete_cluster, cluster=cluster)


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    ecs, ec2 = ctx.c("ecs"), ctx.c("ec2")
    # the deployment's one cluster, main.tf's; a scheme-1 service keeps its own, replacements included
    cluster = ctx.named(lb_facts.cluster_name(ctx.deployment), ctx.pname(limit=255))
    log_group = None
    if a["logs"]:
        log_group = f"/autodeploy/{ctx.deployment}/{ctx.name}"
        ctx.c("logs").create_log_group(logGroupName=log_group, tags=ctx.tags)
        phys["log_group"] = log_group
    exec_arn = create_role(ctx, phys, "exec_role", "exec", "ecs-tasks.amazonaws.com", [
        {"Effect": "Allow", "Resource": "*", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage",
                                                         "ecr:GetDownloadUrlForLayer", "logs:CreateLogStream",
                                                         "logs:PutLogEvents"]}] + grant_statements(ctx, ("secrets",)))
    # the task's own role: its `uses`/`trigger` edges, as main.tf (ECS injects `secrets` with the exec role)
    task_arn = create_role(ctx, phys, "task_role", "task", "ecs-tasks.amazonaws.com", grant_statements(ctx))
    phys["container"] = lb_facts.container_name(ctx.name)  # main.tf's container name
    container: dict[str, Any] = {
        "name": phys["container"], "image": a["image"], "essential": True,
        "portMappings": [{"containerPort": a["port"], "protocol": "tcp"}],
        "environment": [{"name": k, "value": str(v)} for k, v in sorted(a["env"].items())],
        "secrets": [{"name": s["ref"].upper(), "valueFrom": ctx.refs[s["ref"]]["secret_arn"]}
                    for s in a["secrets"] if ctx.refs.get(s["ref"], {}).get("secret_arn")],
        "readonlyRootFilesystem": True}
    if log_group:
        container["logConfiguration"] = {"logDriver": "awslogs", "options": {
            "awslogs-group": log_group, "awslogs-region": ctx.cloud.region, "awslogs-stream-prefix": phys["container"]}}
    td = ecs.register_task_definition(
        # main.tf's family (a scheme-1 service keeps its own cluster's name, as before)
        family=ctx.named(names.prefixed(ctx.deployment, ctx.name), cluster),
        requiresCompatibilities=["FARGATE"], networkMode="awsvpc",
        cpu=str(int(a["cpu"] * 1024)), memory=str(int(a["memory"] * 1024)), executionRoleArn=exec_arn,
        taskRoleArn=task_arn, containerDefinitions=[container], tags=ctx.tag_list("key", "value"),
        runtimePlatform={"cpuArchitecture": "ARM64" if a["arch"] == "arm64" else "X86_64",
                         "operatingSystemFamily": "LINUX"})
    phys["task_definition"] = td["taskDefinition"]["taskDefinitionArn"]
    vpc, subnets = ctx.subnets()
    sg = ec2.create_security_group(GroupName=ctx.pname("svc"), Description="autodeploy service", VpcId=vpc,
                                   TagSpecifications=ctx.tag_spec("security-group"))["GroupId"]
    phys["security_group"] = sg
    svc: dict[str, Any] = dict(
        cluster=cluster, serviceName=ctx.name, taskDefinition=phys["task_definition"],
        desiredCount=a["replicas"]["min"], launchType="FARGATE", tags=ctx.tag_list("key", "value"),
        networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [sg],
                                                      "assignPublicIp": "DISABLED"}})
    # main.tf's own ALB of an exposed service, unless a load_balancer targets it (that one attaches it)
    if lb_facts.own_alb(ctx.resource, ctx.targets.values()):
        tg = _build_own_alb(ctx, phys)
        svc["loadBalancers"] = [{"targetGroupArn": tg, "containerName": phys["container"],
                              "containerPort": a["port"]}]
    with _CLUSTER:  # no parallel delete of the last other service removes the cluster in between
        _ensure_cluster(ctx, cluster)
        phys["cluster"] = cluster
        ecs.create_service(**svc)
        phys["service"] = ctx.name


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    ecs = ctx.c("ecs")
    if phys.get("service"):
        ignore_missing(ecs.delete_service, cluster=phys["cluster"], service=phys["service"], force=True)
    delete_alb(ctx, phys)
    if phys.get("security_group"):
        ignore_missing(ctx.c("ec2").delete_security_group, GroupId=phys["security_group"])
    if phys.get("task_definition"):
        ignore_missing(ecs.deregister_task_definition, taskDefinition=phys["task_definition"])
    delete_role(ctx, phys.get("task_role"))
    delete_role(ctx, phys.get("exec_role"))
    if phys.get("log_group"):
        ignore_missing(ctx.c("logs").delete_log_group, logGroupName=phys["log_group"])
    if phys.get("cluster"):
        _release_cluster(ctx, phys)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        svcs = ctx.c("ecs").describe_services(cluster=phys["cluster"], services=[phys["service"]])["services"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    live = [s for s in svcs if s.get("status") == "ACTIVE"]
    if not live:
        return None
    return {"desired": live[0]["desiredCount"]}


def expected(r: Any) -> dict[str, Any]:
    return {"desired": r.attrs["replicas"]["min"]}


def _build_own_alb(ctx: Ctx, phys: dict[str, Any]) -> str:
    """main.tf's `<service>_alb`: the load balancer, its ingress to the service, its access logs; the
    ARN of its target group."""
    a = ctx.resource.attrs
    build_alb(ctx, phys, label=lb_facts.alb_label(ctx.name), targets=[ctx.resource], public=True,
              protocol=a["expose"], port=443 if a["expose"] == "https" else 80)
    ctx.c("ec2").authorize_security_group_ingress(GroupId=phys["security_group"], IpPermissions=[_from_lb(phys, a)])
    if (logs := log_facts.prefix(ctx.resource, ctx.targets.values())) is not None:
        access_logs.log_alb_to(ctx, phys, logs)  # main.tf's own ALB of an exposed service logs
    return str(phys["target_groups"][ctx.name])


def _from_lb(phys: dict[str, Any], a: dict[str, Any]) -> dict[str, Any]:
    return {"IpProtocol": "tcp", "FromPort": a["port"], "ToPort": a["port"],
            "UserIdGroupPairs": [{"GroupId": phys["lb_security_group"]}]}


# the physical ids of the service's own ALB (build_alb, access logs): what goes when it goes
_OWN_ALB_KEYS = ("lb_arn", "lb_dns", "lb_security_group", "target_groups", "target_group_arn", "listener_arn",
                 "certificate_arn", access_logs.PHYS_KEY)


def has_own_alb(phys: dict[str, Any]) -> bool:
    """Whether the record holds an ALB of the service's own (only that one records `lb_arn` here)."""
    return bool(phys.get("lb_arn"))


def derived(r: Any, ir: Any, phys: dict[str, Any]) -> tuple[str, ...]:
    """What changed although the service's own settings did not: a load_balancer put in front of it
    (or the last one removed) takes its own ALB away (or gives it one), as Terraform would."""
    want = load_balancers.own_load_balancer(r, load_balancers.fronts_of_ir(ir))
    return ("own_alb",) if want != has_own_alb(phys) else ()


def _build_own_alb_again(ctx: Ctx, phys: dict[str, Any]) -> None:
    """The last load_balancer in front went: the service gets its own ALB again, as main.tf declares."""
    if lb_facts.own_alb(ctx.resource, ctx.targets.values()) and not has_own_alb(phys):
        tg = _build_own_alb(ctx, phys)
        set_service_lbs(ctx, phys["cluster"], phys["service"], container_of(phys),
                        add={tg: int(ctx.resource.attrs["port"])})


def _remove_own_alb(ctx: Ctx, phys: dict[str, Any]) -> None:
    """A load_balancer now fronts the service: its own ALB goes, as Terraform destroys it. Run last
    (`settle`): the run has then put the service behind the load_balancer, and a failure before
    leaves the ALB in place for the rollback (which has no way to build it again)."""
    a = ctx.resource.attrs
    if lb_facts.own_alb(ctx.resource, ctx.targets.values()) or not has_own_alb(phys):
        return
    set_service_lbs(ctx, phys["cluster"], phys["service"], container_of(phys), remove=target_group_arns(phys))
    ignore_missing(ctx.c("ec2").revoke_security_group_ingress, GroupId=phys["security_group"],
                   IpPermissions=[_from_lb(phys, a)])
    delete_alb(ctx, phys)
    for key in _OWN_ALB_KEYS:
        phys.pop(key, None)


def update(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    if "own_alb" in changed:
        _build_own_alb_again(ctx, phys)  # its removal waits for `settle`
    ctx.c("ecs").update_service(cluster=phys["cluster"], service=phys["service"],
                                desiredCount=ctx.resource.attrs["replicas"]["min"])


def settle(ctx: Ctx, phys: dict[str, Any], changed: set[str]) -> None:
    if "own_alb" in changed:
        _remove_own_alb(ctx, phys)


def dimensions(phys: dict[str, Any]) -> dict[str, str]:
    """The CloudWatch dimension values of the deployed service (a monitor's alarms on it)."""
    return {"ClusterName": str(phys.get("cluster", "")).rsplit("/", 1)[-1], "ServiceName": phys.get("service", "")}


provider(Provider("service", create, delete, read, expected, update,
                  frozenset({"replicas", "load", "capacity", "tags", "data", "own_alb"}), dimensions=dimensions,
                  derived=derived, settle=settle))
