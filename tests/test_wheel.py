"""The wheel holds every module: build it (pip; build isolation may fetch a current setuptools),
then import each module it contains from the unpacked wheel alone, not from the source tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from .test_layers import modules

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_builds_and_every_module_imports_from_it(tmp_path: Path) -> None:
    # build from a copy of the tracked files: setuptools' build/ folder in the tree could carry
    # modules that no longer exist into the wheel
    src = tmp_path / "src"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, tracked.decode().split("\0")):
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
        capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    in_wheel = sorted(
        n[:-3].replace("/", ".").removesuffix(".__init__") for n in names if n.endswith(".py")
    )
    # every module of the source tree is in the wheel, under the one namespace
    assert set(modules()) <= set(in_wheel), set(modules()) - set(in_wheel)
    assert all(n == "autodeploy" or n.startswith("autodeploy.") for n in in_wheel)
    for data in ("autodeploy/grammar/adl.lark", "autodeploy/policies/lib/kinds.rego",
                 "autodeploy/policies/templates/check_summary.md.j2", "autodeploy/nl/data/rules.md",
                 "autodeploy/service/templates/run.html.j2"):
        assert data in names, data
    # -S: no site-packages .pth files, so the editable install of the source tree is invisible;
    # the dependencies come from this interpreter's site-packages, after the wheel on the path.
    probe = (
        "import importlib, sys\n"
        f"mods = {in_wheel!r}\n"
        "import importlib.util\n"
        "for m in mods:\n"
        "    if m.endswith('__main__'):  # running it would run the CLI: locate it only\n"
        "        origin = importlib.util.find_spec(m).origin\n"
        "    else:\n"
        "        origin = importlib.import_module(m).__file__\n"
        f"    assert origin.startswith({str(site)!r}), (m, origin)\n"
        "print(len(mods))\n"
    )
    env = {"PYTHONPATH": f"{site}:{sysconfig.get_paths()['purelib']}", "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-S", "-c", probe], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert int(run.stdout.strip()) == len(in_wheel)
