"""Pricers of the platform kinds (issue 21): kubernetes (EKS / AKS), helm_release and monitor.

Cited rows only (service_prices_more.csv, see analytics/data/SOURCE): the EKS control plane at the
standard-support rate (extended support is a placeholder in the source, so a version's support
window is not priced), node instances from the EC2 / Azure VM tables, the AKS Standard tier."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from autodeploy.compiler.kinds_platforms import ALARMED, RATIO_OBJECTIVES

from .cost import HOURS_PER_MONTH as H
from .cost import Lines
from .pricers import AWS_PRICERS, AZURE_PRICERS
from .prices import Prices, unknown
from .pricing_azure import shared_logs
from .pricing_ec2 import instance_quote
from .pricing_shared import cloudwatch_logs, shared_logs_key, when
from .pricing_shared import fmt as _fmt


def _nodes(res: Any, lines: Lines) -> tuple[int, str]:
    """Expected nodes: the usage file's, else the scaling range's minimum (what runs when idle)."""
    rng = res.get("nodes") or {"min": 0, "max": 0}
    if "nodes" in lines.usage:
        lines.used_override = True
        return int(lines.usage["nodes"]), "nodes from usage"
    lo, hi = int(rng["min"]), int(rng["max"])
    if lo != hi:
        lines.used_default = True
        return lo, f"assumed the minimum {lo} of {lo}..{hi}: set usage `nodes`"
    lines.used_adl = True
    return lo, ""


def _usage(lines: Lines, key: str, what: str) -> tuple[float, str]:
    if key in lines.usage:
        lines.used_override = True
        return float(lines.usage[key]), ""
    lines.used_default = True
    return 0.0, f"assumed 0 {what}: set usage `{key}`"


@AWS_PRICERS.register("kubernetes", logs_key=when("logs"))
def eks(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    lines.add("EKS control plane (standard support)", H, "cluster-hours", p.service("eks.cluster", "hours"),
              "extended-support versions cost more; their price is not cited")
    n, how = _nodes(res, lines)
    inst = str(res.get("node_instance"))
    lines.add(f"Node group instances ({inst} x {n})", n * H, "instance-hours", instance_quote(p, inst, "on_demand"),
              how)
    disk = float(res.get("node_disk") or 0)
    lines.add(f"Node root volumes (gp2, {_fmt(disk)} GB x {n})", Decimal(repr(disk)) * n, "GB-months",
              p.service("eks.node.gp2", "GB-months"), how)
    namespaces = list(res.get("fargate") or [])
    if namespaces:
        vcpu, vnote = _usage(lines, "fargate_vcpu", "vCPU")
        gb, gnote = _usage(lines, "fargate_gb", "GB")
        lines.add(f"Fargate pods vCPU ({', '.join(namespaces)})", Decimal(repr(vcpu)) * H, "vCPU-hours",
                  p.service("eks.fargate.vcpu", "vCPU-hours"), vnote)
        lines.add(f"Fargate pods memory ({', '.join(namespaces)})", Decimal(repr(gb)) * H, "GB-hours",
                  p.service("eks.fargate.gb", "GB-hours"), gnote)
    enc = res.get("encryption")
    if enc is True:
        lines.add("Secrets KMS key (cluster key)", 1, "key-months", p.service("kms.key", "key-months"))
    if res.get("logs"):
        cloudwatch_logs(lines, p, "Control-plane", 365)
    shared_logs_key(res, lines, p, ir)


@AZURE_PRICERS.register("kubernetes")
def aks(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    lines.add("AKS Standard tier (uptime SLA)", H, "cluster-hours", p.service("aks.standard", "hours"))
    n, how = _nodes(res, lines)
    n = max(n, 1)  # an AKS system pool keeps one node
    inst = str(res.get("node_instance"))
    lines.add(f"Node pool VMs ({inst} x {n}, Linux)", n * H, "hours", p.azure_vm(inst), how)
    lines.add(f"Node OS disks ({_fmt(float(res.get('node_disk') or 0))} GB x {n})", n, "disk-months",
              unknown("no cited Azure managed disk price for this size"))
    shared_logs(res, lines, p, ir)


@AWS_PRICERS.register()
def helm_release(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    """A release runs on its cluster's nodes (priced there); what the chart itself creates (load
    balancers, volumes) is not visible before the chart renders, so it is an explicit unknown."""
    cluster = (res.get("cluster") or {}).get("ref", "?")
    lines.add(f"Resources the chart `{res.get('chart')}` creates (beyond pods on `{cluster}`)", 1, "release",
              unknown("a chart's own cloud resources are known only once it renders"))


OBJECTIVES = ("latency", "errors", "saturation", "backlog")


def _alarms(res: Any, ir: Any, cloud: str) -> list[tuple[str, str]]:
    """(watched resource, objective) of every alarm the emitter writes (kinds_platforms.ALARMED)."""
    pairs = ALARMED[cloud]
    out = []
    for w in res.get("watch") or []:
        t = ir.resource(w["ref"]) if isinstance(w, dict) else None
        for objective in OBJECTIVES:
            if t is not None and res.get(objective) is not None and (t.kind, objective) in pairs:
                out.append((t.name, objective))
    return out


@AWS_PRICERS.register("monitor")
def cloudwatch(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    alarms = _alarms(res, ir, "aws")
    n, how = _usage(lines, "notifications", "notifications")
    q = p.service("sns.requests", "1M requests")
    lines.add("Publish requests", lines.per(n, q), "1M requests", q,
              how or "alarm state changes published to the alarm topic")
    metrics = sum(2 if o in RATIO_OBJECTIVES else 1 for _, o in alarms)
    lines.add(f"CloudWatch alarms ({len(alarms)} alarms, {metrics} alarm metrics)", metrics, "alarm metric-months",
              p.service("cloudwatch.alarm", "alarm metric-months"),
              "error-rate alarms divide two metrics (billed as two)" if metrics != len(alarms) else "")
    if res.get("dashboard") and alarms:
        n = lines.value("dashboards", None, 1)
        lines.add("CloudWatch dashboard", n, "dashboard-months", p.service("cloudwatch.dashboard", "dashboard-months"))
    if res.get("prometheus"):
        lines.add("Amazon Managed Prometheus (ingestion, storage, queries)", 1, "workspace",
                  unknown("no cited Amazon Managed Prometheus price"))
        editors = lines.value("grafana_editors", None, 1)
        lines.add(f"Amazon Managed Grafana editors ({_fmt(editors)})", editors, "user-months",
                  p.service("grafana.editor", "user-months"),
                  "" if "grafana_editors" in lines.usage else "assumed 1 editor: set usage `grafana_editors`")


@AZURE_PRICERS.register("monitor")
def azure_monitor(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    alarms = _alarms(res, ir, "azure")
    if res.get("email"):
        n, how = _usage(lines, "notifications", "e-mails")
        lines.add("Alert e-mails (action group)", n, "e-mails", p.service("azmonitor.email", "e-mails"), how)
    lines.add(f"Metric alert rules ({len(alarms)}, one time series each)", len(alarms), "time-series-months",
              p.service("azmonitor.metric_alert", "time-series-months"))
    if res.get("dashboard") or res.get("prometheus"):
        lines.add("Azure Managed Grafana (Standard)", H, "hours", unknown("no cited Azure Managed Grafana price"))
    if res.get("prometheus"):
        lines.add("Azure Monitor workspace (managed Prometheus)", 1, "workspace",
                  unknown("no cited Azure Monitor managed Prometheus price"))
    shared_logs(res, lines, p, ir)
