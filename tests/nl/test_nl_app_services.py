"""The offline translator on the application-service kinds: their tuning corpus (developed on it, so
a high bar), the held-out corpus (written before the words existed; never tuned on: only that every
request compiles and emits is asserted here, its figures are reported), and the issue's phrasings."""

from __future__ import annotations

import sys
from pathlib import Path

from autodeploy.compiler import compile_source
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from nl_corpus import evaluate, load_corpus  # noqa: E402

NL = ROOT / "tests" / "nl"


def test_tuning_corpus_figures() -> None:
    t = evaluate(load_corpus(NL / "corpus_app_services.jsonl"))
    assert {k for k in t if ":" not in k} >= {"all", "en", "es", "fr", "de"}
    assert t["all"].emitted == t["all"].requests == 25
    assert t["all"].precision >= 0.97 and t["all"].recall >= 0.97


def test_heldout_corpus_compiles_and_emits() -> None:
    t = evaluate(load_corpus(NL / "corpus_app_services_heldout.jsonl"))
    assert t["all"].compiled == t["all"].emitted == t["all"].requests == 24


def _resources(text: str) -> dict[str, tuple[str, dict]]:
    spec = translate(text, {})
    res = compile_source(write(spec), "t.adl")
    assert res.ok and res.ir is not None, res.render()
    return {r.name: (r.kind, r.attrs) for r in res.ir.resources}


def test_extra_disks_on_a_vm_are_one_volume_with_a_count() -> None:
    got = _resources("three extra 750 GB gp3 disks on an m5.large server")
    (vol,) = [a for k, a in got.values() if k == "volume"]
    (vm,) = [n for n, (k, _) in got.items() if k == "vm"]
    assert (vol["count"], vol["size"], vol["type"], vol["vm"]["ref"]) == (3, 750, "gp3", vm)


def test_a_vms_own_disk_is_not_a_volume() -> None:
    got = _resources("two m5.large servers with 80 GB disks")
    assert [k for k, _ in got.values() if k == "volume"] == []
    assert [a["disk"] for k, a in got.values() if k == "vm"] == [80]


def test_gateway_in_front_of_functions_targets_them() -> None:
    got = _resources("an HTTP API in front of two lambda functions")
    (gw,) = [a for k, a in got.values() if k == "api_gateway"]
    assert sorted(t["ref"] for t in gw["targets"]) == sorted(n for n, (k, _) in got.items() if k == "function")
    assert gw["auth"] == "iam" and gw["access_logs"] is True
