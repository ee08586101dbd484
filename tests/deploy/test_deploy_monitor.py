"""monitor on CloudWatch against a real moto server: apply creates the encrypted alarm topic, one
alarm per watched resource and objective (threshold in the metric's unit, comparison from the
objective, percentile as an extended statistic, error rate as metric math), the dashboard and the
Prometheus workspace -- with main.tf's names; drift reports a deleted alarm; destroy removes it all."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import hcl2
from moto_server import moto, moto_server  # noqa: F401

from autodeploy.backends.deploy import engine
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import Cloud
from autodeploy.backends.terraform import emit_terraform
from autodeploy.compiler import compile_source

SRC = """deployment shop { region = "us-east-1" }
queue jobs {}
function worker { trigger = jobs }
monitor ops {
  watch      = [jobs, worker]
  latency    = p99 < 300 ms
  errors     = < 1 %
  backlog    = <= 1000
  email      = "ops@example.com"
  prometheus = true
}
"""


def test_monitor_apply_drift_destroy(moto, tmp_path: Path) -> None:  # noqa: F811
    result = compile_source(SRC, "shop.adl")
    assert result.ir is not None and result.graph is not None, result.render()
    cloud = Cloud("us-east-1", moto.endpoint)
    state = st.load(str(tmp_path / "s.json"), "shop", "us-east-1", moto.endpoint)
    out = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
    assert out.exit_code == 0, [d.message for d in out.diagnostics]
    assert sorted(out.created) == ["jobs", "ops", "worker"]
    # moto has no Managed Grafana: said once, never silent
    assert [(d.code, "Grafana" in d.message) for d in out.diagnostics] == [("ADL5106", True)]

    cw = boto3.client("cloudwatch", endpoint_url=moto.endpoint, region_name="us-east-1")
    alarms = {a["AlarmName"]: a for a in cw.describe_alarms()["MetricAlarms"]}
    # main.tf declares the same alarms, by the same names
    tf = hcl2.loads(emit_terraform(result.ir, result.graph).files["main.tf"])
    declared = sorted(body["alarm_name"].replace("${var.name_prefix}", "shop")
                      for block in tf["resource"] for rtype, labels in block.items()
                      if rtype == "aws_cloudwatch_metric_alarm" for body in labels.values())
    assert sorted(alarms) == declared == ["shop-jobs-backlog", "shop-jobs-latency", "shop-worker-errors",
                                          "shop-worker-latency"]
    lat = alarms["shop-jobs-latency"]
    assert (lat["MetricName"], lat["ExtendedStatistic"], lat["Threshold"]) == (
        "ApproximateAgeOfOldestMessage", "p99", 0.3)  # 300 ms in the metric's seconds
    assert lat["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert lat["Dimensions"] == [{"Name": "QueueName", "Value": "shop-jobs"}]
    backlog = alarms["shop-jobs-backlog"]
    assert (backlog["Statistic"], backlog["ComparisonOperator"], backlog["Threshold"]) == (
        "Maximum", "GreaterThanThreshold", 1000.0)  # `<=` fires only above the bound
    errors = cw.describe_alarms(AlarmNames=["shop-worker-errors"])["MetricAlarms"][0]
    assert [m["Id"] for m in errors["Metrics"]] == ["rate", "errors", "total"]
    assert errors["Metrics"][0]["Expression"] == "100 * errors / total" and errors["Threshold"] == 1.0
    topic = state.resources["ops"]["physical"]["topic"]
    assert all(a["AlarmActions"] == [topic] for a in alarms.values())
    sns = boto3.client("sns", endpoint_url=moto.endpoint, region_name="us-east-1")
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"]["KmsMasterKeyId"] == "alias/aws/sns"
    board = json.loads(cw.get_dashboard(DashboardName="shop-ops")["DashboardBody"])
    assert [w["properties"]["title"] for w in board["widgets"]] == [
        "jobs: latency", "jobs: backlog", "worker: latency", "worker: errors"]
    amp = boto3.client("amp", endpoint_url=moto.endpoint, region_name="us-east-1")
    assert [w["alias"] for w in amp.list_workspaces()["workspaces"]] == ["shop-ops"]

    cw.delete_alarms(AlarmNames=["shop-jobs-backlog"])
    found, _ = engine.drift(state, cloud, lambda _: None)
    assert [(d.name, d.changes) for d in found] == [("ops", (("missing_alarms", [], ["shop-jobs-backlog"]),))]

    gone = engine.destroy(state, cloud, lambda _: None)
    assert gone.exit_code == 0, [d.message for d in gone.diagnostics]
    assert cw.describe_alarms()["MetricAlarms"] == [] and cw.list_dashboards()["DashboardEntries"] == []
    assert amp.list_workspaces()["workspaces"] == [] or all(
        w["status"]["statusCode"] == "DELETING" for w in amp.list_workspaces()["workspaces"])


def test_alarm_dimensions_come_from_the_watched_resources_record(moto, tmp_path: Path) -> None:  # noqa: F811
    """A table's alarm names the deployed table (its provider's `dimensions`) and the fixed operation."""
    src = 'deployment shop { region = "us-east-1" }\ntable orders {}\nmonitor ops {\n  watch   = [orders]\n' \
          '  latency = p99 < 50 ms\n}\n'
    result = compile_source(src, "shop.adl")
    assert result.ir is not None and result.graph is not None, result.render()
    cloud = Cloud("us-east-1", moto.endpoint)
    state = st.load(str(tmp_path / "s.json"), "shop", "us-east-1", moto.endpoint)
    out = engine.apply(result.ir, result.graph, state, cloud, lambda _: None)
    assert out.exit_code == 0, [d.message for d in out.diagnostics]
    cw = boto3.client("cloudwatch", endpoint_url=moto.endpoint, region_name="us-east-1")
    [alarm] = cw.describe_alarms()["MetricAlarms"]
    table = state.resources["orders"]["physical"]["table"]
    assert table and alarm["Dimensions"] == [{"Name": "TableName", "Value": table},
                                             {"Name": "Operation", "Value": "GetItem"}]
    assert engine.destroy(state, cloud, lambda _: None).exit_code == 0


def test_every_alarmed_kind_says_where_its_dimensions_are() -> None:
    """Each kind a monitor can alarm on reads its own CloudWatch dimension values from its phys (its
    provider's `dimensions`): all the names its metrics carry but the fixed ones, nothing else."""
    from autodeploy.backends.aws import monitoring as facts
    from autodeploy.backends.deploy.providers import PROVIDERS
    from autodeploy.compiler.kinds_platforms import ALARMED

    alarmed = {k for k, _ in ALARMED["aws"]}
    assert alarmed == set(facts.DIMENSIONS)
    for kind in alarmed:
        dims = PROVIDERS[kind].dimensions
        assert dims is not None, kind
        fixed = {d for k, d in facts.FIXED_DIMENSIONS if k == kind}
        assert set(dims({})) | fixed == set(facts.DIMENSIONS[kind]), kind
    assert not [k for k in PROVIDERS if k not in alarmed and PROVIDERS[k].dimensions is not None]
