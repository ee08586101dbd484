"""The CLI as a user runs it: whole processes, wall time and peak RSS, printed as one table.

Our `compile`, `check` (four frameworks), `cost`, `emit` and `build` on bench/gen_adl.py files of
1,000 and 10,000 resources, next to checkov on the Terraform twin (bench/gen_tf.py) of the same
resources, plus start-up (`--version`, `--help`, `compile` of an example). Every figure is the
median of --runs runs, as wall time and as CPU time (user + system of the whole process tree, OPA
included: the figure a busy machine disturbs least). `check` and checkov run back to back in each
round (paired, so both see the same load) and the ratio is the median of the per-round ratios. The
load average before and after is printed: on a shared machine the figures move with it.
docs/performance.md keeps the latest table.

    .venv/bin/python bench/cli_table.py [--runs 3] [--sizes 1000,10000] [--checkov-runs N] [--cmd CMD]
    make bench-cli

Peak RSS is the largest process of the command's tree (os.wait4: Python, or the `opa` it runs);
one more run per command at the largest size splits it into the Python process and its children.
The policy bundle cache (policies/bundle.py) is warmed by one untimed `check` first: the table
shows the steady state; the first `check` after a policy change also runs `opa inspect` and
`opa build` (its figure is printed under the table).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_adl import generate as generate_adl  # noqa: E402
from gen_tf import generate as generate_tf  # noqa: E402

AUTODEPLOY = [str(Path(sys.executable).with_name("autodeploy"))]
CHECKOV = ROOT / ".tools" / "checkov" / "bin" / "checkov"
FRAMEWORKS = "hipaa,soc2,pci_dss,gdpr"
EXAMPLE = str(ROOT / "examples" / "patient-portal.adl")
# issue 19's targets (seconds), by (command, size); 0 = start-up
TARGETS = {("--version", 0): 0.150, ("--help", 0): 0.150, ("compile", 0): 0.250,
           ("check", 1000): 0.5, ("check", 10000): 2.5, ("build", 1000): 0.8, ("build", 10000): 4.0}
LINEAR = ("compile", "check", "cost", "emit")  # 10k/1k <= 11
MEMORY_LIMIT_MB = 200


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def cell(self) -> str:
        return f"{fmt_s(self.median)} ({fmt_s(self.cpu_median)} CPU)"

    @property
    def peak(self) -> float:
        return max(self.rss_mb)


def run(cmd: Sequence[str], cwd: str, env: dict[str, str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds of the tree, peak RSS in MB of its largest process, exit code)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


# runs `autodeploy ARGV...` in this interpreter and writes the peaks of the Python process itself
# and of its largest child (OPA) to the file named by the first argument
SPLIT = """
import json, resource, sys
from autodeploy.cli import main
out, argv = sys.argv[1], sys.argv[2:]
try:
    main(argv)
finally:
    mb = lambda who: resource.getrusage(who).ru_maxrss / 1024
    with open(out, "w") as fh:
        json.dump({"python": mb(resource.RUSAGE_SELF), "child": mb(resource.RUSAGE_CHILDREN)}, fh)
"""


def split_peaks(cmd: Sequence[str], cwd: str, env: dict[str, str]) -> tuple[float, float]:
    """(MB of the Python process, MB of its largest child) for an `autodeploy` command line."""
    import json

    with tempfile.NamedTemporaryFile(suffix=".json") as fh:
        subprocess.run([sys.executable, "-c", SPLIT, fh.name, *cmd[len(AUTODEPLOY):]], cwd=cwd, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        doc = json.loads(Path(fh.name).read_text() or "{}")
    return float(doc.get("python", 0)), float(doc.get("child", 0))


def commands(adl: str, tf_dir: str, out: str) -> dict[str, list[str]]:
    return {
        "compile": [*AUTODEPLOY, "compile", adl],
        "check": [*AUTODEPLOY, "check", adl, "--framework", FRAMEWORKS],
        "cost": [*AUTODEPLOY, "cost", adl],
        "emit": [*AUTODEPLOY, "emit", adl, "-o", os.path.join(out, "emit")],
        "build": [*AUTODEPLOY, "build", adl, "-o", os.path.join(out, "build"), "--framework", FRAMEWORKS],
        "checkov": [str(CHECKOV), "-d", tf_dir, "--framework", "terraform", "--quiet", "--compact",
                    "-o", "json", "--skip-download"],
    }


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def time_verdict(s: Sample, limit: float) -> str:
    """The target judged on wall time and on CPU time (on a loaded machine only the second holds)."""
    return f"wall {verdict(s.median <= limit)}, CPU {verdict(s.cpu_median <= limit)}"

def main(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3, help="runs per figure (median; default 3)")
    p.add_argument("--sizes", default="1000,10000", help="resource counts (default 1000,10000)")
    p.add_argument("--checkov-runs", type=int, default=None,
                   help="checkov runs per size (default: --runs; 0 skips checkov)")
    p.add_argument("--cmd", help="the command to time instead of this venv's `autodeploy`, e.g. another "
                                 "checkout's `python -m autodeploy` (quoted; no Python/child split then)")
    args = p.parse_args(argv)
    if args.cmd:
        import shlex

        AUTODEPLOY[:] = shlex.split(args.cmd)
    sizes = [int(s) for s in args.sizes.split(",")]
    checkov_runs = args.runs if args.checkov_runs is None else args.checkov_runs
    have_checkov = CHECKOV.exists() and checkov_runs > 0
    env = dict(os.environ, HCL_PARSE_TIMEOUT_SEC="3600")  # checkov's parser gives up at 10 s by default
    load_before = os.getloadavg()
    samples: dict[tuple[str, int], Sample] = {}
    ratios: dict[int, list[float]] = {}
    cpu_ratios: dict[int, list[float]] = {}
    cold: dict[int, float] = {}
    split: dict[str, tuple[float, float]] = {}

    def record(name: str, n: int, measure: Callable[[], tuple[float, float, float, int]]) -> float:
        wall, cpu, rss, code = measure()
        s = samples.setdefault((name, n), Sample())
        s.wall.append(wall)
        s.cpu.append(cpu)
        s.rss_mb.append(rss)
        s.codes.add(code)
        return wall

    with tempfile.TemporaryDirectory(prefix="autodeploy-bench-") as tmp:
        cache = os.path.join(tmp, "cache")
        env["AUTODEPLOY_CACHE_DIR"] = cache
        for _ in range(args.runs):
            record("--version", 0, lambda: run([*AUTODEPLOY, "--version"], tmp, env))
            record("--help", 0, lambda: run([*AUTODEPLOY, "--help"], tmp, env))
            record("compile", 0, lambda: run([*AUTODEPLOY, "compile", EXAMPLE], tmp, env))
        for n in sizes:
            adl = os.path.join(tmp, f"bench{n}.adl")
            Path(adl).write_text(generate_adl(n), encoding="utf-8")
            tf_dir = os.path.join(tmp, f"tf{n}")
            os.makedirs(tf_dir)
            Path(tf_dir, "main.tf").write_text(generate_tf(n), encoding="utf-8")
            cmds = commands(adl, tf_dir, os.path.join(tmp, f"out{n}"))
            shutil.rmtree(cache, ignore_errors=True)
            cold[n] = run(cmds["check"], tmp, env)[0]  # builds the bundle: the first run after a change
            for r in range(args.runs):
                for name in ("compile", "cost", "emit", "build"):
                    record(name, n, lambda c=cmds[name]: run(c, tmp, env))  # type: ignore[misc]
                ours = record("check", n, lambda c=cmds["check"]: run(c, tmp, env))  # type: ignore[misc]
                if have_checkov and r < checkov_runs:
                    theirs = record("checkov", n, lambda c=cmds["checkov"]: run(c, tmp, env))  # type: ignore[misc]
                    ratios.setdefault(n, []).append(theirs / ours)
                    cpu_ratios.setdefault(n, []).append(
                        samples[("checkov", n)].cpu[-1] / samples[("check", n)].cpu[-1])
            if n == max(sizes) and not args.cmd:
                for name in ("compile", "check", "cost", "emit", "build"):
                    split[name] = split_peaks(cmds[name], tmp, env)
    load_after = os.getloadavg()

    print(f"autodeploy CLI bench ({' '.join(AUTODEPLOY)}): {os.cpu_count()} CPUs, "
          f"load average {load_before[0]:.2f} before / {load_after[0]:.2f} after; median of {args.runs} run(s)"
          + (f", checkov {checkov_runs}" if have_checkov else ", checkov not run") + "\n")
    print("| command | " + " | ".join(f"{n:,} resources" for n in sizes) + " | 10k/1k | peak RSS (largest) | target |")
    print("|---|" + "---|" * len(sizes) + "---|---|---|")
    for name in ("--version", "--help", "compile"):
        s = samples[(name, 0)]
        t = TARGETS[(name, 0)]
        label = "compile example" if name == "compile" else name
        print(f"| `{label}` | {s.cell()} (start-up) |" + " |" * (len(sizes) - 1)
              + f" | {s.peak:.0f} MB | ≤ {fmt_s(t)}: {time_verdict(s, t)} |")
    for name in ("compile", "check", "cost", "emit", "build", "checkov"):
        if (name, sizes[0]) not in samples:
            continue
        cells = [samples[(name, n)].cell() if (name, n) in samples else "—" for n in sizes]
        lin = ""
        if (name, 1000) in samples and (name, 10000) in samples:
            ratio = samples[(name, 10000)].median / samples[(name, 1000)].median
            cpu_ratio = samples[(name, 10000)].cpu_median / samples[(name, 1000)].cpu_median
            lin = f"{ratio:.1f} ({cpu_ratio:.1f} CPU)" + (
                f" (≤ 11: {verdict(max(ratio, cpu_ratio) <= 11)})" if name in LINEAR else "")
        big = max(n for n in sizes if (name, n) in samples)
        peak = samples[(name, big)].peak
        mem = f"{peak:.0f} MB" + (f" (≤ {MEMORY_LIMIT_MB}: {verdict(peak <= MEMORY_LIMIT_MB)})"
                                  if name != "checkov" and big == 10000 else "")
        goals = [f"{n:,} ≤ {fmt_s(TARGETS[(name, n)])}: {time_verdict(samples[(name, n)], TARGETS[(name, n)])}"
                 for n in sizes if (name, n) in TARGETS and (name, n) in samples]
        label = "checkov (Terraform twin)" if name == "checkov" else f"`{name}`"
        print(f"| {label} | " + " | ".join(cells) + f" | {lin} | {mem} | {'; '.join(goals)} |")
    for n, rs in sorted(ratios.items()):
        tf = samples[("checkov", n)]
        ratio, cpu_ratio = statistics.median(rs), statistics.median(cpu_ratios[n])
        goal = f"≥ 20×: wall {verdict(ratio >= 20)}, CPU {verdict(cpu_ratio >= 20)}" if n == 1000 else "—"
        cells = [f"checkov / `check` at {n:,}", f"{ratio:.1f}× ({cpu_ratio:.1f}× CPU; median of {len(rs)} paired)"]
        cells += [""] * len(sizes) + [f"{tf.peak:.0f} MB (checkov)", goal]
        print("| " + " | ".join(cells) + " |")
    print()
    for n, seconds in sorted(cold.items()):
        print(f"first `check` at {n:,} with an empty bundle cache (opa inspect + opa build): {fmt_s(seconds)}")
    if split:
        print(f"peak RSS at {max(sizes):,}, Python process / largest child (opa): "
              + "; ".join(f"{k} {py:.0f} / {ch:.0f} MB" for k, (py, ch) in split.items()))
    odd = sorted(f"{k[0]}@{k[1]}: {sorted(s.codes)}" for k, s in samples.items()
                 if s.codes - ({0, 1} if k[0] in ("check", "build") else {0}) and k[0] != "checkov")
    if odd:
        print("unexpected exit codes: " + ", ".join(odd))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
