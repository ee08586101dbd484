"""The local OPA binary: finding it, running it under the evaluation's deadline (`opa eval`,
`opa inspect`), and turning its error reports into ADL3004/ADL3005. The OPA server engine is
policies/opa_server.py; both evaluate the same modules on the same input, and policies/proof.py
checks either answer the same way."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Span
from autodeploy.compiler.jsontext import dumps_compact

from .deadline import Deadline
from .diagnostics import INSTALL_HINT, PolicyEngineError, engine_error

if TYPE_CHECKING:
    from .library import Library

PINNED_VERSION = "1.22.3"
QUERY = "data.adl.main.report"
# rule unit tests (`opa test`) sit next to the rules; they add nothing to findings, so neither
# engine loads them (halves the server's upload/compile work)
TEST_GLOB = "*_test.rego"
# the source checkout the package is (editable-)installed from: <repo>/policies/opa.py
REPO_ROOT = Path(__file__).resolve().parent.parent
# lib/ first: an OPA server rejects a rule uploaded before the lib functions it calls
PACKAGE_POLICY_DIRS = (Path(__file__).resolve().parent / "lib", Path(__file__).resolve().parent / "rules")


def find_opa(timeout: float = 30.0) -> str:
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
    try:
        version = opa_version(candidate, timeout)
    except subprocess.TimeoutExpired:
        raise engine_error(
            "ADL3001", problem=f"{where} did not answer `opa version` within {timeout:g} s", hint=INSTALL_HINT
        ) from None
    if version is None:
        raise engine_error("ADL3001", problem=f"{where} is not a runnable OPA binary", hint=INSTALL_HINT)
    if not version.startswith("1."):
        raise engine_error(
            "ADL3001",
            problem=f"{where} is OPA {version}; the policy library needs OPA 1.x (pinned {PINNED_VERSION})",
            hint=INSTALL_HINT,
        )
    return candidate


_VERSIONS: dict[str, str] = {}


def opa_version(path: str, timeout: float) -> str | None:
    """`opa version` of a binary (successes cached per path: tests swap fake binaries)."""
    if path not in _VERSIONS:
        try:
            code, out, _ = run([path, "version"], None, timeout)
        except OSError:
            return None
        m = re.search(r"^Version:\s*(\S+)", out, re.M)
        if not m or code != 0:
            return None
        _VERSIONS[path] = m.group(1)
    return _VERSIONS[path]


def run(cmd: Sequence[str], stdin: str | None, timeout: float, cwd: str | None = None) -> tuple[int, str, str]:
    """Run in its own process group and kill the whole group at the timeout, so a wrapper
    script's children cannot keep the pipes (and us) open. Output is decoded leniently:
    bytes that are not UTF-8 reach the JSON check as such, not as a traceback."""
    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        cwd=cwd,
    )
    try:
        out, err = proc.communicate(stdin.encode() if stdin is not None else None, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


def run_bounded(
    cmd: Sequence[str], stdin: str | None, deadline: Deadline, cwd: str | None = None
) -> tuple[int, str, str]:
    """`run` within what is left of the evaluation's deadline (ADL3017 when it is spent)."""
    try:
        return run(cmd, stdin, deadline.remaining(), cwd)
    except subprocess.TimeoutExpired:
        raise deadline.expired() from None
    except OSError as exc:
        raise engine_error("ADL3005", problem=f"could not run {cmd[0]}: {exc}", hint=INSTALL_HINT) from exc


_TEXT_ERROR = re.compile(r"(?P<file>[^\s:]+\.rego):(?P<row>\d+): (?P<code>rego_\w+): (?P<msg>[^\n]*)")


def opa_errors(stdout: str, stderr: str) -> PolicyEngineError:
    """Turn OPA's JSON error report into ADL3004 (compile) / ADL3005 (runtime) at the .rego span."""
    try:
        payload = json.loads(stdout or stderr)
        errors = payload.get("errors") or [payload]
    except (ValueError, AttributeError):
        # `opa inspect` reports in text: "... /x/bad.rego:5: rego_parse_error: unexpected } token"
        m = _TEXT_ERROR.search(stderr or stdout)
        if m:
            return _error_from_list(
                [{"code": m["code"], "message": m["msg"], "location": {"file": m["file"], "row": int(m["row"])}}]
            )
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
        span = Span(rel(loc["file"]), row, col, row, col + 1)
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


def rel(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _json_input(doc: dict[str, Any]) -> str:
    return dumps_compact(doc)


def eval_local(opa: str, lib: Library, input_doc: dict[str, Any], deadline: Deadline) -> str:
    """One `opa eval` over every module plus the generated bundle module (the prebuilt bundle
    holding both, when there is one); the input goes in on stdin. Returns OPA's stdout for
    policies/proof.py to check."""
    if lib.bundle is not None:
        cmd = [opa, "eval", "--format", "json", "--stdin-input", "-b", lib.bundle, QUERY]
        code, out, err = run_bounded(cmd, _json_input(input_doc), deadline)
        if code != 0:
            raise opa_errors(out, err)
        return out
    with tempfile.TemporaryDirectory(prefix="autodeploy-bundle-") as tmp:
        Path(tmp, "bundle.rego").write_text(lib.bundle_module(), encoding="utf-8")
        cmd = [opa, "eval", "--format", "json", "--stdin-input", "--ignore", TEST_GLOB]
        for d in lib.dirs:
            cmd += ["-d", d]
        cmd += ["-d", tmp, QUERY]
        code, out, err = run_bounded(cmd, _json_input(input_doc), deadline)
    if code != 0:
        raise opa_errors(out, err)
    return out


# ---- rule metadata ----------------------------------------------------------------------------


def _tree_key(dirs: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
    key = []
    for d in dirs:
        for f in sorted(Path(d).rglob("*.rego")):
            st = f.stat()
            key.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(key)


_ANNOTATIONS: dict[tuple[object, ...], tuple[dict[str, Any], ...]] = {}


def rule_annotations(opa: str | None, dirs: Sequence[str], deadline: Deadline) -> list[dict[str, Any]]:
    """Every `# METADATA` annotation of the non-test modules in `dirs`, sorted by file and line,
    each with `_file` (absolute) and `_line`: from `opa inspect -a` when a binary is at hand,
    else read in Python (the server engine on a machine without OPA)."""
    key = (opa, tuple(dirs), _tree_key(dirs))
    if key not in _ANNOTATIONS:
        found: list[dict[str, Any]] = []
        for d in dirs:
            found.extend(_inspect(opa, d, deadline) if opa else _parse_annotations(d))
        found = [a for a in found if not Path(a["_file"]).match(TEST_GLOB)]
        found.sort(key=lambda a: (a["_file"], a["_line"]))
        if len(_ANNOTATIONS) >= 16:  # a long-lived process (optimizer, tests) sees many trees
            _ANNOTATIONS.clear()
        _ANNOTATIONS[key] = tuple(found)
    return [dict(a) for a in _ANNOTATIONS[key]]


def _inspect(opa: str, d: str, deadline: Deadline) -> list[dict[str, Any]]:
    code, out, err = run_bounded([opa, "inspect", "-a", "--format", "json", d], None, deadline)
    if code != 0:
        raise opa_errors(out, err)
    try:
        found = json.loads(out).get("annotations") or []
        result = []
        for ann in found:
            body = dict(ann.get("annotations") or {})
            loc = ann.get("location") or {}
            body["_file"] = os.path.abspath(str(loc.get("file", "")))
            body["_line"] = int(loc.get("row", 1))
            result.append(body)
    except (ValueError, AttributeError, TypeError) as exc:
        raise engine_error(
            "ADL3014", engine="opa inspect", problem=f"unreadable annotation listing ({exc})"
        ) from exc
    return result


def _parse_annotations(d: str) -> list[dict[str, Any]]:
    """The same annotations read in Python: a `# METADATA` comment block is YAML (OPA's format).
    A block that is not valid YAML is ADL3011 here (OPA's inspect rejects it as ADL3004)."""
    import yaml

    out: list[dict[str, Any]] = []
    for f in sorted(Path(d).rglob("*.rego")):
        if f.match(TEST_GLOB):
            continue
        lines = f.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            if lines[i].strip() == "# METADATA":
                start = i + 1
                block = []
                i += 1
                while i < len(lines) and lines[i].startswith("#"):
                    block.append(lines[i][1:].removeprefix(" ") if lines[i] != "#" else "")
                    i += 1
                try:
                    body = yaml.safe_load("\n".join(block)) or {}
                except yaml.YAMLError as exc:
                    raise PolicyEngineError(
                        diag(
                            "ADL3011",
                            Span.point(rel(str(f)), start, 1),
                            problem=f"the METADATA block is not valid YAML ({exc})".replace("\n", " "),
                            hint="fix the block; `opa inspect -a <dir>` shows how OPA reads it",
                        )
                    ) from exc
                if isinstance(body, dict):
                    body["_file"] = os.path.abspath(f)
                    body["_line"] = start
                    out.append(body)
            else:
                i += 1
    return out
