"""Compile => emit over files generated from the kind registry (tests/compiler/registry_fuzz.py):
for every kind on every cloud, a bounded number of seeded random resources; each that compiles clean
must emit for its cloud (Terraform for AWS and Google Cloud, ARM for Azure) without an error.
Deterministic (a fixed seed), bounded (12 resources per kind and cloud)."""

from __future__ import annotations

import random

import pytest

from autodeploy import compile_source
from autodeploy.backends.dispatch import emit_for
from autodeploy.compiler.kinds import KINDS

from .registry_fuzz import resource, source

PER_KIND = 12
SEED = 20261205


@pytest.mark.parametrize("cloud", ["aws", "azure", "gcp"])
def test_every_generated_file_that_compiles_clean_emits(cloud: str) -> None:
    rng = random.Random(f"{SEED}-{cloud}")
    clean, failures = 0, []
    for kind in sorted(KINDS):
        for _ in range(PER_KIND):
            src = source(cloud, resource(rng, kind, "r"))
            res = compile_source(src, "fuzz.adl")
            if not res.ok:
                continue  # refused with a coded diagnostic: that is the compiler doing its job
            assert res.ir is not None and res.graph is not None
            out = emit_for("arm" if cloud == "azure" else "terraform", res.ir, res.graph)
            errors = [f"{d.code} {d.message}" for d in out.diagnostics if d.is_error]
            if errors:
                failures.append(f"{errors}\n{src}")
            clean += 1
    assert not failures, "\n".join(failures[:5])
    assert clean >= 2 * len(KINDS)  # the generator really produces compiling files
