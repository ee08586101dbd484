"""The corpus bench computes precision and recall per language, and every file compiles."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("nl_corpus_bench", ROOT / "bench" / "nl_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_bench_figures_are_computed():
    bench = _bench()
    tallies = bench.evaluate(bench.load_corpus())
    assert set(tallies) >= {"all", "en", "es", "fr", "de", "type:kind", "type:deployment", "type:attribute"}
    for t in tallies.values():
        assert t.compiled == t.requests  # every request gives a file that compiles clean
        assert t.emitted == t.requests  # ... and emits (compile => emit)
        assert t.expected > 0 and t.predicted > 0
        assert 0.0 <= t.precision <= 1.0 and 0.0 <= t.recall <= 1.0
    assert tallies["all"].requests == sum(tallies[k].requests for k in ("en", "es", "fr", "de"))
    assert tallies["all"].requests >= 400 and min(tallies[k].requests for k in ("es", "fr", "de")) >= 70
    # the tuning corpus: the translator was developed on it, so its bar is high
    assert tallies["all"].precision >= 0.99 and tallies["all"].recall >= 0.99
    assert tallies["type:kind"].precision >= 0.98 and tallies["all"].extras <= 1


def test_scoring_counts_hallucinated_resources():
    from autodeploy.nl.facts import score

    expected = {"kind.database": 1, "region": "eu-west-1"}
    predicted = {("kind.database", 1), ("kind.cache", 1), ("region", "eu-west-1"), ("database.storage", 20)}
    correct, judged, recalled = score(expected, predicted)
    assert (correct, judged, recalled) == (2, 3, 2)  # the cache counts against precision; storage is unjudged


def test_pool_scores_the_given_corpora_as_one(capsys):
    bench = _bench()
    files = [ROOT / "tests" / "nl" / f for f in ("corpus_app_services.jsonl", "corpus_platforms.jsonl")]
    args = ["--markdown", "--pool", "both"] + [a for f in files for a in ("--corpus", str(f))]
    assert bench.main(args) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split("|")[1].strip(" `"): line for line in out if line.startswith("| `")}
    counts = [len(bench.load_corpus(f)) for f in files]
    assert f"| {sum(counts)} |" in rows["both"]
    assert all(f"| {n} |" in rows[f.name] for f, n in zip(files, counts, strict=True))
