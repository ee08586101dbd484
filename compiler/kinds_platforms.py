"""Platform kinds (issue 21): Kubernetes clusters, Helm releases on them, and monitoring wired
from the graph. Registered into kinds.KINDS by one concatenation there.

Defaults are secure: a private API endpoint, secrets envelope-encrypted, every control-plane log
type exported, cloud-identity RBAC on."""

from __future__ import annotations

from dataclasses import replace

from .schema import AttrSpec as A
from .schema import KindSpec, NeedsNetwork, NLNames, TBool, TCount, TList, TMap, TQty, TRef, TStr, TThreshold, TUnion
from .schema import Words as W

_ENCRYPTION = TUnion((TBool(), TRef(("key",))))

KUBERNETES = KindSpec(
    "kubernetes", "A managed Kubernetes cluster with one managed node group (EKS / AKS), "
                  "optionally Fargate profiles on AWS.",
    needs_network=(NeedsNetwork("aws"),),  # EKS: the control plane and nodes in its subnets
    private_by_default=True,
    usage=(("nodes", "expected nodes of the node group (default: the range's minimum)"),
           ("log_gb", "GB of control-plane logs per month (CloudWatch Logs)"),
           ("fargate_vcpu", "average vCPUs of the pods running on Fargate profiles"),
           ("fargate_gb", "average GB of memory of the pods running on Fargate profiles"),),
    nl=NLNames("k8s", singleton=True, words=(
        W("en", r"(?:amazon |azure )?(?:eks|aks)(?:[- ]clusters?)?|kubernetes(?:[- ]clusters?)?|k8s(?:[- ]clusters?)?"),
        W("es", r"clusters? de kubernetes"),
        W("fr", r"grappes? kubernetes"),
        W("de", r"kubernetes-cluster|eks-cluster|aks-cluster"),
    )),
    attrs=(
        A("version", TStr("a Kubernetes minor version such as \"1.31\""), default="1.31",
          doc="Kubernetes version of the control plane and the node group"),
        A("public", TBool(), default=False, doc="the API server endpoint is reachable from the internet"),
        A("encryption", _ENCRYPTION, default=True,
          doc="envelope encryption of Kubernetes secrets; `true` creates a cluster key, a key reference uses it"),
        A("logs", TBool(), default=True, doc="export every control-plane log type (api, audit, authenticator...)"),
        A("rbac", TBool(), default=True,
          doc="cloud identity for cluster access: EKS access entries (API mode) / Azure AD with Azure RBAC"),
        A("node_instance", TStr("an instance type", check="instance:vm"),
          cloud_default=(("aws", "m5.large"), ("azure", "Standard_D2s_v5")), doc="instance type of the nodes"),
        A("nodes", TCount(0, 450), default={"min": 2, "max": 4}, doc="node group scaling range"),
        A("node_disk", TQty("GB", min=20, max=2048), default=50, doc="root disk of each node"),
        A("fargate", TList(TStr("a Kubernetes namespace")), default=[],
          doc="namespaces whose pods run on Fargate (one EKS Fargate profile each; AWS only)"),
        A("network", TRef(("network",))),
    ),
)

HELM_RELEASE = KindSpec(
    "helm_release", "A Helm chart released onto a Kubernetes cluster (Terraform helm provider).",
    emit_only="a Helm release is installed by the helm client against the cluster's API server, not by a "
              "cloud API boto3 can drive; Terraform's helm provider applies it",
    unsupported=(("azure", "an ARM template cannot install a Helm chart; install it on the AKS cluster with "
                           "helm or Terraform's helm provider"),),
    nl=NLNames("chart", words=(
        W("en", r"helm(?:[- ]charts?|[- ]releases?)?|charts?(?= on| onto| in)"),
        W("es", r"charts? de helm"),
        W("fr", r"charts? helm"),
        W("de", r"helm-charts?"),
    )),
    attrs=(
        A("cluster", TRef(("kubernetes",)), required=True, example="k8s"),
        A("chart", TStr("a chart name"), required=True, example='"ingress-nginx"'),
        A("repository", TStr("a chart repository URL"), doc="the chart repository (https://...)"),
        A("version", TStr("a chart version"), doc="the chart version; pin it (policy ADLP-121)"),
        A("namespace", TStr("a Kubernetes namespace"), doc="default: the release's own name"),
        A("values", TMap(), default={},
          doc="chart values, one `set` each; dotted keys reach nested values (`\"controller.replicaCount\": 2`)"),
    ),
)

# the kinds a monitor can watch: each has a metric for at least one objective (backends/*/monitoring)
WATCHABLE = ("service", "database", "queue", "function", "load_balancer", "table")

MONITOR = KindSpec(
    "monitor", "Alarms and a dashboard derived from the graph: latency, error and saturation objectives per "
               "watched service, database, queue or function (CloudWatch / Azure Monitor).",
    usage=(("dashboards", "dashboards (default 1 when `dashboard = true`)"),
           ("notifications", "alarm notifications per month (SNS publishes / Azure action-group e-mails)"),
           ("grafana_editors", "Managed Grafana editor/administrator users (with `prometheus = true`)"),),
    nl=NLNames("alerts", singleton=True, words=(
        # a bare "dashboard" is often the product ("a SaaS dashboard"), so only a monitoring one counts
        # "detailed monitoring" is a VM's own setting
        W("en", r"(?<!detailed )(?<!enhanced )(?<!basic )monitoring(?: dashboards?)?|alerts?|alarms?"
                r"|cloudwatch(?: alarms?| dashboards?)?|azure monitor|observability"),
        W("es", r"monitorizacion(?! detallada)|alertas?|alarmas?"),
        W("fr", r"surveillance|alertes?|alarmes?"),
        W("de", r"(?<!detaillierte )uberwachung|alarme?|alarmen|cloudwatch-alarme?"),
    )),
    attrs=(
        A("watch", TList(TRef(WATCHABLE)), required=True, example="[api, orders_db]",
          doc="the resources to watch: each is an edge of the graph, so alarms follow what they watch"),
        A("latency", TThreshold("latency", "ms", stats=("p50", "p90", "p95", "p99", "avg", "max"),
                                stat_required=True, example="p99 < 300 ms", max=3_600_000),
          doc="latency objective (ms canonical); the alarm fires when it is not met"),
        A("errors", TThreshold("error rate", "%", example="< 1 %", max=100),
          doc="error-rate objective in percent of requests"),
        A("saturation", TThreshold("saturation", "%", stats=("avg", "max"), example="avg < 80 %", max=100),
          doc="CPU saturation objective in percent"),
        A("backlog", TThreshold("queue backlog", None, example="< 1000"),
          doc="messages waiting in a watched queue"),
        A("dashboard", TBool(), default=True, doc="one dashboard of every watched metric"),
        A("prometheus", TBool(), default=False,
          doc="a managed Prometheus workspace and Managed Grafana (AWS: AMP + AMG; Azure: Monitor workspace + "
              "Managed Grafana)"),
        A("email", TStr("an e-mail address"), doc="where alarm notifications go"),
        A("encryption", _ENCRYPTION, default=True, doc="encryption of the notification topic (AWS SNS)"),
    ),
)

# (watched kind, objective) pairs each cloud has a platform metric for: the emitters alarm exactly
# these (tests/backends/test_monitor.py holds them to it) and the pricers count the alarms from them
ALARMED: dict[str, frozenset[tuple[str, str]]] = {
    "aws": frozenset({("function", "latency"), ("function", "errors"), ("load_balancer", "latency"),
                      ("load_balancer", "errors"), ("service", "saturation"), ("database", "saturation"),
                      ("database", "latency"), ("queue", "latency"), ("queue", "backlog"), ("table", "latency")}),
    "azure": frozenset({("database", "saturation"), ("function", "latency"), ("load_balancer", "latency")}),
}
# objectives CloudWatch alarms with metric math over two metrics (billed as two alarm metrics)
RATIO_OBJECTIVES = frozenset({"errors"})

PLATFORM_KINDS: tuple[KindSpec, ...] = (KUBERNETES, HELM_RELEASE, MONITOR)


# The GCP backend (issue 23) covers the core kinds; these say so once, with their Google counterpart,
# so every stage reports the same ADL5007 on `cloud = gcp` instead of needing a handler.
_GCP_COUNTERPART = {
    "kubernetes": "GKE",
    "helm_release": "a Helm release on GKE",
    "monitor": "Cloud Monitoring alert policies",
}
PLATFORM_KINDS = tuple(
    replace(k, unsupported=k.unsupported + (("gcp", f"the Google backend has no emitter or cited price for it yet "
                                                     f"(counterpart: {_GCP_COUNTERPART[k.name]})"),))
    for k in PLATFORM_KINDS
)
