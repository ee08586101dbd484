"""A Google product the DSL cannot build is named as the request said it (not a fixed "GKE / BigQuery")."""

from __future__ import annotations

from autodeploy.nl.offline import translate


def test_only_the_named_product_is_reported() -> None:
    gke = translate("one GKE cluster on Google Cloud, europe-west4").not_understood
    assert any(n.startswith("GKE") for n in gke) and not any("BigQuery" in n for n in gke)
    bq = translate("load the events into BigQuery every night").not_understood
    assert any(n.startswith("BigQuery") for n in bq) and not any("GKE" in n for n in bq)
    assert not any("GKE" in n or "BigQuery" in n for n in translate("a GCS bucket for logs").not_understood)
