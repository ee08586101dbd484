"""monitor -> Azure Monitor: an action group (e-mail), one metric alert per watched resource and
stated objective that has a platform metric, the deployment's Log Analytics workspace, a Managed
Grafana (dashboard) and, with `prometheus = true`, an Azure Monitor workspace (managed Prometheus).
Azure metric alerts aggregate by Average/Maximum only: a percentile is alarmed on the Maximum
(ADL5301); an error *rate* needs two metrics, which one static metric alert cannot divide (ADL5300)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autodeploy.backends import monitoring as mon
from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .names import child_name
from .registry import ARM

AGW = "Microsoft.Network/applicationGateways"


@dataclass(frozen=True)
class Metric:
    type_: str  # the ARM type of the watched resource that publishes it
    name: str
    scale: float = 1.0  # objective unit -> metric unit (HttpResponseTime is in seconds)


METRICS: dict[tuple[str, str], Metric] = {
    ("database", "saturation"): Metric("flexibleServers", "cpu_percent"),
    ("function", "latency"): Metric("Microsoft.Web/sites", "HttpResponseTime", scale=0.001),
    ("load_balancer", "latency"): Metric(AGW, "ApplicationGatewayTotalTime"),
}


def _metric(ctx: ArmContext, t: IRResource, objective: str) -> tuple[Metric, Ref] | None:
    m = METRICS.get((t.kind, objective))
    target = ctx.primary.get(t.name)
    if m is None or target is None or not target.type.endswith(m.type_):
        return None
    return m, target


@ARM.register("monitor")
def emit_monitor(ctx: ArmContext, r: IRResource) -> None:
    group = Ref("Microsoft.Insights/actionGroups", (q(child_name(r.name + "-alerts")),))
    ctx.primary[r.name] = group
    receivers = [{"name": "email", "emailAddress": r.get("email"), "useCommonAlertSchema": True}] \
        if r.get("email") else []
    ctx.resource(group.type, group.name, location="Global", tags=ctx.tags_for(r), depends=ctx.deps_of(r),
                 props={"groupShortName": child_name(r.name)[:12], "enabled": True, "emailReceivers": receivers})
    shared.workspace(ctx)  # Log Analytics: every diagnostic setting of the deployment sends to it
    for t in mon.watched(ctx.ir, r):
        for objective, obj in mon.objectives(r):
            found = _metric(ctx, t, objective)
            if found is None:
                ctx.diag("ADL5300", r.span_of(objective), name=r.name, target=t.name, kind=t.kind,
                         cloud="Azure Monitor", objective=objective)
                continue
            m, target = found
            stat = obj.get("stat") or "avg"
            if stat not in ("avg", "max"):
                ctx.diag("ADL5301", r.span_of(objective), name=r.name, objective=objective,
                         text=mon.text(obj, mon.UNITS[objective]),
                         why=f"Azure metric alerts have no percentiles; {stat} is alarmed on the Maximum",
                         hint="write `max` to say so, or use Application Insights for percentiles")
            alert = Ref("Microsoft.Insights/metricAlerts", (q(child_name(f"{r.name}-{t.name}-{objective}")),))
            ctx.resource(alert.type, alert.name, location="global", tags=ctx.tags_for(r),
                         depends=[group.id, target.id], props={
                             "description": f"{objective} of {t.kind} {t.name}: objective "
                                            f"{mon.text(obj, mon.UNITS[objective])}",
                             "severity": 2, "enabled": True, "scopes": [x(target.id)],
                             "evaluationFrequency": "PT1M", "windowSize": "PT5M",
                             "criteria": {
                                 "odata.type": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                                 "allOf": [{
                                     "name": objective, "criterionType": "StaticThresholdCriterion",
                                     "metricName": m.name,
                                     "operator": "GreaterThanOrEqual" if obj["op"] == "<" else "GreaterThan",
                                     "threshold": obj["value"] * m.scale if m.scale != 1 else obj["value"],
                                     "timeAggregation": "Average" if stat == "avg" else "Maximum"}]},
                             "actions": [{"actionGroupId": x(group.id)}]})
    if r.get("dashboard") or r.get("prometheus"):
        grafana = Ref("Microsoft.Dashboard/grafana", (ctx.name_expr("grafana", r.name),))
        props: dict[str, Any] = {"publicNetworkAccess": "Enabled", "zoneRedundancy": "Disabled",
                                 "apiKey": "Disabled", "deterministicOutboundIP": "Disabled"}
        if r.get("prometheus"):
            prom = Ref("Microsoft.Monitor/accounts", (ctx.name_expr("generic", r.name, "prom"),))
            ctx.resource(prom.type, prom.name, tags=ctx.tags_for(r))
            props["grafanaIntegrations"] = {"azureMonitorWorkspaceIntegrations": [
                {"azureMonitorWorkspaceResourceId": x(prom.id)}]}
            deps = [prom.id]
        else:
            deps = []
        ctx.resource(grafana.type, grafana.name, tags=ctx.tags_for(r), depends=deps,
                     sku={"name": "Standard"}, identity={"type": "SystemAssigned"}, props=props)
