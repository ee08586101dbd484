"""Offline translator quality on tests/nl's corpora: fact-level precision and recall per language and
per fact type, resources nobody asked for (extras; framework companions counted apart), and whether
every generated file compiles clean and emits (Terraform for AWS, ARM for Azure).

    .venv/bin/python bench/nl_corpus.py [--verbose] [--markdown] [--corpus PATH ...]

`--markdown` prints what docs/generate.md's quality section shows: one summary row per corpus, then
precision / recall per language and fact type for each corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from autodeploy.compiler import compile_source
from autodeploy.nl.checks import emit_errors
from autodeploy.nl.facts import judged, matches, score, stated_facts
from autodeploy.nl.offline import normalize, translate
from autodeploy.nl.writer import write

NL = Path(__file__).resolve().parent.parent / "tests" / "nl"
CORPUS = NL / "corpus.jsonl"
# written after the translator, never tuned against: the honest generalisation figures
HELDOUT = NL / "corpus_heldout.jsonl"
HELDOUT_V2 = NL / "corpus_heldout_v2.jsonl"
FACT_TYPES = ("kind", "deployment", "attribute")


def fact_type(key: str) -> str:
    """kind.* (kinds with their counts), deployment facts (cloud, region, budget, frameworks,
    environment), or a resource attribute (`database.engine`, `bucket.public` ...)."""
    if key.startswith("kind."):
        return "kind"
    if key in ("cloud", "region", "budget", "environment") or key.startswith("compliance."):
        return "deployment"
    return "attribute"


@dataclass
class Tally:
    requests: int = 0
    compiled: int = 0
    emitted: int = 0
    correct: int = 0
    predicted: int = 0
    recalled: int = 0
    expected: int = 0
    extras: int = 0  # resources of a kind the request did not name, or more than it named
    companions: int = 0  # resources added for a framework or for placement (key, audit, network)
    unexpressible: int = 0  # requests the DSL cannot state, listed by the corpus ...
    reported: int = 0  # ... and found under "not understood"

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 0.0


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _add(t: Tally, expected: dict, predicted: set, ok: bool, emitted: bool, extras: int, companions: int) -> None:
    c, p, r = score(expected, predicted)
    t.requests += 1
    t.compiled += int(ok)
    t.emitted += int(emitted)
    t.correct += c
    t.predicted += p
    t.recalled += r
    t.expected += len(expected)
    t.extras += extras
    t.companions += companions


def evaluate(corpus: list[dict], verbose: bool = False) -> dict[str, Tally]:
    """Tallies keyed "all", per language ("en" ...) and per fact type ("type:kind" ...)."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for case in corpus:
        spec = translate(case["text"], {})
        text = write(spec)
        result = compile_source(text, f"{case['id']}.adl")
        predicted = stated_facts(spec, result.ir) if result.ir is not None else set()
        emitted = result.ok and not emit_errors(result)
        named = Counter(r.kind for r in spec.resources if r.from_text)
        want = {k.removeprefix("kind."): v for k, v in case["facts"].items() if k.startswith("kind.")}
        extras = sum(max(0, n - int(want.get(k, 0))) for k, n in named.items())
        companions = sum(1 for r in spec.resources if not r.from_text)
        said = [normalize(x) for x in spec.not_understood]
        phrases = [normalize(x) for x in case.get("unexpressible", [])]
        reported = sum(1 for ph in phrases if any(ph in x or x.strip("'\" ") in ph for x in said))
        for key in ("all", case["lang"]):
            tallies.setdefault(key, Tally()).unexpressible += len(phrases)
            tallies[key].reported += reported
        for key in ("all", case["lang"]):
            _add(tallies.setdefault(key, Tally()), case["facts"], predicted, result.ok, emitted, extras, companions)
        for ft in FACT_TYPES:
            exp = {k: v for k, v in case["facts"].items() if fact_type(k) == ft}
            pred = {(k, v) for k, v in predicted if fact_type(k) == ft}
            for key in (f"type:{ft}", f"{case['lang']}:{ft}"):
                _add(tallies.setdefault(key, Tally()), exp, pred, result.ok, emitted, 0, 0)
        if verbose and (
            score(case["facts"], predicted)[0] < score(case["facts"], predicted)[1]
            or score(case["facts"], predicted)[2] < len(case["facts"])
            or not emitted
        ):
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


def table(tallies: dict[str, Tally]) -> str:
    rows = [
        f"{'':<14} {'requests':>8} {'compile':>7} {'emit':>5} {'facts':>6} {'precision':>9} {'recall':>7}"
        f" {'extras':>6} {'companions':>10}"
    ]
    langs = sorted(k for k in tallies if ":" not in k and k != "all")
    keys = ["all"] + langs + [f"type:{t}" for t in FACT_TYPES]
    keys += [f"{lang}:{t}" for lang in langs for t in FACT_TYPES]
    for key in keys:
        t = tallies.get(key)
        if t is None or not t.expected:
            continue
        extra = f" {t.extras:>6} {t.companions:>10}" if ":" not in key else ""
        rows.append(
            f"{key:<14} {t.requests:>8} {t.compiled:>7} {t.emitted:>5} {t.expected:>6} "
            f"{t.precision:>9.3f} {t.recall:>7.3f}{extra}"
        )
    return "\n".join(rows)


def _pr(t: Tally | None) -> str:
    return "–" if t is None or not t.expected else f"{t.precision:.3f} / {t.recall:.3f}"


def markdown(results: list[tuple[str, dict[str, Tally]]]) -> str:
    """The summary table, then one language x fact-type table per corpus (precision / recall)."""
    out = [
        "| corpus | requests | compile / emit | precision | recall | resource P / R | attribute P / R | extras |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, t in results:
        a = t["all"]
        out.append(
            f"| `{name}` | {a.requests} | {a.compiled} / {a.emitted} | {a.precision:.3f} | {a.recall:.3f} "
            f"| {_pr(t.get('type:kind'))} | {_pr(t.get('type:attribute'))} | {a.extras} |"
        )
    for name, t in results:
        langs = sorted(k for k in t if ":" not in k and k != "all")
        out += ["", f"`{name}`, precision / recall:", "", "| | all | " + " | ".join(FACT_TYPES) + " |"]
        out.append("|---" * (len(FACT_TYPES) + 2) + "|")
        for lang in [*langs, "all"]:
            cells = [_pr(t.get(lang))]
            cells += [_pr(t.get(f"{lang}:{ft}" if lang != "all" else f"type:{ft}")) for ft in FACT_TYPES]
            out.append(f"| {lang} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--verbose", action="store_true", help="show missed and spurious facts per request")
    ap.add_argument("--corpus", action="append", type=Path, help="score this corpus (repeatable)")
    ap.add_argument("--markdown", action="store_true", help="print the tables of docs/generate.md instead")
    ap.add_argument("--pool", metavar="NAME", help="also score all the given corpora as one, under NAME")
    args = ap.parse_args(argv)
    ok = True
    results: list[tuple[str, dict[str, Tally]]] = []
    paths = [p for p in args.corpus or [CORPUS, HELDOUT, HELDOUT_V2] if p.exists()]
    pooled = [case for p in paths for case in load_corpus(p)] if args.pool else []
    for path, corpus in [*((p, load_corpus(p)) for p in paths), *([(Path(args.pool), pooled)] if pooled else [])]:
        t0 = time.perf_counter()
        tallies = evaluate(corpus, args.verbose)
        elapsed = time.perf_counter() - t0
        ok = ok and tallies["all"].emitted == tallies["all"].requests
        if args.markdown:
            results.append((path.name, tallies))
            continue
        print(f"{path.name}")
        print(table(tallies))
        t = tallies["all"]
        if t.unexpressible:
            print(f"unexpressible requests reported under 'not understood': {t.reported}/{t.unexpressible}")
        print(f"translate+write+compile+emit: {elapsed / len(corpus) * 1000:.1f} ms per request\n")
    if args.markdown:
        print(markdown(results))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
