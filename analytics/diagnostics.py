"""Diagnostics of the cost phase (ADL4001-ADL4099), registered in the compiler's catalogue.

Catalog problems (a missing or corrupt price file) are environment errors: the command
exits 2 and names the file. Usage-file problems point at the key with its line.
"""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E = Severity.ERROR

register(
    # ---- price catalog -------------------------------------------------------------
    Template(
        "ADL4001",
        E,
        "corrupt price file",
        "price catalog file {file!r} is corrupt: {reason}",
        "rebuild the catalog with `python scripts/build-price-catalog.py` or reinstall autodeploy",
    ),
    Template(
        "ADL4002",
        E,
        "missing price file",
        "price catalog file {file!r} is missing",
        "rebuild the catalog with `python scripts/build-price-catalog.py` or reinstall autodeploy",
    ),
    Template(
        "ADL4003",
        E,
        "unreadable price catalog",
        "cannot read price catalog manifest {file!r}: {reason}",
        "rebuild the catalog with `python scripts/build-price-catalog.py` or reinstall autodeploy",
    ),
    # ---- usage files ---------------------------------------------------------------
    Template("ADL4010", E, "unreadable usage file", "cannot read usage file {file!r}: {reason}", None),
    Template("ADL4011", E, "invalid usage file", "{problem}", "{hint}"),
    Template(
        "ADL4012", E, "unknown usage key", "usage key `{key}` does not apply to `{kind} {name}`", "{hint}"
    ),
    Template(
        "ADL4013",
        E,
        "unknown resource in usage file",
        "usage file names `{name}`, which is not a resource",
        "{hint}",
    ),
    Template(
        "ADL4014", E, "invalid usage value", "usage `{name}.{key}` must be {expected}, got {got!r}", None
    ),
    Template(
        "ADL4015",
        E,
        "usage value out of bounds",
        "usage `{name}.{key}` must be at most {bound} ({why}), got {got!r}",
        "check the unit and the number of zeros (docs/cost.md lists each key's bound)",
    ),
    Template(
        "ADL4016",
        Severity.WARNING,
        "usage key without effect",
        "usage key `{key}` changes nothing in the estimate of `{kind} {name}`",
        "{hint}",
    ),
    # ---- estimates and history -------------------------------------------------------
    Template(
        "ADL4030",
        E,
        "history database busy",
        "history database {path!r} is locked or in use: {reason}",
        "another autodeploy process holds it; retry, or set AUTODEPLOY_HISTORY to another file",
    ),
    Template(
        "ADL4031", E, "history database unusable", "cannot use history database {path!r}: {reason}", None
    ),
    Template(
        "ADL4040", E, "compare file does not compile", "`--compare` file {file!r} does not compile", None
    ),
)
