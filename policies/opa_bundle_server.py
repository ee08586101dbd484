"""The gate on an OPA server fed by the library's bundle (`check --opa-url URL --bundle-mode`):
nothing is uploaded. The server must prove, before its answer counts, that the bundle it has
activated is the expected revision:

1. `GET /v1/data/system/bundles`: OPA lists every activated bundle with its manifest. The one
   whose roots own `data.adl` must exist (else ADL0943) and carry the expected revision (else
   ADL0944). Expected: `--bundle-revision`, which must also be this run's library revision
   (ADL0945), else the library revision itself.
2. `POST /v1/data/adl/main/report`: the answer then goes through the same proof as any engine's
   (policies/proof.py), whose revision check also catches a bundle swapped between 1 and 2.

Both requests run under the evaluation's deadline (policies/opa_server.within)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

import autodeploy.policies.fleet_diagnostics  # noqa: F401  (registers ADL094x)

from . import opa as _opa
from .deadline import Deadline
from .diagnostics import engine_error
from .fleet_bundle import ROOTS
from .opa_server import parse_url, within

if TYPE_CHECKING:
    from .library import Library

ENGINE = "opa server (bundle)"


def eval_bundle_server(
    url: str, lib: Library, input_doc: dict[str, Any], deadline: Deadline, expected: str | None = None
) -> Any:
    """The server's JSON answer to the report query, once its bundle revision checked out."""
    want = expected or lib.revision
    if want != lib.revision:
        raise engine_error("ADL0945", want=want, have=lib.revision)
    parsed, port = parse_url(url)
    base = f"{parsed.scheme}://{parsed.hostname}:{port}{parsed.path.rstrip('/')}"

    def exchange() -> Any:
        check_revision(url, _request(url, f"{base}/v1/data/system/bundles", None, deadline), want)
        return _request(url, f"{base}/v1/data/adl/main/report", {"input": input_doc}, deadline)

    return within(deadline, exchange)


def active_bundle(answer: Any) -> tuple[str, str] | None:
    """(name, revision) of the activated bundle whose roots own data.adl, from the answer to
    GET /v1/data/system/bundles; None when there is none."""
    bundles = answer.get("result") if isinstance(answer, dict) else None
    if not isinstance(bundles, dict):
        return None
    for name in sorted(bundles):
        manifest = (bundles[name] or {}).get("manifest") if isinstance(bundles[name], dict) else None
        if not isinstance(manifest, dict):
            continue
        roots = manifest.get("roots")
        roots = [""] if roots is None else roots  # OPA: no roots means the bundle owns everything
        if isinstance(roots, list) and any(_owns(str(r), root) for r in roots for root in ROOTS):
            return name, str(manifest.get("revision", ""))
    return None


def _owns(bundle_root: str, path: str) -> bool:
    r = bundle_root.strip("/")
    return r == "" or path == r or path.startswith(r + "/")


def check_revision(url: str, answer: Any, want: str) -> None:
    found = active_bundle(answer)
    if found is None:
        bundles = answer.get("result") if isinstance(answer, dict) else None
        names = ", ".join(sorted(bundles)) if isinstance(bundles, dict) and bundles else ""
        problem = f"its bundles ({names}) do not own data.adl" if names else "it has activated no bundle"
        raise engine_error("ADL0943", url=url, problem=problem)
    name, got = found
    if got != want:
        raise engine_error("ADL0944", url=url, name=name, got=got or "(none)", want=want)


def _request(url: str, full: str, body: dict[str, Any] | None, deadline: Deadline) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(full, data=data, method="GET" if body is None else "POST")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=deadline.remaining()) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as exc:
        raise _http_error(url, exc) from None
    except TimeoutError:
        raise deadline.expired() from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise deadline.expired() from None
        raise engine_error("ADL3003", url=url, reason=str(reason)) from None
    try:
        return json.loads(raw)
    except ValueError:
        raise engine_error("ADL3014", engine=ENGINE, problem=f"non-JSON answer from {full}") from None


def _http_error(url: str, exc: urllib.error.HTTPError) -> Exception:
    try:
        payload = json.loads(exc.read() or b"null")
    except (ValueError, OSError):
        payload = None
    if exc.code == 500 and isinstance(payload, dict) and payload.get("code"):  # an evaluation error
        return _opa._error_from_list(payload.get("errors") or [payload])
    return engine_error("ADL3003", url=url, reason=f"HTTP {exc.code} from {exc.url}")
