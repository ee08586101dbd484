"""The NL front end on the platform kinds (issue 21): words from the KindSpecs in four languages, a
cluster's node range, node type and private endpoint, a Helm chart's name, a monitor's objectives
and what it watches. Corpus figures: tests/nl/corpus_platforms.jsonl (tuning) and
corpus_platforms_heldout.jsonl (held out, committed before any word existed; never tuned on)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from autodeploy import compile_source
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write

ROOT = Path(__file__).resolve().parents[2]


def _bench():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("nl_corpus_bench_platforms", ROOT / "bench" / "nl_corpus.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _corpus(name: str) -> list[dict]:
    return [json.loads(line) for line in (ROOT / "tests" / "nl" / name).read_text().splitlines() if line.strip()]


def test_tuning_corpus_figures() -> None:
    t = _bench().evaluate(_corpus("corpus_platforms.jsonl"))["all"]
    assert t.requests == t.compiled == t.emitted == 24
    # the two Azure Helm requests lose their release: ARM cannot install a chart, so the translator
    # says so (not understood) rather than write a file that cannot emit
    assert (t.recalled, t.expected, t.correct, t.predicted) == (78, 80, 78, 78)


def test_heldout_corpus_figures() -> None:
    # measured after tuning on the other corpus only: recall 81/84, precision 81/82 (its Azure Helm
    # request drops the release, as in the tuning corpus)
    t = _bench().evaluate(_corpus("corpus_platforms_heldout.jsonl"))["all"]
    assert t.requests == t.compiled == t.emitted == 24
    assert t.recalled >= 81 and t.expected == 84 and t.predicted - t.correct <= 1


def _adl(text: str) -> str:
    spec = translate(text)
    src = write(spec)
    res = compile_source(src, "g.adl")
    assert res.ok, res.render()
    return src


def test_a_latency_alarm_becomes_an_objective_on_the_watched_service() -> None:
    src = _adl("Alert when API latency p99 goes above 300 ms and errors above 1 percent for a container service")
    assert "watch   = [api]" in src and "latency = p99 < 300 ms" in src and "errors  = < 1 %" in src


@pytest.mark.parametrize("text", [
    "An EKS cluster with a managed node group of 3 to 6 m5.large nodes and a private endpoint",
    "Un cluster de Kubernetes con entre 3 y 6 nodos m5.large y un endpoint privado",
    "Un cluster Kubernetes EKS avec 3 a 6 noeuds m5.large et un point de terminaison prive",
    "Ein EKS-Cluster mit 3 bis 6 m5.large Knoten und privatem Endpunkt",
])
def test_cluster_requests_in_four_languages(text: str) -> None:
    src = _adl(text)
    assert "kubernetes k8s {" in src and "nodes         = 3..6" in src and 'node_instance = "m5.large"' in src
    assert "public        = false" in src and "\nvm " not in src


def test_helm_chart_name_and_unpinned_version_note() -> None:
    spec = translate("Install the ingress-nginx helm chart on a Kubernetes cluster")
    (release,) = spec.of_kind("helm_release")
    assert release.attrs["chart"] == "ingress-nginx" and release.attrs["cluster"] == {"ref": "k8s"}
    assert any("ADLP-121" in n for n in spec.notes)


def test_a_kind_the_cloud_cannot_build_is_reported_not_written() -> None:
    spec = translate("Install the cert-manager helm chart on an AKS cluster")
    assert spec.of_kind("helm_release") == [] and len(spec.of_kind("kubernetes")) == 1
    assert any(n.startswith("helm_release on azure: an ARM template cannot install") for n in spec.not_understood)


def test_monitoring_with_nothing_to_watch_is_reported() -> None:
    spec = translate("set up monitoring and alerts")
    assert spec.of_kind("monitor") == []
    assert any("monitoring of what" in n for n in spec.not_understood)
