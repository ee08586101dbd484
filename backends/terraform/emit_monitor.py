"""monitor -> CloudWatch: one metric alarm per watched resource and stated objective (alarming when
the objective is not met, three one-minute periods in a row), a KMS-encrypted SNS topic the alarms
notify (with an e-mail subscription), one dashboard of the alarmed metrics, and with
`prometheus = true` an Amazon Managed Prometheus workspace and an Amazon Managed Grafana workspace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autodeploy.backends import monitoring as mon
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Call, Expr, ref
from .registry import TERRAFORM


@dataclass(frozen=True)
class Metric:
    namespace: str
    name: str
    scale: float = 1.0  # objective unit (ms, %) -> the metric's unit (TargetResponseTime is in seconds)
    ratio_of: str = ""  # errors: 100 * name / ratio_of (both summed)
    fixed_stat: str = ""  # a metric with one meaningful statistic (backlog: Maximum)


def _dims(ctx: TfCtx, t: IRResource) -> dict[str, Any] | None:
    n = t.name
    match t.kind:
        case "function":
            return {"FunctionName": ref("aws_lambda_function", n, "function_name")}
        case "queue":
            return {"QueueName": ref("aws_sqs_queue", n, "name")}
        case "database":
            return {"DBInstanceIdentifier": ref("aws_db_instance", n, "identifier")}
        case "table":
            return {"TableName": ref("aws_dynamodb_table", n, "name"), "Operation": "GetItem"}
        case "load_balancer":
            return {"LoadBalancer": ref("aws_lb", n, "arn_suffix")}
        case "service":
            return {"ClusterName": ref("aws_ecs_cluster", "main", "name"),
                    "ServiceName": ref("aws_ecs_service", n, "name")}
    return None


# (kind, objective) -> the CloudWatch metric; a pair not listed has none (ADL5300)
METRICS: dict[tuple[str, str], Metric] = {
    ("function", "latency"): Metric("AWS/Lambda", "Duration"),
    ("function", "errors"): Metric("AWS/Lambda", "Errors", ratio_of="Invocations"),
    ("load_balancer", "latency"): Metric("AWS/ApplicationELB", "TargetResponseTime", scale=0.001),
    ("load_balancer", "errors"): Metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ratio_of="RequestCount"),
    ("service", "saturation"): Metric("AWS/ECS", "CPUUtilization"),
    ("database", "saturation"): Metric("AWS/RDS", "CPUUtilization"),
    ("database", "latency"): Metric("AWS/RDS", "ReadLatency", scale=0.001),
    ("queue", "latency"): Metric("AWS/SQS", "ApproximateAgeOfOldestMessage", scale=0.001),
    ("queue", "backlog"): Metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", fixed_stat="Maximum"),
    ("table", "latency"): Metric("AWS/DynamoDB", "SuccessfulRequestLatency"),
}
_STATS = {"avg": "Average", "max": "Maximum"}


def _alarm(ctx: TfCtx, r: IRResource, t: IRResource, objective: str, obj: dict[str, Any], m: Metric,
           topic: Expr) -> str:
    label = f"{r.name}_{t.name}_{objective}"
    dims = _dims(ctx, t)
    body: dict[str, Any] = {
        "alarm_name": ctx.name(f"{t.name}-{objective}"),
        "alarm_description": f"{objective} of {t.kind} {t.name}: objective {mon.text(obj, mon.UNITS[objective])}",
        # the objective is an upper bound: the alarm fires when the metric reaches it (`<`) or passes it (`<=`)
        "comparison_operator": "GreaterThanOrEqualToThreshold" if obj["op"] == "<" else "GreaterThanThreshold",
        "threshold": obj["value"] * m.scale if m.scale != 1 else obj["value"],
        "evaluation_periods": 3,
        "datapoints_to_alarm": 3,
        "treat_missing_data": "notBreaching",
        "alarm_actions": [topic],
        "ok_actions": [topic],
        "tags": ctx.tags(r),
    }
    if m.ratio_of:
        body["metric_query"] = [
            Block({"id": "rate", "expression": "100 * errors / total", "label": f"{m.name} %",
                   "return_data": True}),
            Block({"id": "errors", "metric": Block({"namespace": m.namespace, "metric_name": m.name, "period": 60,
                                                    "stat": "Sum", "dimensions": dims})}),
            Block({"id": "total", "metric": Block({"namespace": m.namespace, "metric_name": m.ratio_of,
                                                   "period": 60, "stat": "Sum", "dimensions": dims})}),
        ]
    else:
        stat = m.fixed_stat or obj.get("stat") or "Average"
        body.update({"namespace": m.namespace, "metric_name": m.name, "period": 60, "dimensions": dims})
        if stat.startswith("p"):
            body["extended_statistic"] = stat
        else:
            body["statistic"] = _STATS.get(stat, stat)
    ctx.resource("aws_cloudwatch_metric_alarm", label, body)
    return label


def _widget(m: Metric, t: IRResource, dims: dict[str, Any], objective: str, i: int) -> dict[str, Any]:
    metric: list[Any] = [m.namespace, m.name]
    for k, v in dims.items():
        metric += [k, v]
    return {"type": "metric", "x": (i % 2) * 12, "y": (i // 2) * 6, "width": 12, "height": 6,
            "properties": {"title": f"{t.name}: {objective}", "region": Expr("var.region"), "period": 60,
                           "stat": m.fixed_stat or "Average", "metrics": [metric]}}


@TERRAFORM.register("monitor", primary=("aws_sns_topic",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    key = ctx.key_arn(r)
    ctx.resource("aws_sns_topic", n, {
        "name": ctx.name(f"{n}-alarms"),
        "kms_master_key_id": key if key is not None else ("alias/aws/sns" if ctx.encrypted(r) else None),
        "tags": ctx.tags(r),
    })
    topic = ref("aws_sns_topic", n, "arn")
    if r.get("email"):
        ctx.resource("aws_sns_topic_subscription", f"{n}_email", {
            "topic_arn": topic, "protocol": "email", "endpoint": r.get("email")})
    widgets: list[dict[str, Any]] = []
    for t in mon.watched(ctx.ir, r):
        for objective, obj in mon.objectives(r):
            m = METRICS.get((t.kind, objective))
            dims = _dims(ctx, t)
            if m is None or dims is None:
                ctx.diag("ADL5300", r.span_of(objective), name=n, target=t.name, kind=t.kind, cloud="CloudWatch",
                         objective=objective)
                continue
            _alarm(ctx, r, t, objective, obj, m, topic)
            widgets.append(_widget(m, t, dims, objective, len(widgets)))
    if r.get("dashboard") and widgets:
        ctx.resource("aws_cloudwatch_dashboard", n, {
            "dashboard_name": ctx.name(n), "dashboard_body": Call("jsonencode", ({"widgets": widgets},))})
    if r.get("prometheus"):
        ctx.resource("aws_prometheus_workspace", n, {"alias": ctx.name(n), "tags": ctx.tags(r)})
        ctx.role(f"{n}_grafana", "grafana.amazonaws.com", ("service-role/AmazonGrafanaCloudWatchAccess",
                                                          "AmazonPrometheusQueryAccess"))
        ctx.resource("aws_grafana_workspace", n, {
            "name": ctx.name(n),
            "account_access_type": "CURRENT_ACCOUNT",
            "authentication_providers": ["AWS_SSO"],
            "permission_type": "SERVICE_MANAGED",
            "data_sources": ["CLOUDWATCH", "PROMETHEUS"],
            "role_arn": ref("aws_iam_role", f"{n}_grafana", "arn"),
            "tags": ctx.tags(r),
        })
        ctx.output(f"{n}_grafana_endpoint", ref("aws_grafana_workspace", n, "endpoint"),
                   f"Managed Grafana of monitor {n}")
