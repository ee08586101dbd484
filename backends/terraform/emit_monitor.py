"""monitor -> CloudWatch: one metric alarm per watched resource and stated objective (alarming when
the objective is not met, three one-minute periods in a row), a KMS-encrypted SNS topic the alarms
notify (with an e-mail subscription), one dashboard of the alarmed metrics, and with
`prometheus = true` an Amazon Managed Prometheus workspace and an Amazon Managed Grafana workspace.
What each alarm watches is backends/aws/monitoring.py's, shared with deploy."""

from __future__ import annotations

from typing import Any

from autodeploy.backends import monitoring as mon
from autodeploy.backends.aws import monitoring as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Call, Expr, ref
from .registry import TERRAFORM


def dimensions(t: IRResource) -> dict[str, Any] | None:
    """The watched resource's dimension values as references to what main.tf declares."""
    n = t.name
    refs: dict[str, dict[str, Any]] = {
        "function": {"FunctionName": ref("aws_lambda_function", n, "function_name")},
        "queue": {"QueueName": ref("aws_sqs_queue", n, "name")},
        "database": {"DBInstanceIdentifier": ref("aws_db_instance", n, "identifier")},
        "table": {"TableName": ref("aws_dynamodb_table", n, "name")},
        "load_balancer": {"LoadBalancer": ref("aws_lb", n, "arn_suffix")},
        "service": {"ClusterName": ref("aws_ecs_cluster", "main", "name"),
                    "ServiceName": ref("aws_ecs_service", n, "name")},
    }
    if t.kind not in refs:
        return None
    dims = refs[t.kind]
    return {d: dims.get(d, facts.FIXED_DIMENSIONS.get((t.kind, d))) for d in facts.DIMENSIONS[t.kind]}


def _alarm(ctx: TfCtx, r: IRResource, t: IRResource, objective: str, obj: dict[str, Any], m: facts.Metric,
           dims: dict[str, Any], topic: Expr) -> None:
    body: dict[str, Any] = {
        "alarm_name": ctx.name(f"{t.name}-{objective}"),
        "alarm_description": facts.description(t.kind, t.name, objective, obj),
        "comparison_operator": facts.comparison(obj),
        "threshold": facts.threshold(obj, m),
        "evaluation_periods": facts.PERIODS,
        "datapoints_to_alarm": facts.PERIODS,
        "treat_missing_data": "notBreaching",
        "alarm_actions": [topic],
        "ok_actions": [topic],
        "tags": ctx.tags(r),
    }
    if m.ratio_of:
        body["metric_query"] = [
            Block({"id": "rate", "expression": facts.RATIO_EXPRESSION, "label": f"{m.name} %", "return_data": True}),
            Block({"id": "errors", "metric": Block({"namespace": m.namespace, "metric_name": m.name,
                                                    "period": facts.PERIOD, "stat": "Sum", "dimensions": dims})}),
            Block({"id": "total", "metric": Block({"namespace": m.namespace, "metric_name": m.ratio_of,
                                                   "period": facts.PERIOD, "stat": "Sum", "dimensions": dims})}),
        ]
    else:
        how, stat = facts.statistic(obj, m)
        body.update({"namespace": m.namespace, "metric_name": m.name, "period": facts.PERIOD, "dimensions": dims,
                     "extended_statistic" if how == "extended" else "statistic": stat})
    ctx.resource("aws_cloudwatch_metric_alarm", f"{r.name}_{t.name}_{objective}", body)


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
            m = facts.METRICS.get((t.kind, objective))
            dims = dimensions(t)
            if m is None or dims is None:
                ctx.diag("ADL5300", r.span_of(objective), name=n, target=t.name, kind=t.kind, cloud="CloudWatch",
                         objective=objective)
                continue
            _alarm(ctx, r, t, objective, obj, m, dims, topic)
            widgets.append(facts.widget(m, f"{t.name}: {objective}", dims, Expr("var.region"), len(widgets)))
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
