"""The "wild" corpora of issue 14 (tests/nl/corpus_wild_*.jsonl, see their .SOURCE.md): requests written by
writers who never read the translator. The tuning files (esfr, ende) may be tuned on; the _check files are
scored only, in aggregate, never read while changing the translator. Every request must compile and emit;
the floors pin the figures measured at the start of stop 12 (main e19fbf3), rounded down to two
decimals less 0.01 of slack for trades between files (at stop 10's start, esfr / ende / esfr_check /
ende_check: recall 0.723 / 0.724 / 0.803 / 0.722, attribute recall 0.571 / 0.588 / 0.707 / 0.593),
so a regression fails — raise them only with a better translator, never by editing a corpus (each
file's sha256 is the one its commit gave)."""

from __future__ import annotations

import hashlib

import pytest
from test_nl_heldout_v2 import ROOT, _bench

NL = ROOT / "tests" / "nl"

# file -> (sha256 in the commit that added it, requests, recall, precision, attribute recall)
WILD = {
    "corpus_wild_esfr.jsonl": ("5133b76433a1c29ddbfbf15a7eb1a9626f9f9feef84d89fe0868012d0706f06a", 100,
                               0.96, 0.98, 0.94),
    "corpus_wild_ende.jsonl": ("eab796f70da771776ec8accdbbc97d22d66391ed875b2c90477f52dce22acf39", 110,
                               0.96, 0.98, 0.95),
    "corpus_wild_esfr_check.jsonl": ("8cf8501221806554ff9dac5f49aa1b70ef5eb801b7bbda2359346240c874d265", 24,
                                     0.95, 0.97, 0.94),
    "corpus_wild_ende_check.jsonl": ("3cd9fbfcb24d14425fa9ae37c37a179e8748e8d1a5cd31bdb7af8cadf2eca719", 26,
                                     0.89, 0.96, 0.85),
    # stop 11: a second round written by two more writers who never read the translator
    "corpus_wild2_ende.jsonl": ("bba76ba631bb7e5a6dc53886d1c090f1a74e2c73574b701d472fd086330c1982", 110,
                                0.95, 0.98, 0.92),
    "corpus_wild2_esfr.jsonl": ("d2aea597a820943a47067fbf499b6efc584b4ae062fe96b8f79264425b22571c", 110,
                                0.95, 0.99, 0.92),
    "corpus_wild2_ende_check.jsonl": ("6a732ae4985fb885340422136dc91454fd4ccbfcf2562a317984a5f807098bbf", 30,
                                      0.92, 0.95, 0.91),
    "corpus_wild2_esfr_check.jsonl": ("693c1396eac2c054b4eeb9fb70602ae7a098bae6f5439f590241ef4f2ce985fc", 30,
                                      0.94, 0.96, 0.92),
    # stop 11: a third round (four languages, mostly multi-resource) by another writer
    "corpus_wild3.jsonl": ("29da960dc8c15b52f88c6c0d649c1ab4023fbf93f6a3b5dc74812982990818cf", 120,
                           0.94, 0.98, 0.90),
    "corpus_wild3_check.jsonl": ("07dc656eafbeb44a0da94b3a0d4b6b08e75c811426b6cf2d49d72304126d2cfd", 40,
                                 0.93, 0.97, 0.91),
    # stop 12: two more writers (wild4 en/es-heavy, wild5 fr/de-heavy); floors at their first-sight figures
    # (scored before anyone tuned on them: recall 0.948 / 0.978 / 0.964 / 0.957, kind precision 0.935 /
    # 0.955 / 0.920 / 0.947 for wild4 / wild4_check / wild5 / wild5_check)
    "corpus_wild4.jsonl": ("f5d3acf766fd1219d87f445fdef79598e0a7e638908e23aea91a379ecc3e2d73", 120,
                           0.94, 0.97, 0.91),
    "corpus_wild4_check.jsonl": ("0cbe3d77d304c6b660630282408a800b85ec413e48c86629d29a5c3f4127640f", 40,
                                 0.97, 0.98, 0.95),
    "corpus_wild5.jsonl": ("c25a2955c0fe1a16101218c866907848161333e5ce9c7e54f8ae3109c334d5ca", 120,
                           0.96, 0.97, 0.94),
    "corpus_wild5_check.jsonl": ("8ea2ed36e3552520a0773f6d4d378b1e14657c38d1f0e4c6e2044442a8363058", 40,
                                 0.95, 0.98, 0.91),
    # stop 12, later: wild6 (en/de-heavy) and wild7 (en/es/fr); floors at first-sight figures less 0.01
    "corpus_wild6.jsonl": ("08b13766e469e11fefba72173c1e376355148162a645874701da3bf4ac46a491", 100,
                           0.94, 0.96, 0.91),
    "corpus_wild6_check.jsonl": ("14adee04c7780762dfc4e6d1883c12db1de84df29ee26ed63b38312dcd977310", 40,
                                 0.94, 0.95, 0.92),
    "corpus_wild7.jsonl": ("4d8f3136f0a0c8910770f89cef5676d5d1bddf56d05625fd3f09cc02bfb6e38a", 100,
                           0.92, 0.96, 0.87),
    "corpus_wild7_check.jsonl": ("b822a45cae1cee212ee02ebe45829c54e789cf936b8f5ad58d02d73266b0c2b1", 40,
                                 0.92, 0.97, 0.86),
    # stop 12, round 2: wild8 (25 per language); first sight (before tuning on it) with main a882788:
    # resource precision 0.960 / check 0.985 (0.928 / 0.970 with the translator of e19fbf3)
    "corpus_wild8.jsonl": ("148a8945220dfb70e40c064713c28009b76fc732e0e935b195ab507995749b0f", 100,
                           0.94, 0.97, 0.92),
    "corpus_wild8_check.jsonl": ("56cc036005b932d90d65a4515c8873156861660319a41581bf75ffef6abc8485", 40,
                                 0.97, 0.98, 0.96),
    # stop 13: wild9 (25 per language); first sight with main b98ca01: recall 0.952 / check 0.966, precision
    # 0.979 / 0.987, resource precision 0.949 / 0.969, attribute recall 0.924 / 0.939
    "corpus_wild9.jsonl": ("6a6c4ee18d802db99c8c2dfc5a31db4f8bbe32d2a35f59afbf1850574c571da4", 100,
                           0.94, 0.97, 0.91),
    "corpus_wild9_check.jsonl": ("8f7efca71d86206fbb4cff3413576468d300aa963ba68648adbf33b524976124", 40,
                                 0.95, 0.97, 0.92),
    # stop 13, later: wild10 (25 per language); first sight with main 654d71c (the translator of b98ca01 plus the
    # lexicon consolidation): recall 0.957 / check 0.960, precision 0.979 / 0.968, resource precision 0.928 /
    # 0.915, attribute recall 0.945 / 0.937
    "corpus_wild10.jsonl": ("0e8ca794d3b091299ebd8093b33a5eb14bbd08744e0e2fccf9af21f460e1a271", 100,
                            0.94, 0.96, 0.93),
    "corpus_wild10_check.jsonl": ("05d5875ef69df00bcc068aec226380930535f8f7bc20848607b2c60061bee15c", 40,
                                  0.95, 0.95, 0.92),
}


@pytest.mark.parametrize("name", sorted(WILD))
def test_wild_corpus_compiles_emits_and_scores_at_least_its_floor(name: str) -> None:
    sha, requests, recall, precision, attr_recall = WILD[name]
    path = NL / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    bench = _bench()
    t = bench.evaluate(bench.load_corpus(path))
    a = t["all"]
    assert a.requests == requests
    assert a.compiled == a.emitted == a.requests  # compile => emit, on text nobody wrote for the translator
    assert a.recall >= recall and a.precision >= precision
    assert t["type:attribute"].recall >= attr_recall
