"""Prebuilt policy bundles: the library plus organisation folders, compiled once by `opa build`
and kept in the user's cache under the content hash of everything OPA would load, next to the
rule annotations `opa inspect` read from the same files.

A warm `check` then runs one OPA process (`opa eval -b <bundle>`) instead of one `opa inspect`
per folder plus an `opa eval` that re-reads every folder. The cache is an optimisation only and
never a reason to pass: an entry is used when its recorded sha256 matches the bundle's bytes and
its key matches the sources, else it is rebuilt; an entry that cannot be written leaves the run
on the uncached path; and the answer of a bundle goes through the same proof as any other
(policies/proof.py: every rule package loaded evaluated, the revision is this run's).

`build_bundle` is the plain builder (any folders, any output path) for other callers, e.g. a
bundle for an OPA server."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import opa as _opa
from .deadline import Deadline
from .diagnostics import PolicyEngineError

CACHE_ENV = "AUTODEPLOY_CACHE_DIR"
# bump when the layout of an entry or the build command changes: old entries are then never read
FORMAT = "1"
# what `opa eval -d` / `opa build` load from a folder: modules and data documents
LOADED_SUFFIXES = (".rego", ".json", ".yaml", ".yml")
# entries kept (least recently built dropped first): each policy folder set and version has its own
KEEP = 16


@dataclass(frozen=True)
class Prebuilt:
    annotations: tuple[dict[str, Any], ...]  # as policies/opa.py rule_annotations returns them
    path: str | None  # the bundle (.tar.gz) to evaluate with `opa eval -b`; None: evaluate the folders


def cache_dir() -> Path:
    """$AUTODEPLOY_CACHE_DIR, else $XDG_CACHE_HOME/autodeploy, else ~/.cache/autodeploy; bundles/ in it."""
    root = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "autodeploy"
    )
    return Path(root) / "bundles"


def loaded_files(dirs: Sequence[str]) -> list[Path]:
    """Every file OPA loads from `dirs` (not the rule unit tests), in a stable order."""
    out: list[Path] = []
    for d in dirs:
        out.extend(
            sorted(
                f
                for f in Path(d).rglob("*")
                if f.suffix in LOADED_SUFFIXES and not f.match(_opa.TEST_GLOB) and f.is_file()
            )
        )
    return out


def content_key(opa_version: str, dirs: Sequence[str], generated: Mapping[str, str]) -> str:
    """sha256 over the OPA version, each folder's absolute path (annotations name files by it) and
    every loaded file's path and bytes, and the generated modules."""
    h = hashlib.sha256(f"autodeploy-bundle {FORMAT}\0opa {opa_version}\0".encode())
    for d in dirs:
        h.update(b"dir\0" + os.path.abspath(d).encode() + b"\0")
    for f in loaded_files(dirs):
        data = f.read_bytes()
        h.update(b"file\0" + str(f).encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    for name in sorted(generated):
        h.update(b"gen\0" + name.encode() + b"\0" + generated[name].encode() + b"\0")
    return h.hexdigest()


def build_bundle(
    opa: str, dirs: Sequence[str], out: str | os.PathLike[str], deadline: Deadline,
    generated: Mapping[str, str] | None = None,
) -> None:
    """`opa build` of `dirs` (their *_test.rego left out) plus `generated` modules (file name ->
    Rego text) into the bundle `out`, written atomically. Raises PolicyEngineError (ADL3004 for a
    module that does not compile, ADL3005 otherwise, ADL3017 at the deadline)."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="autodeploy-build-") as tmp:
        paths = list(dirs)
        if generated:
            gen = Path(tmp, "generated")
            gen.mkdir()
            for name, text in generated.items():
                (gen / name).write_text(text, encoding="utf-8")
            paths.append(str(gen))
        fd, partial = tempfile.mkstemp(prefix=".bundle-", suffix=".tar.gz", dir=target.parent)
        os.close(fd)
        try:
            cmd = [opa, "build", "--ignore", _opa.TEST_GLOB, "-o", partial, *paths]
            code, stdout, stderr = _opa.run_bounded(cmd, None, deadline)
            if code != 0:
                raise _opa.opa_errors(stdout, stderr)
            os.replace(partial, target)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cached(entry: Path, key: str) -> Prebuilt | None:
    """The entry when it is whole and its bundle's bytes are the ones recorded; else None."""
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        bundle = entry / "bundle.tar.gz"
        if meta.get("key") != key or meta.get("bundle_sha256") != _sha256(bundle):
            return None
        annotations = meta["annotations"]
        if not isinstance(annotations, list) or not all(
            isinstance(a, dict) and isinstance(a.get("_file"), str) and isinstance(a.get("_line"), int)
            for a in annotations
        ):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Prebuilt(tuple(annotations), str(bundle))


def _store(entry: Path, key: str, bundle: Path, annotations: Sequence[dict[str, Any]]) -> None:
    """meta.json last, each file by rename: a reader sees a whole entry or none (then rebuilds)."""
    meta = {"key": key, "bundle_sha256": _sha256(bundle), "annotations": list(annotations)}
    fd, partial = tempfile.mkstemp(prefix=".meta-", suffix=".json", dir=entry)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(meta, fh)
        os.replace(partial, entry / "meta.json")
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    _prune(entry.parent, KEEP)


def _prune(root: Path, keep: int) -> None:
    """Drop all but the `keep` most recently written entries (a changing --policy-dir, every
    version of the library, would otherwise grow the cache without end)."""
    try:
        found = sorted((e.stat().st_mtime_ns, e) for e in root.iterdir() if e.is_dir())
    except OSError:
        return
    for _, old in found[: max(0, len(found) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def prepare(
    opa: str, dirs: Sequence[str], generated: Mapping[str, str], deadline: Deadline,
    inspect: Callable[[], list[dict[str, Any]]],
) -> Prebuilt:
    """The annotations of `dirs` and their bundle (with the `generated` modules): from the cache,
    else `inspect()` (`opa inspect`; its errors propagate) and `opa build`, then cached. The
    path is None when OPA will not build the bundle (evaluating the folders then reports the
    problem as it always has) or the cache cannot be written."""
    version = _opa.opa_version(opa, deadline.remaining())
    key = content_key(version or "unknown", dirs, generated)
    entry = cache_dir() / key[:32]
    hit = _cached(entry, key) if version else None
    if hit is not None:
        return hit
    annotations = inspect()
    bundle = entry / "bundle.tar.gz"
    try:
        entry.mkdir(parents=True, exist_ok=True)
        build_bundle(opa, dirs, bundle, deadline, generated)
        _store(entry, key, bundle, annotations)
    except PolicyEngineError as exc:
        if exc.diagnostic.code == "ADL3017":  # the deadline is spent: the run stops here
            raise
        return Prebuilt(tuple(annotations), None)
    except OSError:  # a read-only or full cache: evaluate without it
        return Prebuilt(tuple(annotations), None)
    return Prebuilt(tuple(annotations), str(bundle))
