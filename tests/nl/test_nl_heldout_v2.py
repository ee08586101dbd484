"""The held-out corpus v2 (tests/nl/corpus_heldout_v2.jsonl), scored once after the translator work
of issue 14 and never tuned on. Issue 14's bar is recall >= 0.95 and resource precision >= 0.97; it
was NOT met (recall 0.820, resource precision 0.888, fact precision 0.944 on 2026-12-04, see
docs/generate.md). These floors pin the measured figures, rounded down, so a regression fails; raise
them only with a better translator, never by editing the corpus."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HELDOUT_V2 = ROOT / "tests" / "nl" / "corpus_heldout_v2.jsonl"
# the hash in the commit that added the file: it is never edited
SHA256 = "5d0658854687c59bc5b6b5d8ec6f7ef4ab5eacbc4e4265784454c042142e57a7"


def _bench():
    spec = importlib.util.spec_from_file_location("nl_corpus_bench", ROOT / "bench" / "nl_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_heldout_v2_is_unedited_and_scores_at_least_its_measured_floor():
    assert hashlib.sha256(HELDOUT_V2.read_bytes()).hexdigest() == SHA256
    bench = _bench()
    t = bench.evaluate(bench.load_corpus(HELDOUT_V2))
    a = t["all"]
    assert a.requests == 89
    assert a.compiled == a.emitted == a.requests  # the bar, met: every file compiles and emits
    # measured floors: after stop 10 recall 0.967 meets the 0.95 here, resource (kind) precision
    # 0.954 does not meet its 0.97 (fact precision 0.982; kind R 0.969; attribute R 0.961)
    assert a.recall >= 0.96 and a.precision >= 0.98
    assert t["type:kind"].precision >= 0.95 and t["type:kind"].recall >= 0.96
    assert t["type:deployment"].recall >= 0.97 and t["type:attribute"].recall >= 0.96
    assert min(t[lang].recall for lang in ("en", "es", "fr", "de")) >= 0.95
