"""monitor (CloudWatch): the alarms Terraform and deploy both build -- which metric stands for an
objective on each watched kind, its dimensions, names, comparison and threshold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autodeploy.backends import monitoring as mon

from . import names


@dataclass(frozen=True)
class Metric:
    namespace: str
    name: str
    scale: float = 1.0  # objective unit (ms, %) -> the metric's unit (TargetResponseTime is in seconds)
    ratio_of: str = ""  # errors: 100 * name / ratio_of (both summed)
    fixed_stat: str = ""  # a metric with one meaningful statistic (backlog: Maximum)


# (kind, objective) -> the CloudWatch metric; a pair not listed has none (ADL5300). Its keys are
# kinds_platforms.ALARMED["aws"] (tests/backends/test_platform_kinds.py holds them equal).
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
# kind -> the dimension names its metrics carry (values: a Terraform reference or a deployed name)
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "function": ("FunctionName",), "queue": ("QueueName",), "database": ("DBInstanceIdentifier",),
    "table": ("TableName", "Operation"), "load_balancer": ("LoadBalancer",), "service": ("ClusterName", "ServiceName"),
}
FIXED_DIMENSIONS = {("table", "Operation"): "GetItem"}
PERIOD, PERIODS = 60, 3
_STATS = {"avg": "Average", "max": "Maximum"}
RATIO_EXPRESSION = "100 * errors / total"


def topic_name(deployment: str, monitor: str) -> str:
    return names.prefixed(deployment, f"{monitor}-alarms")


def alarm_name(deployment: str, target: str, objective: str) -> str:
    return names.prefixed(deployment, f"{target}-{objective}")


def description(kind: str, target: str, objective: str, obj: dict[str, Any]) -> str:
    return f"{objective} of {kind} {target}: objective {mon.text(obj, mon.UNITS[objective])}"


def comparison(obj: dict[str, Any]) -> str:
    """The objective is an upper bound: the alarm fires when the metric reaches it (`<`) or passes it (`<=`)."""
    return "GreaterThanOrEqualToThreshold" if obj["op"] == "<" else "GreaterThanThreshold"


def threshold(obj: dict[str, Any], m: Metric) -> Any:
    return obj["value"] * m.scale if m.scale != 1 else obj["value"]


def statistic(obj: dict[str, Any], m: Metric) -> tuple[str, str]:
    """("extended", "p99") or ("simple", "Average")."""
    stat = m.fixed_stat or obj.get("stat") or "avg"
    return ("extended", stat) if stat.startswith("p") else ("simple", _STATS.get(stat, stat))


def widget(m: Metric, title: str, dims: dict[str, Any], region: Any, i: int) -> dict[str, Any]:
    """Dashboard widget `i` (two per row) of one alarmed metric."""
    metric: list[Any] = [m.namespace, m.name]
    for k, v in dims.items():
        metric += [k, v]
    return {"type": "metric", "x": (i % 2) * 12, "y": (i // 2) * 6, "width": 12, "height": 6,
            "properties": {"title": title, "region": region, "period": PERIOD,
                           "stat": m.fixed_stat or "Average", "metrics": [metric]}}
