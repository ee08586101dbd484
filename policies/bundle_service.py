"""Publishing the library's bundle (policies/fleet_bundle.py) the way stock OPA servers poll it:
OPA's bundle service API is `GET <service url>/<resource>` answering 200 with the gzipped
tarball, and an ETag; OPA sends that ETag back in If-None-Match on its next poll and takes a 304
as "unchanged". Here ETag = the bundle's revision (a content hash), so a 304 is exact.

`BundlePublisher.handle` is framework-free (method, path, If-None-Match -> status, headers,
body). Two mounts use it: `router()` gives a FastAPI APIRouter for `autodeploy serve` (fastapi is
imported only there), and `serve_stdlib()` an http.server on 127.0.0.1 (`autodeploy policy
publish`, the tests). The file is re-read when it changes on disk, so rebuilding the bundle in
place publishes the new revision on the servers' next poll; a file that becomes unreadable is a
503, never the old bundle under a new name or an empty 200."""

from __future__ import annotations

import http.server
import os
import threading
from dataclasses import dataclass
from typing import Any

from .diagnostics import PolicyEngineError
from .fleet_bundle import BUNDLE_NAME, read_manifest

DEFAULT_RESOURCE = f"bundles/{BUNDLE_NAME}.tar.gz"


@dataclass(frozen=True)
class Response:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class _Loaded:
    key: tuple[int, int, int]  # (inode, size, mtime_ns) of the file read
    data: bytes
    revision: str


def etag_matches(header: str | None, etag: str) -> bool:
    """RFC 9110 If-None-Match: `*`, or a comma list of (possibly weak) entity tags."""
    if not header:
        return False
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


class BundlePublisher:
    """Serves one bundle file at `/<prefix>/<resource>` (see the module docstring)."""

    def __init__(self, path: str, resource: str = DEFAULT_RESOURCE) -> None:
        self.path = path
        self.resource = "/" + resource.strip("/")
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self.load()  # a bundle that is unreadable at start is the caller's ADL0942, not a 503 later

    def load(self) -> _Loaded:
        """The bundle as it is on disk now (re-read only when the file changed)."""
        try:
            st = os.stat(self.path)
        except OSError as exc:
            raise PolicyEngineError(_unreadable(self.path, str(exc))) from None
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        with self._lock:
            if self._loaded is None or self._loaded.key != key:
                try:
                    with open(self.path, "rb") as fh:
                        data = fh.read()
                except OSError as exc:
                    raise PolicyEngineError(_unreadable(self.path, str(exc))) from None
                revision = str(read_manifest(data, self.path)["revision"])
                self._loaded = _Loaded(key, data, revision)
            return self._loaded

    @property
    def revision(self) -> str:
        return self.load().revision

    def handle(self, method: str, path: str, if_none_match: str | None = None) -> Response:
        if path.split("?", 1)[0] != self.resource:
            return Response(404, (("Content-Type", "text/plain"),), b"no bundle here\n")
        if method not in ("GET", "HEAD"):
            return Response(405, (("Allow", "GET, HEAD"), ("Content-Type", "text/plain")), b"GET only\n")
        try:
            loaded = self.load()
        except PolicyEngineError as exc:  # OPA keeps its active bundle and retries on a 5xx
            return Response(503, (("Content-Type", "text/plain"),), exc.diagnostic.message.encode() + b"\n")
        etag = f'"{loaded.revision}"'
        common = (("ETag", etag), ("Cache-Control", "no-cache"))
        if etag_matches(if_none_match, etag):
            return Response(304, common, b"")
        body = loaded.data if method == "GET" else b""
        return Response(
            200, (("Content-Type", "application/gzip"), ("Content-Length", str(len(loaded.data))), *common), body
        )


def _unreadable(path: str, problem: str) -> Any:
    from autodeploy.compiler.catalogue import diag

    return diag("ADL0942", None, path=path, problem=problem)


def router(publisher: BundlePublisher, prefix: str = "") -> Any:
    """A FastAPI APIRouter serving the bundle at `<prefix>/<resource>` (mount with
    `app.include_router(router(publisher))`); fastapi is imported here only."""
    from fastapi import APIRouter, Request
    from fastapi.responses import Response as FastAPIResponse

    api = APIRouter()

    async def bundle(request: Request) -> FastAPIResponse:
        r = publisher.handle(request.method, publisher.resource, request.headers.get("if-none-match"))
        headers = {k: v for k, v in r.headers if k != "Content-Length"}
        return FastAPIResponse(content=r.body, status_code=r.status, headers=headers)

    # this module's annotations are strings (PEP 563) naming locals FastAPI cannot resolve
    bundle.__annotations__ = {"request": Request, "return": FastAPIResponse}

    api.add_api_route(prefix.rstrip("/") + publisher.resource, bundle, methods=["GET", "HEAD"],
                      include_in_schema=True, summary="The policy library's OPA bundle (ETag = revision)")
    return api


class _Handler(http.server.BaseHTTPRequestHandler):
    publisher: BundlePublisher

    def _answer(self) -> None:
        r = self.publisher.handle(self.command, self.path, self.headers.get("If-None-Match"))
        self.send_response(r.status)
        for k, v in r.headers:
            self.send_header(k, v)
        if not any(k == "Content-Length" for k, _ in r.headers):
            self.send_header("Content-Length", str(len(r.body)))
        self.end_headers()
        if self.command != "HEAD" and r.status != 304:
            self.wfile.write(r.body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (quiet: OPA polls often)
        pass


def serve_stdlib(publisher: BundlePublisher, host: str = "127.0.0.1", port: int = 0) -> http.server.HTTPServer:
    """A threaded http.server serving the bundle; the caller runs `serve_forever()` (port 0: any free)."""
    handler = type("BundleHandler", (_Handler,), {"publisher": publisher})
    return http.server.ThreadingHTTPServer((host, port), handler)
