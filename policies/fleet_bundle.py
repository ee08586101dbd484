"""The policy library as a distributable OPA bundle for a fleet of stock OPA servers
(`autodeploy policy bundle`): the library's lib/ and rules/ (kind traits included: they are the
generated lib/kinds.rego) plus an organisation's --policy-dir folders, built with the real
`opa build`, revisioned by content and optionally signed.

- The bundle's files are the modules the gate loads (policies/library.py), each at its policy id
  (`autodeploy/<lib|rules|orgN>/<path>`), plus the generated `adl.bundle` module; so a server fed
  by the bundle answers `data.adl.main.report` with the same proof (policies/proof.py) the local
  engine gives.
- revision = the library revision (sha256 over every module's id and text): the same inputs give
  the same revision and, since `opa build` writes fixed tar headers, a byte-identical tarball.
  Signing keeps that: only deterministic algorithms (HMAC, RSA PKCS#1 v1.5) are offered.
- The manifest's roots are `adl`: OPA then refuses policy-API uploads under data.adl, so one
  pipeline's `--policy-dir` can no longer disturb the fleet's servers.

This is not policies/bundle.py (a local evaluation cache); it only distributes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import autodeploy.policies.fleet_diagnostics  # noqa: F401  (registers ADL094x)
from autodeploy.fsutil import write_atomic

from . import library as _library
from . import opa as _opa
from .deadline import Deadline
from .diagnostics import PolicyEngineError, engine_error
from .opa_server import BUNDLE_ID

ROOTS = ("adl",)
# the name docs/policy-bundles.md gives the bundle in OPA's `bundles:` config
BUNDLE_NAME = "autodeploy"
BUILD_TIMEOUT = 120.0
# deterministic JWS algorithms only: ECDSA and RSA-PSS signatures are randomised, so the same
# library would give a different tarball on every build
ALGORITHMS = ("HS256", "HS384", "HS512", "RS256", "RS384", "RS512")
MANIFEST = ".manifest"


@dataclass(frozen=True)
class Bundle:
    path: str
    revision: str
    modules: int  # .rego files in it (the generated adl.bundle module included)
    size: int  # bytes of the tarball
    sha256: str  # of the tarball
    signed: str | None  # the signing algorithm, or None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SigningKey:
    """What `opa build --signing-key` takes: the HMAC secret itself, or the PEM file's path."""

    argument: str
    algorithm: str


def signing_key(path: str, algorithm: str | None = None) -> SigningKey:
    """Read the key file: a PEM private key (RS*) or an HMAC secret (HS*, the file's text)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise engine_error("ADL0941", key=path, problem=f"cannot be read ({exc})", hint="") from None
    pem = text.lstrip().startswith("-----BEGIN")
    alg = (algorithm or ("RS256" if pem else "HS256")).upper()
    if alg not in ALGORITHMS:
        raise engine_error(
            "ADL0941",
            key=path,
            problem=f"algorithm {alg} is not offered",
            hint=f"use one of {', '.join(ALGORITHMS)} (deterministic signatures keep the bundle reproducible)",
        )
    if alg.startswith("RS") and not pem:
        raise engine_error("ADL0941", key=path, problem=f"{alg} needs a PEM private key",
                           hint="for a shared secret use --signing-alg HS256")
    if alg.startswith("HS"):
        secret = text.strip()
        if pem or len(secret) < 16:
            raise engine_error("ADL0941", key=path, problem=f"{alg} needs a shared secret of 16+ characters",
                               hint="for a PEM key use --signing-alg RS256")
        return SigningKey(secret, alg)
    return SigningKey(os.path.abspath(path), alg)


def build(
    output: str,
    policy_dirs: Sequence[str | os.PathLike[str]] = (),
    key: SigningKey | None = None,
    timeout: float = BUILD_TIMEOUT,
) -> Bundle:
    """Build, check and atomically write the bundle (ADL094x, ADL30xx on error)."""
    deadline = Deadline(timeout, "opa build")
    binary = _opa.find_opa(deadline.remaining())
    lib = _library.load(policy_dirs, binary, deadline)
    with tempfile.TemporaryDirectory(prefix="autodeploy-fleet-bundle-") as tmp:
        stage = Path(tmp, "stage")
        files = {m.policy_id: m.text for m in lib.modules}
        files[BUNDLE_ID] = lib.bundle_module()
        for pid, text in files.items():
            target = stage / pid
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (stage / MANIFEST).write_text(json.dumps({"roots": list(ROOTS)}), encoding="utf-8")
        out = str(Path(tmp, "bundle.tar.gz"))
        # paths inside the tarball are the arguments as given: build from inside the stage
        cmd = [binary, "build", "--bundle", ".", "--output", out, "--revision", lib.revision]
        if key is not None:
            cmd += ["--signing-key", key.argument, "--signing-alg", key.algorithm]
        code, stdout, stderr = _opa.run_bounded(cmd, None, deadline, cwd=str(stage))
        if code != 0:
            raise _build_error(stdout, stderr, {m.policy_id: m.file for m in lib.modules})
        data = Path(out).read_bytes()
    manifest = read_manifest(data, output)
    if manifest.get("revision") != lib.revision:  # what we asked for is what OPA wrote
        raise engine_error("ADL0940", problem=f"the manifest says revision {manifest.get('revision')!r}",
                           hint="check the OPA binary (pinned 1.22.3)")
    write_atomic(output, data)
    return Bundle(
        path=output,
        revision=lib.revision,
        modules=len(files),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        signed=key.algorithm if key else None,
    )


def _build_error(stdout: str, stderr: str, files: dict[str, str]) -> PolicyEngineError:
    """A compile error is ADL3004 at the real .rego file (OPA names the staged copy); anything
    else ADL0940."""
    text = (stderr or stdout).strip()
    m = _opa._TEXT_ERROR.search(text)
    if m:
        file = files.get(m["file"].removeprefix("./"), m["file"])
        location = {"file": file, "row": int(m["row"])}
        return _opa._error_from_list([{"code": m["code"], "message": m["msg"], "location": location}])
    first = text.splitlines()[0] if text else "opa build failed without a message"
    hint = "run the same `opa build` by hand to see more"
    if "manifest roots" in first:
        hint = "the bundle owns data.adl only: put organisation modules in packages under `adl` (adl.rules.<area>...)"
    return engine_error("ADL0940", problem=first, hint=hint)


def read_manifest(data: bytes, where: str) -> dict[str, Any]:
    """The `.manifest` of a bundle tarball (ADL0942 when it is not one)."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar.getmembers():
                if member.name.lstrip("/") == MANIFEST and member.isfile():
                    fh = tar.extractfile(member)
                    manifest = json.loads(fh.read()) if fh else None
                    break
            else:
                manifest = None
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        raise engine_error("ADL0942", path=where, problem=f"{type(exc).__name__}: {exc}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("revision"), str) or not manifest["revision"]:
        raise engine_error("ADL0942", path=where, problem="it has no `.manifest` with a revision")
    return manifest
