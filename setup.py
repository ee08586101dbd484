"""Packages derived from pyproject's `package-dir` map (metadata lives in pyproject.toml): every
folder under a mapped root that holds an __init__.py is a package, so adding one needs no edit here."""

from __future__ import annotations

import os
import tomllib

from setuptools import setup


def derived_packages() -> tuple[dict[str, str], list[str]]:
    with open("pyproject.toml", "rb") as fh:
        roots: dict[str, str] = tomllib.load(fh)["tool"]["setuptools"]["package-dir"]
    packages = []
    for name, folder in roots.items():
        for here, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
            rel = os.path.relpath(here, folder)
            sub = name if rel == "." else name + "." + rel.replace(os.sep, ".")
            if "__init__.py" in files and (sub == name or sub not in roots):
                packages.append(sub)
    return roots, sorted(set(packages))


package_dir, packages = derived_packages()
setup(package_dir=package_dir, packages=packages)
