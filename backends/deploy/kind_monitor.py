"""monitor -> CloudWatch through boto3, as main.tf declares it: the alarm topic (KMS-encrypted) and
its e-mail subscription, one metric alarm per watched resource and objective, the dashboard, and
with `prometheus = true` an Amazon Managed Prometheus workspace and a Managed Grafana workspace."""

from __future__ import annotations

import json
from typing import Any

from autodeploy.backends import monitoring as mon
from autodeploy.backends.aws import monitoring as facts
from autodeploy.backends.aws import names

from .cloud import error_code, ignore_missing, is_not_found, unsupported_api
from .providers import PROVIDERS, Ctx, Provider, provider


def _dimensions(kind: str, phys: dict[str, Any]) -> dict[str, str] | None:
    """The deployed resource's dimension values (what main.tf's references resolve to): the watched
    kind's provider reads them from its phys (`Provider.dimensions`); None: nothing of it is alarmed."""
    p = PROVIDERS.get(kind)
    if p is None or p.dimensions is None:
        return None
    got = p.dimensions(phys)
    return {d: got.get(d) or facts.FIXED_DIMENSIONS.get((kind, d), "") for d in facts.DIMENSIONS[kind]}


def alarms(ctx: Ctx) -> list[tuple[str, str, dict[str, Any], facts.Metric, dict[str, str]]]:
    """(target, objective, objective value, metric, dimensions) of every alarm, in emit order."""
    r = ctx.resource
    out = []
    for w in r.get("watch") or []:
        t = ctx.targets.get(w["ref"])
        phys = ctx.refs.get(w["ref"])
        if t is None or phys is None:
            continue
        for objective, obj in mon.objectives(r):
            m = facts.METRICS.get((t.kind, objective))
            dims = _dimensions(t.kind, phys)
            if m is not None and dims is not None:
                out.append((t.name, objective, obj, m, dims))
    return out


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    sns, cw = ctx.c("sns"), ctx.c("cloudwatch")
    key = ctx.kms_key() or ("alias/aws/sns" if a["encryption"] is not False else None)
    attrs = {"KmsMasterKeyId": key} if key else {}
    topic = sns.create_topic(Name=facts.topic_name(ctx.deployment, ctx.name), Attributes=attrs,
                             Tags=ctx.tag_list())["TopicArn"]
    phys["topic"] = topic
    if a.get("email"):
        phys["subscription"] = sns.subscribe(TopicArn=topic, Protocol="email", Endpoint=a["email"],
                                             ReturnSubscriptionArn=True)["SubscriptionArn"]
    phys["alarms"] = []
    widgets: list[dict[str, Any]] = []
    for target, objective, obj, m, dims in alarms(ctx):
        t = ctx.targets[target]
        name = facts.alarm_name(ctx.deployment, target, objective)
        kwargs: dict[str, Any] = dict(
            AlarmName=name, AlarmDescription=facts.description(t.kind, target, objective, obj),
            ComparisonOperator=facts.comparison(obj), Threshold=float(facts.threshold(obj, m)),
            EvaluationPeriods=facts.PERIODS, DatapointsToAlarm=facts.PERIODS, TreatMissingData="notBreaching",
            AlarmActions=[topic], OKActions=[topic], Tags=ctx.tag_list())
        dim_list = [{"Name": k, "Value": v} for k, v in dims.items()]
        if m.ratio_of:
            kwargs["Metrics"] = [
                {"Id": "rate", "Expression": facts.RATIO_EXPRESSION, "Label": f"{m.name} %", "ReturnData": True},
                {"Id": "errors", "ReturnData": False, "MetricStat": {"Metric": {
                    "Namespace": m.namespace, "MetricName": m.name, "Dimensions": dim_list},
                    "Period": facts.PERIOD, "Stat": "Sum"}},
                {"Id": "total", "ReturnData": False, "MetricStat": {"Metric": {
                    "Namespace": m.namespace, "MetricName": m.ratio_of, "Dimensions": dim_list},
                    "Period": facts.PERIOD, "Stat": "Sum"}}]
        else:
            how, stat = facts.statistic(obj, m)
            kwargs.update(Namespace=m.namespace, MetricName=m.name, Period=facts.PERIOD, Dimensions=dim_list)
            kwargs["ExtendedStatistic" if how == "extended" else "Statistic"] = stat
        cw.put_metric_alarm(**kwargs)
        phys["alarms"].append(name)
        widgets.append(facts.widget(m, f"{target}: {objective}", dims, ctx.cloud.region, len(widgets)))
    if a["dashboard"] and widgets:
        dashboard = names.prefixed(ctx.deployment, ctx.name)
        cw.put_dashboard(DashboardName=dashboard, DashboardBody=json.dumps({"widgets": widgets}))
        phys["dashboard"] = dashboard
    if a["prometheus"]:
        ws = ctx.c("amp").create_workspace(alias=names.prefixed(ctx.deployment, ctx.name), tags=ctx.tags)
        phys["prometheus"] = ws["workspaceId"]
        try:
            g = ctx.c("grafana").create_workspace(
                workspaceName=names.prefixed(ctx.deployment, ctx.name), accountAccessType="CURRENT_ACCOUNT",
                authenticationProviders=["AWS_SSO"], permissionType="SERVICE_MANAGED",
                workspaceDataSources=["CLOUDWATCH", "PROMETHEUS"], tags=ctx.tags)
            phys["grafana"] = g["workspace"]["id"]
        except Exception as exc:  # noqa: BLE001
            # moto has no Grafana backend: its server answers HTTP 500 (a real endpoint never does so for this)
            if unsupported_api(exc) is None and error_code(exc)[0] != "500":
                raise
            ctx.warn_feature("prometheus", "the endpoint has no Amazon Managed Grafana API; the Prometheus "
                             "workspace was created, Grafana was not", "create it with Terraform (main.tf)")


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    cw = ctx.c("cloudwatch")
    if phys.get("alarms"):
        cw.delete_alarms(AlarmNames=list(phys["alarms"]))
    if phys.get("dashboard"):
        ignore_missing(cw.delete_dashboards, DashboardNames=[phys["dashboard"]])
    if phys.get("grafana"):
        ignore_missing(ctx.c("grafana").delete_workspace, workspaceId=phys["grafana"])
    if phys.get("prometheus"):
        ignore_missing(ctx.c("amp").delete_workspace, workspaceId=phys["prometheus"])
    if phys.get("subscription") and phys["subscription"].startswith("arn:"):
        ignore_missing(ctx.c("sns").unsubscribe, SubscriptionArn=phys["subscription"])
    if phys.get("topic"):
        ignore_missing(ctx.c("sns").delete_topic, TopicArn=phys["topic"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        ctx.c("sns").get_topic_attributes(TopicArn=phys["topic"])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    wanted = list(phys.get("alarms", []))
    found = {a["AlarmName"] for a in ctx.c("cloudwatch").describe_alarms(AlarmNames=wanted)["MetricAlarms"]}
    # which alarms exist follows from the watched kinds, recorded in phys at create: drift is one gone
    return {"missing_alarms": sorted(set(wanted) - found)}


def expected(r: Any) -> dict[str, Any]:
    return {"missing_alarms": []}


provider(Provider("monitor", create, delete, read, expected))
