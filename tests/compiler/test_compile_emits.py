"""Compile => emit: every file that compiles clean passes check and cost and emits (docs/language.md).

Runs every example, every backend test input, and the offline translation of every corpus request
(what `generate` writes) through compile -> check -> cost -> emit (Terraform for AWS, ARM for Azure).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autodeploy.analytics.cost import estimate
from autodeploy.backends.dispatch import emit_for
from autodeploy.compiler import CompileResult, compile_file, compile_source
from autodeploy.nl.offline import translate
from autodeploy.nl.writer import write
from autodeploy.policies.engine import evaluate

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(ROOT.glob("examples/*.adl")) + sorted((ROOT / "tests" / "backends" / "data").glob("*.adl"))
CORPORA = sorted((ROOT / "tests" / "nl").glob("corpus*.jsonl"))


def _requests() -> list[tuple[str, str]]:
    out = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                out.append((f"{path.stem}:{case['id']}", case["text"]))
    return out


def emit_errors(result: CompileResult) -> list[str]:
    """Check, cost and emit a clean compile; every failure as one line."""
    assert result.ir is not None and result.graph is not None
    evaluate(result.ir)  # an engine error raises: the gate must be able to judge the file
    estimate(result.ir)  # an unknown price raises
    target = "arm" if result.ir.deployment.cloud == "azure" else "terraform"
    out = emit_for(target, result.ir, result.graph)
    return [f"{d.code} {d.message}" for d in out.diagnostics if d.is_error]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_that_compiles_clean_emits(path: Path) -> None:
    result = compile_file(path)
    if not result.ok:
        # only the inputs written to be refused may fail to compile
        assert path.name.startswith("unbuildable-"), result.render()
        return
    assert emit_errors(result) == []


def test_every_translation_compiles_and_emits() -> None:
    requests = _requests()
    assert len(requests) >= 80  # the corpora are really read
    failures = []
    for rid, text in requests:
        result = compile_source(write(translate(text)), f"{rid}.adl")
        if not result.ok:
            failures.append(f"{rid}: does not compile\n{result.render()}")
            continue
        failures += [f"{rid}: {e}" for e in emit_errors(result)]
    assert failures == []


def test_a_physical_name_is_checked_per_cloud_and_emitted() -> None:
    body = 'network n {}\nbucket b { name = "NAME_B" }\nqueue q { name = "orders"  fifo = true }\n' \
           'table t { name = "NAME_T" }\ndatabase d : postgres { name = "orders-db"  network = n }\n'
    aws = compile_source('deployment x { cloud = aws }\n' + body.replace("NAME_B", "raw-events")
                         .replace("NAME_T", "Orders.v2"), "aws.adl")
    assert aws.ok, aws.render()
    tf = "".join(emit_for("terraform", aws.ir, aws.graph).files.values())
    for want in ('"raw-events"', '"orders.fifo"', '"Orders.v2"', 'identifier                          = "orders-db"'):
        assert want in tf, want
    az = compile_source('deployment x { cloud = azure }\n' + body.replace("NAME_B", "rawevents")
                        .replace("NAME_T", "orders-tbl").replace("  fifo = true", ""), "az.adl")
    assert az.ok, az.render()
    arm = emit_for("arm", az.ir, az.graph)
    assert not [d for d in arm.diagnostics if d.is_error]
    names = {r["name"] for r in json.loads(arm.files["azuredeploy.json"])["resources"]}
    assert {"rawevents", "orders-tbl", "orders-db"} <= names
    # each cloud's rules: an S3-style name is not a storage account name; uppercase is no bucket name
    bad = compile_source('deployment x { cloud = azure }\nbucket b { name = "raw-events" }\n', "bad.adl")
    assert [d.code for d in bad.errors] == ["ADL1083"] and "3-24 lowercase" in (bad.errors[0].help or "")
    assert [d.code for d in compile_source('bucket b { name = "Raw" }\n').errors] == ["ADL1083"]
    assert compile_source('bucket b { }\n').ok  # the derived name stays the default


def _alone(kind: str, cloud: str, extra: str = "") -> str:
    """A file holding one resource of `kind` with only its required settings (and `extra`), no network."""
    from autodeploy.compiler.kinds import KINDS

    spec = KINDS[kind]
    head = f"{kind} x" + (f" : {spec.variants[0]}" if spec.variant_required else "")
    body = [f"{a.instead} = small" if a.instead else f"{a.name} = {a.example}" for a in spec.attrs if a.required]
    return f"deployment d {{ cloud = {cloud} }}\n{head} {{\n" + "\n".join(body + [extra]) + "\n}\n"


def test_a_kind_needs_a_network_exactly_where_its_kindspec_says() -> None:
    """`needs_network` (the KindSpec) is complete: a network-placed resource that names no network
    compiles clean only where its kind does not need one, and then it emits (the emitters' own "needs a
    network" errors stay unreachable); an `unless` exemption compiles clean and emits too."""
    from autodeploy.compiler.kinds import KINDS

    emitted = 0
    for kind, spec in sorted(KINDS.items()):
        if not spec.network_placed:
            continue
        for cloud in ("aws", "azure", "gcp"):
            if spec.unsupported_on(cloud) is not None:
                continue
            cases = [("", any(n.cloud == cloud for n in spec.needs_network))]
            cases += [("\n".join(f"{a} = {str(v).lower() if isinstance(v, bool) else v}" for a, v in n.unless), False)
                      for n in spec.needs_network if n.cloud == cloud and n.unless]
            for extra, needs in cases:
                result = compile_source(_alone(kind, cloud, extra), "t.adl")
                assert ("ADL1080" in [d.code for d in result.errors]) == needs, (kind, cloud, extra, result.render())
                if not needs and result.ok:  # (not when the cloud refuses it otherwise: ADL1081)
                    assert emit_errors(result) == [], (kind, cloud, extra)
                    emitted += 1
    assert emitted >= 15


def test_needs_network_entries_name_a_network_placed_kind_its_cloud_and_real_settings() -> None:
    from autodeploy.compiler.kinds import KINDS
    from autodeploy.compiler.schema import TBool, TEnum

    for kind, spec in KINDS.items():
        for need in spec.needs_network:
            assert spec.network_placed and spec.unsupported_on(need.cloud) is None, (kind, need)
            for attr, value in need.unless:
                a = spec.attr(attr)
                assert a is not None, (kind, attr)
                assert (isinstance(value, bool) if isinstance(a.type, TBool)
                        else isinstance(a.type, TEnum) and value in a.type.values), (kind, attr, value)
        assert len({n.cloud for n in spec.needs_network}) == len(spec.needs_network), kind


def test_each_kind_check_module_is_named_for_a_kind_and_checks() -> None:
    """compiler/buildable_kinds/<kind>.py is found by its kind's name: a module named for no kind (a
    typo, a renamed kind) would never run, so it fails here."""
    import pkgutil

    from autodeploy.compiler import buildable_kinds
    from autodeploy.compiler.kinds import KINDS

    modules = [m.name for m in pkgutil.iter_modules(buildable_kinds.__path__)]
    assert modules and [m for m in modules if m not in KINDS] == []
    assert all(buildable_kinds._check_fn(m) is not None for m in modules)
