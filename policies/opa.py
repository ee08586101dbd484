"""Finding and talking to OPA: the local binary (`opa eval`, `opa inspect`) and an OPA
server through opa-python-client. Both evaluate the same bundle on the same input, so the
engine above them returns identical findings whichever one ran."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Span

from .diagnostics import INSTALL_HINT, PolicyEngineError, engine_error

PINNED_VERSION = "1.22.3"
QUERY = "data.adl.main.findings"
# rule unit tests (`opa test`) sit next to the rules; they add nothing to findings, so neither
# engine loads them (halves the server's upload/compile work)
TEST_GLOB = "*_test.rego"
# the source checkout the package is (editable-)installed from: <repo>/policies/opa.py
REPO_ROOT = Path(__file__).resolve().parent.parent
# lib/ first: an OPA server rejects a rule uploaded before the lib functions it calls
PACKAGE_POLICY_DIRS = (Path(__file__).resolve().parent / "lib", Path(__file__).resolve().parent / "rules")


def policy_dirs(extra: Sequence[str | os.PathLike[str]] = ()) -> tuple[str, ...]:
    """The library's rules/ and lib/ (not the whole policies/ folder, whose data/ would load as
    data.data) plus the user's organisation dirs, in that order."""
    dirs = [str(d) for d in PACKAGE_POLICY_DIRS if d.is_dir()]
    for d in extra:
        if not os.path.isdir(d):
            raise engine_error(
                "ADL3004",
                problem=f"--policy-dir {os.fspath(d)!r} is not a directory",
                hint="pass a folder of .rego files that follow policies/README conventions",
            )
        dirs.append(os.path.abspath(d))
    return tuple(dirs)


def find_opa() -> str:
    """AUTODEPLOY_OPA, else <repo>/.tools/bin/opa, else `opa` on PATH; must be OPA 1.x."""
    env = os.environ.get("AUTODEPLOY_OPA")
    if env:
        candidate, where = env, f"AUTODEPLOY_OPA={env}"
    elif (REPO_ROOT / ".tools" / "bin" / "opa").exists():
        candidate = str(REPO_ROOT / ".tools" / "bin" / "opa")
        where = candidate
    else:
        found = shutil.which("opa")
        if found is None:
            raise engine_error(
                "ADL3001",
                problem="the OPA binary was not found (looked at AUTODEPLOY_OPA, "
                f"{REPO_ROOT / '.tools' / 'bin' / 'opa'} and PATH)",
                hint=INSTALL_HINT,
            )
        candidate, where = found, found
    version = _version(candidate)
    if version is None:
        raise engine_error("ADL3001", problem=f"{where} is not a runnable OPA binary", hint=INSTALL_HINT)
    if not version.startswith("1."):
        raise engine_error(
            "ADL3001",
            problem=f"{where} is OPA {version}; the policy library needs OPA 1.x (pinned {PINNED_VERSION})",
            hint=INSTALL_HINT,
        )
    return candidate


@functools.lru_cache(maxsize=8)
def _version(path: str) -> str | None:
    try:
        out = subprocess.run([path, "version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"^Version:\s*(\S+)", out.stdout, re.M)
    return m.group(1) if m and out.returncode == 0 else None


def _opa_errors(stdout: str, stderr: str) -> PolicyEngineError:
    """Turn OPA's JSON error report into ADL3004 (compile) / ADL3005 (runtime) at the .rego span."""
    try:
        payload = json.loads(stdout or stderr)
        errors = payload.get("errors") or [payload]
    except (ValueError, AttributeError):
        return engine_error(
            "ADL3005",
            problem=(stderr or stdout).strip() or "opa failed without a message",
            hint="run the same query with `opa eval` to see more",
        )
    return _error_from_list(errors)


def _error_from_list(errors: list[dict[str, Any]]) -> PolicyEngineError:
    first = errors[0] if errors else {}
    code = str(first.get("code", ""))
    loc = first.get("location") or {}
    span = None
    if loc.get("file"):
        row, col = int(loc.get("row", 1)), int(loc.get("col", 1))
        span = Span(_rel(loc["file"]), row, col, row, col + 1)
    message = str(first.get("message", "unknown OPA error"))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    if code.startswith(("rego_parse", "rego_compile", "rego_type", "rego_recursion", "rego_unsafe")):
        return PolicyEngineError(
            diag(
                "ADL3004",
                span,
                problem=f"{code}: {message}{more}",
                hint="fix the .rego file; check it with `opa check <dir>`",
            )
        )
    return PolicyEngineError(
        diag(
            "ADL3005",
            span,
            problem=f"{code or 'error'}: {message}{more}",
            hint="a rule failed at evaluation time; `opa eval` reproduces it",
        )
    )


def _rel(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def eval_local(opa: str, dirs: Sequence[str], input_doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One `opa eval` over the whole bundle; the input goes in on stdin."""
    cmd = [opa, "eval", "--format", "json", "--stdin-input", "--ignore", TEST_GLOB]
    for d in dirs:
        cmd += ["-d", d]
    cmd.append(QUERY)
    try:
        out = subprocess.run(
            cmd, input=json.dumps(input_doc), capture_output=True, text=True, check=False, timeout=600
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise engine_error("ADL3005", problem=f"could not run {opa}: {exc}", hint=INSTALL_HINT) from exc
    if out.returncode != 0:
        raise _opa_errors(out.stdout, out.stderr)
    payload = json.loads(out.stdout)
    results = payload.get("result") or []
    if not results:  # undefined: no adl.main package loaded
        return []
    value = results[0]["expressions"][0]["value"]
    return list(value or [])


def _tree_key(dirs: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
    key = []
    for d in dirs:
        for f in sorted(Path(d).rglob("*.rego")):
            st = f.stat()
            key.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(key)


def inspect_rules(opa: str | None, dirs: Sequence[str]) -> list[dict[str, Any]]:
    """Rule annotations (`# METADATA` with custom.id) of every dir, via `opa inspect -a`."""
    return list(_inspect_cached(opa, tuple(dirs), _tree_key(dirs)))


@functools.lru_cache(maxsize=16)
def _inspect_cached(opa: str | None, dirs: tuple[str, ...], _key: object) -> tuple[dict[str, Any], ...]:
    found: list[dict[str, Any]] = []
    for d in dirs:
        if opa is None:
            found.extend(_parse_annotations(d))
            continue
        out = subprocess.run(
            [opa, "inspect", "-a", "--format", "json", d],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if out.returncode != 0:
            raise _opa_errors(out.stdout, out.stderr)
        for ann in json.loads(out.stdout).get("annotations") or []:
            body = dict(ann.get("annotations") or {})
            body["_file"] = (ann.get("location") or {}).get("file", "")
            found.append(body)
    return tuple(found)


def _parse_annotations(d: str) -> list[dict[str, Any]]:
    """The same annotations read in Python, for the server engine on a machine without OPA:
    a `# METADATA` comment block is YAML (OPA's own format)."""
    import yaml

    out: list[dict[str, Any]] = []
    for f in sorted(Path(d).rglob("*.rego")):
        lines = f.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            if lines[i].strip() == "# METADATA":
                block = []
                i += 1
                while i < len(lines) and lines[i].startswith("#"):
                    block.append(lines[i][1:].removeprefix(" ") if lines[i] != "#" else "")
                    i += 1
                try:
                    body = yaml.safe_load("\n".join(block)) or {}
                except yaml.YAMLError:
                    continue
                if isinstance(body, dict):
                    body["_file"] = str(f)
                    out.append(body)
            else:
                i += 1
    return out


# ---- OPA server -------------------------------------------------------------------------------


def eval_server(url: str, dirs: Sequence[str], input_doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Upload every .rego file (PUT /v1/policies/<id>) and query data.adl.main.findings."""
    from opa_client.errors import ConnectionsError, RegoParseError
    from opa_client.opa import OpaClient
    from requests import RequestException

    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise engine_error(
            "ADL3003",
            url=url,
            reason="not an http(s) URL",
        )
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 8181)
    except ValueError as exc:  # a port that is not a number
        raise engine_error("ADL3003", url=url, reason=str(exc)) from exc
    client = OpaClient(host=parsed.hostname, port=port, ssl=parsed.scheme == "https", timeout=60.0, retries=0)
    try:
        try:
            client.check_connection()
        except ConnectionsError as exc:
            raise engine_error("ADL3003", url=url, reason=str(exc.__cause__ or exc)) from exc
        wanted = _server_modules(dirs)
        try:
            for stale in client.get_policies_list():
                if stale.startswith("autodeploy/") and stale not in wanted:
                    client.delete_policy(stale)
            _upload_all(client, _changed(client, wanted), RegoParseError)
            answer = client.query_rule(input_doc, "adl.main", "findings")
        except RequestException as exc:
            raise engine_error("ADL3003", url=url, reason=str(exc)) from exc
    finally:
        client.close_connection()
    return list(answer.get("result") or [])


def _server_modules(dirs: Sequence[str]) -> dict[str, tuple[str, str]]:
    """policy id -> (file, text); ids are stable per dir so re-runs replace, not duplicate."""
    out: dict[str, tuple[str, str]] = {}
    for i, d in enumerate(dirs):
        base = Path(d)
        tag = base.name if i < len(PACKAGE_POLICY_DIRS) and base in PACKAGE_POLICY_DIRS else f"org{i}"
        for f in sorted(base.rglob("*.rego")):
            if f.match(TEST_GLOB):
                continue
            pid = f"autodeploy/{tag}/{f.relative_to(base).as_posix()}"
            out[pid] = (str(f), f.read_text(encoding="utf-8"))
    return out


def _changed(client: Any, modules: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Only the modules whose text differs from the server's copy: every PUT recompiles the
    server's whole policy set (~0.5 s each here), so a warm server needs no upload at all."""
    from opa_client.errors import PolicyNotFoundError

    present = set(client.get_policies_list())
    out = {}
    for pid, (path, text) in modules.items():
        if pid in present:
            try:
                if (client.get_policy(pid).get("result") or {}).get("raw") == text:
                    continue
            except PolicyNotFoundError:
                pass
        out[pid] = (path, text)
    return out


def _upload_all(client: Any, modules: dict[str, tuple[str, str]], parse_error: type[Exception]) -> None:
    # The server compiles all of its modules on every PUT, so a rule uploaded before the lib
    # function it calls is rejected: retry the rejected ones until a round makes no progress.
    pending = list(modules)
    while pending:
        failed: list[str] = []
        last: Exception | None = None
        for pid in pending:
            try:
                client.update_policy_from_string(modules[pid][1], pid, rego_compat=False)
            except parse_error as exc:
                failed.append(pid)
                last = exc
        if len(failed) == len(pending):
            errors = list(getattr(last, "errors", None) or [])
            if not errors:
                errors = [
                    {
                        "code": getattr(last, "expression", "rego_compile_error"),
                        "message": getattr(last, "message", str(last)),
                    }
                ]
            raise _error_from_list(_server_locations(errors, modules))
        pending = failed


def _server_locations(
    errors: list[dict[str, Any]], modules: dict[str, tuple[str, str]]
) -> list[dict[str, Any]]:
    """The server reports locations by policy id; map them back to the .rego file."""
    out = []
    for e in errors:
        e = dict(e)
        loc = dict(e.get("location") or {})
        if loc.get("file") in modules:
            loc["file"] = modules[loc["file"]][0]
            e["location"] = loc
        out.append(e)
    return out
