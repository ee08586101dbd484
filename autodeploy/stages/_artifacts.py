"""What a build leaves in its out folder once the gate's verdict is final (docs/backends.md, "What a
build writes").

A CI job typically runs `autodeploy build -o out` and then `terraform -chdir=out apply` (or
`az deployment group create --template-file out/azuredeploy.json`). So a deployable file is in the
out folder only when the build passed:

- build passed: the artifacts are written atomically under their own names, and any other deployable
  name a previous build left there (`main.tf.json` after a switch to HCL, a `.failed` copy) is removed;
- build failed (the gate, the estimate, emit itself, or the compile): no deployable name is written and
  a stale one from an earlier passing build is removed, so the next CI step finds nothing to apply;
  `--keep-failed` writes the artifacts as `<name>.failed`, a name neither Terraform (`*.tf`,
  `*.tf.json`) nor `az` (an explicit path) picks up.

Reports (cost.json, findings.sarif) are written whatever the verdict: they explain it.
"""

from __future__ import annotations

import os

from autodeploy.compiler.catalogue import diag
from autodeploy.fsutil import FileError, describe_os_error, write_atomic

# every file name an emitter writes (Terraform HCL or JSON for AWS and Google Cloud, ARM for Azure)
DEPLOYABLE = ("azuredeploy.json", "azuredeploy.parameters.json", "main.tf", "main.tf.json")
FAILED_SUFFIX = ".failed"


def publish(out_dir: str, files: dict[str, str], passed: bool, keep_failed: bool) -> tuple[list[str], list[str]]:
    """Write (or withhold) the emitted `files`; returns (paths written, stale paths removed).
    Raises FileError when a file cannot be written or a stale deployable one removed (ADL0600, ADL0976)."""
    written: list[str] = []
    if passed:
        for rel, text in sorted(files.items()):
            path = os.path.join(out_dir, rel)
            write_atomic(path, text)
            written.append(path)
        keep = set(files)
    else:
        keep = set()
        if keep_failed:
            for rel, text in sorted(files.items()):
                path = os.path.join(out_dir, rel + FAILED_SUFFIX)
                write_atomic(path, text)
                written.append(path)
    stale = [name for name in DEPLOYABLE if name not in keep]
    if passed:  # a passing build also clears the inspection copies of an earlier failing one
        stale += [name + FAILED_SUFFIX for name in DEPLOYABLE]
    return written, _remove(out_dir, stale)


def withdraw(out_dir: str) -> list[str]:
    """Remove every deployable file from `out_dir` (a build that stops before emit); the removed paths."""
    return _remove(out_dir, list(DEPLOYABLE))


def _remove(out_dir: str, names: list[str]) -> list[str]:
    removed = []
    for name in names:
        path = os.path.join(out_dir, name)
        if os.path.islink(path) or os.path.isfile(path):
            try:
                os.remove(path)  # one unlink: the file is there whole or not at all
            except OSError as exc:
                raise FileError(diag("ADL0976", None, path=path, reason=describe_os_error(exc))) from None
            removed.append(path)
    return removed
