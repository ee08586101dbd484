"""Offline translator quality on tests/nl/corpus.jsonl: fact-level precision and recall, overall
and per language, and whether every generated file compiles clean.

    .venv/bin/python bench/nl_corpus.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from autodeploy.compiler import compile_source
from autodeploy.nl.facts import judged, matches, score, stated_facts
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "nl" / "corpus.jsonl"
# written after the translator, never tuned against: the honest generalisation figure
HELDOUT = CORPUS.with_name("corpus_heldout.jsonl")


@dataclass
class Tally:
    requests: int = 0
    compiled: int = 0
    correct: int = 0
    predicted: int = 0
    recalled: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 0.0


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(corpus: list[dict], verbose: bool = False) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {"all": Tally()}
    for case in corpus:
        spec = translate(case["text"])
        text = write(spec)
        result = compile_source(text, f"{case['id']}.adl")
        predicted = stated_facts(spec, result.ir) if result.ir is not None else set()
        c, p, r = score(case["facts"], predicted)
        for key in ("all", case["lang"]):
            t = tallies.setdefault(key, Tally())
            t.requests += 1
            t.compiled += int(result.ok)
            t.correct += c
            t.predicted += p
            t.recalled += r
            t.expected += len(case["facts"])
        if verbose and (c < p or r < len(case["facts"]) or not result.ok):
            print(f"--- {case['id']}: {case['text']}")
            for k, v in sorted(case["facts"].items()):
                if not any(pk == k and matches(v, pv) for pk, pv in predicted):
                    print(f"    missed   {k} = {v!r}  (got {[pv for pk, pv in predicted if pk == k]})")
            for k, v in sorted(judged(case["facts"], predicted), key=str):
                if not (k in case["facts"] and matches(case["facts"][k], v)):
                    print(f"    spurious {k} = {v!r}")
            if spec.not_understood:
                print("    not understood:", "; ".join(spec.not_understood))
            if not result.ok:
                print(result.render())
    return tallies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--verbose", action="store_true", help="show missed and spurious facts per request")
    args = ap.parse_args(argv)
    ok = True
    for title, path in (
        ("corpus (written before the translator; used while developing it)", CORPUS),
        ("held-out corpus (written after; never tuned against)", HELDOUT),
    ):
        if not path.exists():
            continue
        corpus = load_corpus(path)
        t0 = time.perf_counter()
        tallies = evaluate(corpus, args.verbose)
        elapsed = time.perf_counter() - t0
        print(f"{title}: {path.name}")
        print(f"{'lang':<5} {'requests':>8} {'compile':>8} {'facts':>6} {'precision':>9} {'recall':>7}")
        for key in ["all"] + sorted(k for k in tallies if k != "all"):
            t = tallies[key]
            print(
                f"{key:<5} {t.requests:>8} {t.compiled:>8} {t.expected:>6} "
                f"{t.precision:>9.3f} {t.recall:>7.3f}"
            )
        print(f"translate+write+compile: {elapsed / len(corpus) * 1000:.1f} ms per request\n")
        ok = ok and tallies["all"].compiled == tallies["all"].requests
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
