"""The NL front end's reading of the platform kinds (issue 21): a Helm release's chart name and a
monitor's objectives from the request, and what completion wires (the release's cluster, the
resources a monitor watches). Words for the kinds themselves come from their KindSpecs."""

from __future__ import annotations

import re
from typing import Any

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TList, TRef

from . import lexicon as lx
from .lexicon import NODE_WORDS
from .model import Res, Spec

_NAME = r"([a-z0-9][a-z0-9-]*[a-z0-9])"
_NOT_A_CHART = lx.words(lx.ARTICLES, lx.INDEFINITE, lx.PARTITIVES) | frozenset({"helm",
                          "my", "our", "nginx-ingress-helm", "install", "deploy", "instalar", "installer",
                          # the words between a chart's name and "helm chart": "ingress-nginx via its helm chart"
                          "via", "its", "from", "using", "with", "con", "avec", "mit", "uber", "par", "por", "son",
                          "sein", "seinem", "their", "this", "release", "version", "namespace",
                          # what follows "Helm release" before the name, or precedes "with Helm" that is no chart
                          "fur", "for", "para", "pour", "of", "von", "namens", "called", "named", "llamado", "nomme",
                          "cluster", "clusters", "eks", "aks", "gke", "kubernetes", "k8s", "it", "es", "ihn"})
# "the ingress-nginx helm chart", "chart de Helm de Prometheus", "Helm-Chart fur nginx", "le chart Helm
# cert-manager", "deploy cert-manager with Helm"
_CHART = (
    re.compile(rf"{_NAME}\s+(?:helm[- ])?chart(?![a-z])"),
    re.compile(rf"(?:helm[- ])?chart\s+(?:de helm\s+|helm\s+)?(?:de|for|fur|pour|of)\s+{_NAME}"),
    re.compile(rf"chart\s+helm\s+{_NAME}"),
    # "Helm Release cert-manager", "la release Helm ingress-nginx", "ingress-nginx via Helm",
    # "cert-manager from its helm chart"
    re.compile(rf"helm[- ]release\s+(?:(?:fur|for|of|para|pour|de|namens|called|named)\s+)?{_NAME}"),
    re.compile(rf"release\s+(?:de\s+)?helm\s+(?:(?:para|pour|de|for)\s+)?{_NAME}"),
    re.compile(rf"{_NAME}\s+(?:via|from|using|with|con|avec|mit|uber|par|por)\s+(?:its\s+|the\s+|son\s+|seinem\s+|su\s+)?"
               r"helm(?![a-z])"),
    re.compile(rf"(?:deploy|install|instalar|installer|deployer|installieren)\s+(?:the\s+)?{_NAME}\s+"
               r"(?:with|using|con|avec|mit|via)\s+helm"),
    # last, when no other reading names it: "das Helm-Chart cert-manager aus https://...", "the Helm chart
    # external-dns" — the name right after
    re.compile(rf"helm[- ]chart\s+{_NAME}(?![a-z0-9.:/-])"),
    # "un Helm release del chart grafana (repo ...)": a bare "chart" and a name that ends its phrase
    re.compile(rf"(?<![a-z])chart\s+{_NAME}(?=\s*(?:[,;()]|\.(?![a-z0-9])|$|\s(?:from|aus|depuis|desde|version)))"),
)
_MS = r"(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?)"
_LATENCY = re.compile(rf"(?:latency|latencia|latence|latenz)[^.;]{{0,30}}?(p\d{{2}})?[^.;0-9]{{0,30}}?{_MS}"
                      r"(?![a-z])")
_ERRORS = re.compile(r"(?:errors?|errores|erreurs?|fehler)[^.;0-9]{0,30}?(\d+(?:\.\d+)?)\s*(?:%|percent|por ?ciento"
                     r"|pour ?cent|prozent)")


def names_nodes(norm: str, start: int, end: int) -> bool:
    """An instance type next to node words ("3 m5.large nodes", "4 nodos t3.large") types a cluster's nodes."""
    return bool(re.match(rf"\s*\)?\s+(?:{NODE_WORDS})(?![a-z])", norm[end:])
                or re.search(rf"(?:{NODE_WORDS})\s+(?:[a-z]+\s+){{0,2}}$", norm[max(0, start - 30):start])
                # "3 Knoten (m6i.xlarge)", "3 nodes (type m5.large)", "nodes: m5.large": the type in parentheses
                # or after a colon after them
                or re.search(rf"(?:{NODE_WORDS})\s*\(\s*(?:[a-z]+\s*:?\s*)?$", norm[max(0, start - 30):start])
                or re.search(rf"(?:{NODE_WORDS})\s*[(:]?\s+(?:[a-z]+\s+){{0,2}}$|(?:{NODE_WORDS})\s*[(:]\s*$",
                             norm[max(0, start - 30):start]))


_CLUSTER_WITH = re.compile(
    r"\s+(?:with|mit|con|avec|using|running|de|aus|of)\s+(?:[a-z0-9.()-]+\s+){0,4}$")
_LIST_BREAK = re.compile(r"[.;:!?\n]|,\s|\s(?:and|plus|also|y|et|und|sowie|ademas|aussi)\s")


def within_cluster(norm: str, clusters: list[Any], start: int) -> bool:
    """ "a Kubernetes cluster with 2 t3.large VMs", "un cluster EKS avec 2 serveurs t3.large": an
    instance type in the phrase that says what a cluster is made of types its nodes."""
    for c in clusters:
        gap = norm[c.end : start]
        if c.end <= start and len(gap) <= 40 and not _LIST_BREAK.search(gap) and _CLUSTER_WITH.match(gap):
            return True
    return False


def machine_words(norm: str, mentions: list[Any], nodes: list[Any], vms: tuple[str, ...]) -> list[Any]:
    """ "2 t3.large VMs", "serveurs t3.large": the plain VM word right next to a node type names the
    cluster's nodes too, not VMs of their own."""
    return [m for m in mentions if m.kind in vms and not m.instance and not m.weak
            and any(re.fullmatch(r"[\s-]*", norm[t.end : m.start] if t.end <= m.start else norm[m.end : t.start])
                    for t in nodes)]


def chart_name(norm: str) -> str | None:
    for rx in _CHART:
        for m in rx.finditer(norm):
            if m.group(1) not in _NOT_A_CHART:
                return m.group(1)
    return None


def objectives(norm: str) -> dict[str, dict[str, Any]]:
    """Objectives a request states; a stated alarm level ("above 300 ms") is the objective's bound."""
    out: dict[str, dict[str, Any]] = {}
    if (m := _LATENCY.search(norm)) is not None:
        ms = float(m.group(2)) * (1 if m.group(3).startswith("m") else 1000)
        out["latency"] = {"stat": m.group(1) or "p99", "op": "<", "value": ms}
    if (m := _ERRORS.search(norm)) is not None:
        out["errors"] = {"stat": None, "op": "<", "value": float(m.group(1))}
    return out


# the chart repository: an https URL after a repository word or a from-word ("repo https://...",
# "aus https://charts.jetstack.io", "depuis https://...", "desde el repositorio https://...")
_REPOSITORY = re.compile(r"(?<![a-z])(?:repo(?:sitory|sitorio)?|depot|from|aus|von|desde|depuis)\s*[:=]?\s*"
                         rf"(?:(?:{lx.ARTICLE_RE})\s+(?:repo(?:sitory|sitorio)?\s+)?)?(https://[a-z0-9.-]+(?:/[a-z0-9._-]+)*)")


# a namespace named before its word: "into the ingress namespace", "in the monitoring namespace"
_NAMESPACE_BEFORE = re.compile(rf"(?<![a-z])(?:into|in|to|onto)\s+(?:the\s+)?{_NAME}\s+namespace(?![a-z])")


def extract(norm: str, spec: Spec) -> None:
    # whether the cluster's API endpoint is public: nl/endpoint_access.py, in every word order
    releases = spec.of_kind("helm_release")
    for r in releases:
        name = chart_name(norm)
        if name is not None:
            r.attrs["chart"] = name
            r.stated_attrs.add("chart")
    ns = _NAMESPACE_BEFORE.search(norm)
    if len(releases) == 1 and ns is not None and "namespace" not in releases[0].stated_attrs:
        releases[0].attrs["namespace"] = ns.group(1)  # "into the ingress namespace"
        releases[0].stated_attrs.add("namespace")
    repo = _REPOSITORY.search(norm)
    if len(releases) == 1 and repo is not None:  # with one release only: whose repository is not in doubt
        releases[0].attrs["repository"] = repo.group(1).rstrip(".")
        releases[0].stated_attrs.add("repository")
    for r in spec.of_kind("monitor"):
        for attr, v in objectives(norm).items():
            r.attrs[attr] = v
            r.stated_attrs.add(attr)


def _watchable() -> tuple[str, ...]:
    t = KINDS["monitor"].attr("watch")
    assert t is not None and isinstance(t.type, TList) and isinstance(t.type.item, TRef)
    return t.type.item.kinds


def complete(spec: Spec) -> None:
    cloud = spec.deployment.get("cloud", "aws")
    for r in list(spec.resources):
        why = KINDS[r.kind].unsupported_on(cloud)
        if why is not None:  # the file must emit (compile => emit): say it, do not write it
            spec.resources.remove(r)
            spec.not_understood.append(f"{r.kind} on {cloud}: {why}")
    for r in spec.of_kind("helm_release"):
        clusters = spec.of_kind("kubernetes")
        if not clusters:
            clusters = [Res("kubernetes", spec.unique_name("k8s"))]
            spec.resources.append(clusters[0])
        r.attrs.setdefault("cluster", {"ref": clusters[0].name})
        if "chart" not in r.attrs:
            r.attrs["chart"] = "your-chart"
            spec.notes.append(f"helm_release `{r.name}`: no chart named; `chart` is a placeholder, set your own")
        if "version" not in r.attrs:
            spec.notes.append(f"helm_release `{r.name}`: no chart version stated; pin one (policy ADLP-121)")
    kinds = _watchable()
    for m in list(spec.of_kind("monitor")):
        watched = [x for x in spec.resources if x.kind in kinds]
        if not watched:
            spec.resources.remove(m)
            spec.not_understood.append("monitoring of what? name a service, database, queue or function to watch")
            continue
        m.attrs.setdefault("watch", [{"ref": x.name} for x in watched])
