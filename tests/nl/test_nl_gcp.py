"""The offline translator understands Google Cloud in the four languages, and a GCP request emits."""

from __future__ import annotations

import pytest

from autodeploy.backends.dispatch import emit_for
from autodeploy.compiler import compile_source
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write

CASES = [
    ("a postgres database and a containerized api on GCP", "us-central1"),
    ("a web app with a redis cache on Google Cloud in Frankfurt", "europe-west3"),
    ("una api con base de datos postgres en Google Cloud", "us-central1"),
    ("une api avec une base de donnees postgres sur Google Cloud a Londres", "europe-west2"),
    ("eine API mit Postgres-Datenbank auf GCP", "us-central1"),
    ("a bucket and a queue on google cloud in us-east1", "us-east1"),
]


@pytest.mark.parametrize(("text", "region"), CASES, ids=[c[0][:40] for c in CASES])
def test_gcp_requests(text, region):
    spec = translate(text)
    assert spec.deployment["cloud"] == "gcp" and spec.deployment["region"] == region
    assert not [n for n in spec.not_understood if "google" in n.lower() or "gcp" in n.lower()]
    res = compile_source(write(spec), "t.adl")
    assert res.ok, res.render()
    out = emit_for("terraform", res.ir, res.graph)
    assert out.ok and 'source  = "hashicorp/google"' in out.files["main.tf"]


def test_gke_is_still_not_understood():
    assert any("GKE" in n for n in translate("a GKE cluster on GCP").not_understood)
