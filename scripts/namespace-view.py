#!/usr/bin/env python3
"""Build .tools/ns/autodeploy: a tree of symlinks that shows the installed import namespace
(`autodeploy.compiler` -> compiler/, ...) to tools that cannot follow the editable install's
import hook, such as mypy (`make lint` runs `mypy -p autodeploy` over it). The map is
pyproject's `package-dir`, the same one setup.py derives the packages from."""

from __future__ import annotations

import os
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(dest: Path) -> Path:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        roots: dict[str, str] = tomllib.load(fh)["tool"]["setuptools"]["package-dir"]
    top = dest / "autodeploy"
    if dest.exists():
        shutil.rmtree(dest)
    top.mkdir(parents=True)
    mapped = {name.split(".", 1)[1] for name in roots if "." in name}
    for entry in sorted((ROOT / roots["autodeploy"]).iterdir()):
        if entry.name not in mapped and entry.name != "__pycache__":
            os.symlink(entry, top / entry.name)
    for name, folder in sorted(roots.items()):
        if "." in name:
            link = dest / name.replace(".", "/")
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(ROOT / folder, link)
    return dest


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".tools" / "ns"))
