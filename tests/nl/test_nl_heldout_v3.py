"""The held-out corpus v3 (tests/nl/corpus_heldout_v3.jsonl), written by a helper that never read
the translator, committed before the stop-9 translator work and scored after it, never tuned on.
Issue 14's bar (recall >= 0.95, resource precision >= 0.97) is NOT met: measured on 2026-12-04
recall 0.725 -> 0.802, precision 0.933 -> 0.937, kind precision 0.847 -> 0.842 (the new kinds of
issues 20-22 now read services v3 marked inexpressible, e.g. "AKS cluster", as resources); after the
stop-10 work (tuned on the independently written wild corpora, never on this file): recall 0.917,
precision 0.964, kind precision 0.884. These floors pin the measured figures, rounded down, so a
regression fails."""

from __future__ import annotations

import hashlib

from test_nl_heldout_v2 import ROOT, _bench

HELDOUT_V3 = ROOT / "tests" / "nl" / "corpus_heldout_v3.jsonl"
SHA256 = "f75ba684baa00adbed3150e5ecdce9c676d7f5940b862d93a58259c0a61fa977"  # in the commit that added it


def test_heldout_v3_is_unedited_and_scores_at_least_its_measured_floor() -> None:
    assert hashlib.sha256(HELDOUT_V3.read_bytes()).hexdigest() == SHA256
    bench = _bench()
    t = bench.evaluate(bench.load_corpus(HELDOUT_V3))
    a = t["all"]
    assert a.requests == 80
    assert a.compiled == a.emitted == a.requests  # compile => emit holds on text nobody tuned for
    assert a.recall >= 0.91 and a.precision >= 0.96
    assert t["type:kind"].precision >= 0.88 and t["type:kind"].recall >= 0.91
    assert t["type:deployment"].recall >= 0.98 and t["type:attribute"].recall >= 0.88
    assert min(t[lang].recall for lang in ("en", "es", "fr", "de")) >= 0.82
