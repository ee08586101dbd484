"""The OPA server engine (`--opa-url`), through opa-python-client: upload the modules that
differ from the server's copy, then POST the input to data.adl.main.report.

The whole exchange runs under the evaluation's deadline: each request's timeout is what is left
of it, and the exchange runs on a worker thread the caller stops waiting for at the deadline, so
a hung server, or one answering each of many requests slowly, ends in ADL3017 on time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import ParseResult, urlparse

from . import opa as _opa
from .deadline import Deadline
from .diagnostics import engine_error

if TYPE_CHECKING:
    from .library import Library

T = TypeVar("T")
BUNDLE_ID = "autodeploy/bundle/revision.rego"
ENGINE = "opa server"


def eval_server(url: str, lib: Library, input_doc: dict[str, Any], deadline: Deadline) -> Any:
    """The server's JSON answer to the report query (policies/proof.py checks it)."""
    parsed, port = parse_url(url)
    return within(
        deadline,
        lambda: _exchange(url, parsed.hostname or "", port, parsed.scheme == "https", lib, input_doc, deadline),
    )


def parse_url(url: str) -> tuple[ParseResult, int]:
    """The server URL (scheme defaults to http) and its port (ADL3003 when it is not one)."""
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise engine_error("ADL3003", url=url, reason="not an http(s) URL")
    try:  # a label over 63 characters or an empty one would escape the HTTP client as a parse error
        parsed.hostname.encode("idna")
    except UnicodeError as exc:
        raise engine_error("ADL3003", url=url, reason=f"not a valid host name ({exc})") from exc
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 8181)
    except ValueError as exc:  # a port that is not a number
        raise engine_error("ADL3003", url=url, reason=str(exc)) from exc
    return parsed, port


def within(deadline: Deadline, exchange: Callable[[], T]) -> T:
    """Run `exchange` on a worker thread the caller stops waiting for at the deadline."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["answer"] = exchange()
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    worker = threading.Thread(target=work, name="autodeploy-opa-server", daemon=True)
    worker.start()
    worker.join(max(deadline.left(), 0.0))
    if worker.is_alive():  # it ends by itself when its request times out; nobody waits for it
        raise deadline.expired()
    if "error" in box:
        raise box["error"]
    answer: T = box["answer"]
    return answer


def _exchange(
    url: str, host: str, port: int, ssl: bool, lib: Library, input_doc: dict[str, Any], deadline: Deadline
) -> Any:
    from opa_client.errors import ConnectionsError, RegoParseError
    from opa_client.opa import OpaClient
    from requests import JSONDecodeError, RequestException, Timeout

    client = OpaClient(host=host, port=port, ssl=ssl, timeout=deadline.remaining(), retries=0)

    def timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        client.timeout = deadline.remaining()
        return fn(*args, **kwargs)

    try:
        try:
            timed(client.check_connection)
        except ConnectionsError as exc:
            if isinstance(exc.__cause__, Timeout):
                raise deadline.expired() from exc
            raise engine_error("ADL3003", url=url, reason=str(exc.__cause__ or exc)) from exc
        wanted = _server_modules(lib)
        step = "listing policies"
        try:
            for stale in timed(client.get_policies_list):
                if stale.startswith("autodeploy/") and stale not in wanted:
                    timed(client.delete_policy, stale)
            step = "uploading policies"
            _upload_all(client, timed, _changed(client, timed, wanted), RegoParseError)
            step = "querying data.adl.main.report"
            return _query(client, timed, input_doc)
        except Timeout as exc:
            raise deadline.expired() from exc
        except JSONDecodeError as exc:  # before RequestException: it is one
            raise engine_error("ADL3014", engine=ENGINE, problem=f"non-JSON answer while {step} ({exc})") from exc
        except RequestException as exc:
            raise engine_error("ADL3003", url=url, reason=str(exc)) from exc
        except (AttributeError, TypeError, KeyError, ValueError) as exc:  # JSON of the wrong shape
            raise engine_error(
                "ADL3014", engine=ENGINE, problem=f"unexpected answer while {step} ({type(exc).__name__}: {exc})"
            ) from exc
    finally:
        client.close_connection()


def _query(client: Any, timed: Callable[..., Any], input_doc: dict[str, Any]) -> Any:
    from requests import HTTPError

    try:
        return timed(client.query_rule, input_doc, "adl.main", "report")
    except HTTPError as exc:  # an evaluation error comes back as a 500 with OPA's error report
        try:
            body = exc.response.json() if exc.response is not None else None
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("code"):
            raise _opa._error_from_list(body.get("errors") or [body]) from exc
        raise


def _server_modules(lib: Library) -> dict[str, tuple[str, str]]:
    """policy id -> (file, text); ids are stable per dir so re-runs replace, not duplicate.
    The generated bundle module goes last: nothing depends on it."""
    out = {m.policy_id: (m.file, m.text) for m in lib.modules}
    out[BUNDLE_ID] = ("<generated bundle module>", lib.bundle_module())
    return out


def _changed(client: Any, timed: Callable[..., Any], modules: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Only the modules whose text differs from the server's copy: every PUT recompiles the
    server's whole policy set (~0.5 s each here), so a warm server needs no upload at all."""
    from opa_client.errors import PolicyNotFoundError

    present = set(timed(client.get_policies_list))
    out = {}
    for pid, (path, text) in modules.items():
        if pid in present:
            try:
                if (timed(client.get_policy, pid).get("result") or {}).get("raw") == text:
                    continue
            except PolicyNotFoundError:
                pass
        out[pid] = (path, text)
    return out


def _upload_all(
    client: Any,
    timed: Callable[..., Any],
    modules: dict[str, tuple[str, str]],
    parse_error: type[Exception],
) -> None:
    # The server compiles all of its modules on every PUT, so a rule uploaded before the lib
    # function it calls is rejected: retry the rejected ones until a round makes no progress.
    pending = list(modules)
    while pending:
        failed: list[str] = []
        last: Exception | None = None
        for pid in pending:
            try:
                timed(client.update_policy_from_string, modules[pid][1], pid, rego_compat=False)
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
            raise _opa._error_from_list(_server_locations(errors, modules))
        pending = failed


def _server_locations(errors: list[dict[str, Any]], modules: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
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
