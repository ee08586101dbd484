"""How a generated CI workflow installs autodeploy: pinned, always.

The name `autodeploy` on the public package index belongs to an unrelated project, so a bare
`pip install autodeploy` in a pipeline would run someone else's code. The distribution is
DISTRIBUTION, and `ci init` only writes one of two pinned installs:

- `autodeploy-adl @ git+URL@SHA`: the repository at one full commit;
- `--require-hashes -r FILE`: a lock file whose every requirement is `name==version` with
  `--hash=sha256:...` lines (pip then refuses anything else, dependencies included).
"""

from __future__ import annotations

import os
import re

from autodeploy.cli import UsageError
from autodeploy.errors import no_such_file

DISTRIBUTION = "autodeploy-adl"
SAFE_PATH = re.compile(r"^(?!/)(?!.*(^|/)\.\.(/|$))[A-Za-z0-9._/-]+$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_URL = re.compile(r"^(https|ssh)://[A-Za-z0-9._~/:@%+-]+$")
_PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9.+!_-]+(\s*;[^-]*)?$")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def install_spec(repo: str | None, commit: str | None, requirements: str | None) -> str:
    """The `pip install` arguments for the workflow, or UsageError when they would not be pinned."""
    if requirements is not None:
        if repo or commit:
            raise UsageError("--requirements and --repo/--commit are two ways to pin: give one")
        check_requirements(requirements)
        return f"--require-hashes -r {requirements}"
    if not repo or not commit:
        raise UsageError("ci init needs a pinned install: --repo URL --commit SHA (a full 40-hex commit), "
                         f"or --requirements FILE (hash-locked, pinning {DISTRIBUTION})")
    if not _URL.match(repo):
        raise UsageError(f"--repo {repo!r}: an https:// or ssh:// URL without spaces or quotes")
    if not _COMMIT.match(commit):
        raise UsageError(f"--commit {commit!r}: the full 40-hex commit id (a branch or tag can move)")
    return f'"{DISTRIBUTION} @ git+{repo}@{commit}"'


def check_requirements(path: str) -> None:
    """Every requirement pinned with `==` and hashed, and autodeploy among them."""
    if not SAFE_PATH.match(path):
        raise UsageError(f"--requirements {path!r}: a relative path of letters, digits, `._/-` in the repository")
    if not os.path.isfile(path):
        raise no_such_file(path, hint="--requirements: commit the lock file, then run ci init")
    with open(path, encoding="utf-8") as fh:
        entries = fh.read().replace("\\\n", " ").splitlines()
    names = set()
    for raw in entries:
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        req = line.split("--hash", 1)[0].strip()
        if not _PINNED.match(req) or not _HASH.search(line):
            raise UsageError(f"--requirements {path}: `{req}` is not pinned as name==version with --hash=sha256:...")
        names.add(_normal(req.split("==", 1)[0].split("[", 1)[0]))
    if DISTRIBUTION not in names:
        raise UsageError(f"--requirements {path}: it does not pin {DISTRIBUTION}")
