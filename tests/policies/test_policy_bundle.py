"""The prebuilt bundle cache (policies/bundle.py): a warm run evaluates the cached bundle and
finds exactly what evaluating the folders finds; a stale, corrupt or half-written entry is
rebuilt, an unwritable cache is skipped, and a bundle that does not hold what this run loaded
fails the gate (ADL3015/ADL3016), never passes it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from policies_support import ORG_RULE, TODAY, opa_bin  # noqa: F401  (fixture)

from autodeploy.compiler import compile_source
from autodeploy.policies import bundle, library
from autodeploy.policies.deadline import Deadline
from autodeploy.policies.diagnostics import PolicyEngineError
from autodeploy.policies.engine import evaluate

ROOT = Path(__file__).resolve().parents[2]


def _bench_source() -> str:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from gen_adl import generate

    return generate(100)


SOURCE = _bench_source()  # keys, encrypted stores, services: findings under four frameworks


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(bundle.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "bundles"


def report_json(org: list[str] | None = None) -> str:
    ir = compile_source(SOURCE, "bench.adl").ir
    assert ir is not None
    fws = ["hipaa", "soc2", "pci_dss", "gdpr"]
    return json.dumps(evaluate(ir, fws, policy_dirs=org or [], today=TODAY).to_json(), sort_keys=True)


def folders_only(org: list[str] | None = None) -> str:
    """The same evaluation over the folders (no bundle): what every run did before the cache."""
    real = library.load

    def no_bundle(extra, opa, deadline, *, prebuild=False):  # type: ignore[no-untyped-def]
        return real(extra, opa, deadline, prebuild=False)

    library.load = no_bundle  # type: ignore[assignment]
    try:
        return report_json(org)
    finally:
        library.load = real  # type: ignore[assignment]


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if p.is_dir()) if cache.exists() else []


def test_warm_run_uses_the_bundle_and_finds_the_same(cache: Path, opa_bin: str) -> None:  # noqa: F811
    cold = report_json()
    [entry] = entries(cache)
    assert (entry / "bundle.tar.gz").is_file() and (entry / "meta.json").is_file()
    lib = library.load([], opa_bin, Deadline(30, "test"), prebuild=True)
    assert lib.bundle == str(entry / "bundle.tar.gz")
    assert report_json() == cold == folders_only()
    assert cold.count('"rule": "ADLP-') >= 2  # equality is not between two empty reports


def test_warm_run_starts_no_opa_inspect(cache: Path, opa_bin: str, tmp_path: Path,  # noqa: F811
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    report_json()
    log = tmp_path / "calls"
    wrapper = tmp_path / "opa"
    wrapper.write_text(f'#!/bin/sh\necho "$1" >> {log}\nexec {opa_bin} "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("AUTODEPLOY_OPA", str(wrapper))
    report_json()
    calls = log.read_text().split()
    assert "inspect" not in calls and "build" not in calls and calls.count("eval") == 1


@pytest.mark.parametrize("damage", ["bundle-bytes", "bundle-missing", "meta-garbage", "meta-missing",
                                    "meta-other-key"])
def test_a_damaged_entry_is_rebuilt(cache: Path, opa_bin: str, damage: str) -> None:  # noqa: F811
    cold = report_json()
    [entry] = entries(cache)
    tar, meta = entry / "bundle.tar.gz", entry / "meta.json"
    if damage == "bundle-bytes":
        tar.write_bytes(tar.read_bytes()[:100])
    elif damage == "bundle-missing":
        tar.unlink()
    elif damage == "meta-garbage":
        meta.write_text("{not json")
    elif damage == "meta-missing":
        meta.unlink()
    else:
        doc = json.loads(meta.read_text())
        meta.write_text(json.dumps({**doc, "key": "0" * 64}))
    assert report_json() == cold
    doc = json.loads(meta.read_text())
    assert doc["bundle_sha256"] == bundle._sha256(tar)  # whole again


def test_a_bundle_missing_a_rule_fails_the_gate(cache: Path, opa_bin: str, tmp_path: Path) -> None:  # noqa: F811
    # a consistent but wrong entry (its sha256 recorded for the wrong bytes): the proof refuses it
    report_json()
    [entry] = entries(cache)
    lib_dir = tmp_path / "lib"
    shutil.copytree(Path(library._opa.PACKAGE_POLICY_DIRS[0]), lib_dir)
    rules = tmp_path / "rules"
    shutil.copytree(Path(library._opa.PACKAGE_POLICY_DIRS[1]), rules)
    shutil.rmtree(rules / "encryption" / "encryption_at_rest")
    real = library.load([], opa_bin, Deadline(30, "test"))
    wrong = tmp_path / "wrong.tar.gz"
    bundle.build_bundle(opa_bin, [str(lib_dir), str(rules)], wrong, Deadline(30, "test"),
                        {"bundle.rego": real.bundle_module()})
    shutil.copy(wrong, entry / "bundle.tar.gz")
    doc = json.loads((entry / "meta.json").read_text())
    (entry / "meta.json").write_text(json.dumps({**doc, "bundle_sha256": bundle._sha256(wrong)}))
    with pytest.raises(PolicyEngineError) as info:
        report_json()
    assert info.value.diagnostic.code == "ADL3015"
    assert "encryption.encryption_at_rest" in info.value.diagnostic.message


def test_a_changed_policy_folder_gets_a_new_bundle(cache: Path, opa_bin: str, tmp_path: Path) -> None:  # noqa: F811
    org = tmp_path / "org"
    org.mkdir()
    (org / "big.rego").write_text(ORG_RULE.replace("r.attrs.size > 1000", "r.attrs.size > 100000"))
    first = report_json([str(org)])
    assert "ORG-001" not in first  # no bucket holds 100 TB... until the rule says 1 GB
    (org / "big.rego").write_text(ORG_RULE.replace("r.attrs.size > 1000", "r.attrs.size > 1"))
    second = report_json([str(org)])
    assert "ORG-001" in second and second == folders_only([str(org)])
    assert len(entries(cache)) == 2


def test_an_unwritable_cache_is_skipped(tmp_path: Path, opa_bin: str,  # noqa: F811
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv(bundle.CACHE_ENV, str(blocker))
    lib = library.load([], opa_bin, Deadline(30, "test"), prebuild=True)
    assert lib.bundle is None
    assert report_json() == folders_only()


def test_build_bundle_builds_what_opa_evaluates(tmp_path: Path, opa_bin: str) -> None:  # noqa: F811
    org = tmp_path / "org"
    org.mkdir()
    (org / "big.rego").write_text(ORG_RULE)
    (org / "big_test.rego").write_text("package adl.rules.org.big_test\n\ntest_left_out if true\n")
    lib = library.load([str(org)], opa_bin, Deadline(30, "test"))
    out = tmp_path / "b" / "policies.tar.gz"
    bundle.build_bundle(opa_bin, lib.dirs, out, Deadline(30, "test"), {"bundle.rego": lib.bundle_module()})
    listing = subprocess.run(["tar", "tzf", str(out)], capture_output=True, text=True, check=True).stdout
    assert "big.rego" in listing and "big_test.rego" not in listing
    p = subprocess.run([opa_bin, "eval", "-b", str(out), "--format", "json", "data.adl.bundle.revision"],
                       capture_output=True, text=True, check=True)
    assert json.loads(p.stdout)["result"][0]["expressions"][0]["value"] == lib.revision
    assert [f for f in os.listdir(out.parent) if f != "policies.tar.gz"] == []  # no partial file left


def test_build_bundle_reports_a_broken_module(tmp_path: Path, opa_bin: str) -> None:  # noqa: F811
    org = tmp_path / "org"
    org.mkdir()
    (org / "bad.rego").write_text("package adl.rules.org.bad\n\nfindings contains f if {\n")
    out = tmp_path / "b.tar.gz"
    with pytest.raises(PolicyEngineError) as info:
        bundle.build_bundle(opa_bin, [str(org)], out, Deadline(30, "test"))
    assert info.value.diagnostic.code in ("ADL3004", "ADL3005")
    assert not out.exists() and os.listdir(tmp_path) == ["org"]


def test_the_cache_keeps_the_newest_entries(cache: Path, opa_bin: str, tmp_path: Path,  # noqa: F811
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "KEEP", 2)
    org = tmp_path / "org"
    org.mkdir()
    for limit in (10, 20, 30):  # three policy sets: three entries built, the oldest dropped
        (org / "big.rego").write_text(ORG_RULE.replace("1000", str(limit)))
        library.load([str(org)], opa_bin, Deadline(30, "test"), prebuild=True)
    kept = entries(cache)
    assert len(kept) == 2
    newest = library.load([str(org)], opa_bin, Deadline(30, "test"), prebuild=True)
    assert newest.bundle is not None and Path(newest.bundle).parent in kept
