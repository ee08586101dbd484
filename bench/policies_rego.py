"""Time `opa eval data.adl.main.findings` on synthetic IRs of growing size.

The synthetic IR clones the resources of examples/patient-portal.adl plus the insecure fixture of
tests/policies (renaming every resource and its references per copy), so findings and framework pulls
scale with the size. Prints one line per size: resources, edges, findings, and the wall and CPU
time of the opa process (best of 3).

Run: .venv/bin/python bench/policies_rego.py [sizes...]   (default 100 1000 3000)
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "policies"))


def _opa() -> str:
    env = os.environ.get("AUTODEPLOY_OPA")
    if env:
        return env
    local = ROOT / ".tools" / "bin" / "opa"
    return str(local) if local.exists() else "opa"


def _ir(path: Path) -> dict:
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "autodeploy"), "compile", str(path), "--emit-ir", "-"],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def _rename(value: object, names: set[str], suffix: str) -> object:
    if isinstance(value, dict):
        out = {k: _rename(v, names, suffix) for k, v in value.items()}
        if isinstance(value.get("ref"), str) and value["ref"] in names:
            out["ref"] = value["ref"] + suffix
        return out
    if isinstance(value, list):
        return [_rename(v, names, suffix) for v in value]
    return value


def synthetic(base: list[dict], n: int) -> dict:
    """An IR (deployment of the first base) with about n resources cloned from the bases."""
    dep = base[0]["deployment"]
    resources, edges = [], []
    copy = 0
    while len(resources) < n:
        ir = base[copy % len(base)]
        names = {r["name"] for r in ir["resources"]}
        sfx = f"_{copy}"
        for r in ir["resources"]:
            r2 = dict(r, name=r["name"] + sfx, attrs=_rename(r["attrs"], names, sfx))
            r2["refs"] = [dict(x, target=x["target"] + sfx) for x in r.get("refs", [])]
            resources.append(r2)
        edges += [dict(e, **{"from": e["from"] + sfx, "to": e["to"] + sfx}) for e in ir["edges"]]
        copy += 1
    return dict(base[0], deployment=dep, resources=resources[:n], edges=[
        e for e in edges if e["from"] in {r["name"] for r in resources[:n]}])


def main(argv: list[str]) -> int:
    from test_rego_library import INSECURE_ADL  # the deliberately bad fixture

    sizes = [int(a) for a in argv] or [100, 1000, 3000]
    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "insecure.adl"
        bad.write_text(INSECURE_ADL)
        base = [_ir(ROOT / "examples" / "patient-portal.adl"), _ir(bad)]
        for n in sizes:
            ir = synthetic(base, n)
            doc = {"ir": ir, "frameworks": ["hipaa", "pci_dss", "soc2", "gdpr"],
                   "cost": {"total_monthly": 812.5, "currency": "USD"}, "today": "2026-11-26"}
            inp = Path(tmp) / f"in{n}.json"
            inp.write_text(json.dumps(doc))
            best, best_cpu, count = float("inf"), float("inf"), 0
            for _ in range(3):
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                out = subprocess.run(
                    [_opa(), "eval", "-d", str(ROOT / "policies" / "rules"), "-d", str(ROOT / "policies" / "lib"),
                     "-i", str(inp), "--format", "json", "data.adl.main.findings"],
                    check=True, capture_output=True, text=True,
                )
                best = min(best, time.perf_counter() - t0)
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                best_cpu = min(best_cpu, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
                count = len(json.loads(out.stdout)["result"][0]["expressions"][0]["value"])
            print(f"resources={len(ir['resources']):5d} edges={len(ir['edges']):5d} findings={count:5d} "
                  f"opa_eval_wall_s={best:.3f} cpu_s={best_cpu:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
