"""The pygls wiring: documents in, LSP answers out.

Each open document is compiled on open and, debounced, after changes; the compile runs on one
worker thread so requests keep being answered meanwhile (from the last compile's index and
the current text). A compile whose text is no longer current is dropped, never published.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from autodeploy.compiler.api import CompileResult, compile_source
from autodeploy.compiler.loader import display_path

from . import features as f
from .index import Index, build
from .policy import policy_diagnostics

DEBOUNCE_S = 0.05  # long enough to merge a burst of keystrokes, short against the compile itself
log = logging.getLogger(__name__)


class AdlServer:
    def __init__(self) -> None:
        self.ls = LanguageServer("autodeploy-adl", "0.1.0", text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.indexes: dict[str, Index] = {}
        self.latest: dict[str, int] = {}  # uri -> number of the newest text seen
        self.building: dict[str, asyncio.Future[None]] = {}
        self.policy = True  # initializationOptions {"policy": false} turns the second pass off
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="adl-compile")
        self._register()

    # -- where a document lives -----------------------------------------------------------
    def place(self, uri: str) -> tuple[str, str | None, str | None]:
        """(file name for spans, directory imports are relative to, project root)."""
        root = self.ls.workspace.root_path
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:
            return uri, root, root
        base = os.path.dirname(os.path.abspath(path))
        inside = root is not None and os.path.commonpath([os.path.abspath(root), base]) == os.path.abspath(root)
        return display_path(os.path.abspath(path)), base, root if inside else base

    def compile(self, uri: str, text: str) -> tuple[CompileResult, str]:
        name, base, root = self.place(uri)
        return compile_source(text, name, base_dir=base, root=root), name

    async def refresh(self, uri: str, delay: float) -> None:
        seq = self.latest.get(uri, 0) + 1
        self.latest[uri] = seq
        if delay:
            await asyncio.sleep(delay)
            if self.latest.get(uri) != seq:
                return
        doc = self.ls.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        loop = asyncio.get_running_loop()
        try:
            result, name = await loop.run_in_executor(self.pool, self.compile, uri, text)
        except Exception:  # a compiler bug must not take the editor's server down
            log.exception("compile failed for %s", uri)
            return
        if self.latest.get(uri) != seq:
            return  # newer text arrived while compiling: its own compile publishes
        lines = f.lines_of(text)
        diags = f.to_lsp_diagnostics(result.diagnostics, name, lines)
        self.publish(uri, version, diags)
        # the name index after the diagnostics (they are what the editor waits for); requests
        # that arrive meanwhile wait for it (index_of) rather than answer from older positions
        fut = loop.run_in_executor(self.pool, self._index, result, name, uri, seq)
        self.building[uri] = fut
        try:
            await fut
        finally:
            if self.building.get(uri) is fut:
                del self.building[uri]
        index = self.indexes.get(uri)
        if not self.policy or index is None or index.result is not result or not result.ok:
            return
        # the second pass: the policy gate, published with the compile diagnostics when it is done
        try:
            found = await loop.run_in_executor(self.pool, policy_diagnostics, index, lines)
        except Exception:
            log.exception("policy pass failed for %s", uri)
            return
        if self.latest.get(uri) == seq:
            index.rules, index.findings = found.rules, found.findings
            self.publish(uri, version, diags + found.diagnostics)

    def publish(self, uri: str, version: int | None, diags: list[t.Diagnostic]) -> None:
        self.ls.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version))

    def _index(self, result: CompileResult, name: str, uri: str, seq: int) -> None:
        previous = self.indexes.get(uri)
        index = build(result, name, previous)
        if previous is not None:
            index.rules = previous.rules  # the library's metadata, until this compile's policy pass
        if self.latest.get(uri) == seq:
            self.indexes[uri] = index

    async def index_of(self, uri: str) -> Index | None:
        fut = self.building.get(uri)
        if fut is not None:
            try:
                await asyncio.shield(fut)
            except Exception:  # the build failed: answer from the last index
                log.exception("index failed for %s", uri)
        return self.indexes.get(uri)

    def _lines(self, uri: str) -> list[str]:
        return f.lines_of(self.ls.workspace.get_text_document(uri).source)

    # -- handlers ---------------------------------------------------------------------------
    def _register(self) -> None:
        ls = self.ls

        @ls.feature(t.INITIALIZE)
        def initialize(params: t.InitializeParams) -> None:
            options = params.initialization_options
            if isinstance(options, dict) and options.get("policy") is False:
                self.policy = False

        @ls.feature(t.TEXT_DOCUMENT_DID_OPEN)
        async def did_open(params: t.DidOpenTextDocumentParams) -> None:
            await self.refresh(params.text_document.uri, 0)

        @ls.feature(t.TEXT_DOCUMENT_DID_CHANGE)
        async def did_change(params: t.DidChangeTextDocumentParams) -> None:
            await self.refresh(params.text_document.uri, DEBOUNCE_S)

        @ls.feature(t.TEXT_DOCUMENT_DID_CLOSE)
        def did_close(params: t.DidCloseTextDocumentParams) -> None:
            uri = params.text_document.uri
            self.indexes.pop(uri, None)
            self.latest[uri] = self.latest.get(uri, 0) + 1
            ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

        @ls.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[".", "=", " ", "[", '"']))
        async def completion(params: t.CompletionParams) -> t.CompletionList:
            uri, pos = params.text_document.uri, params.position
            items = f.completion(await self.index_of(uri), self._lines(uri), pos.line, pos.character)
            return t.CompletionList(is_incomplete=False, items=items)

        @ls.feature(t.TEXT_DOCUMENT_HOVER)
        async def hover(params: t.HoverParams) -> t.Hover | None:
            uri, pos = params.text_document.uri, params.position
            return f.hover(await self.index_of(uri), self._lines(uri), pos.line, pos.character)

        @ls.feature(t.TEXT_DOCUMENT_DEFINITION)
        async def definition(params: t.DefinitionParams) -> t.Location | None:
            uri, pos = params.text_document.uri, params.position
            return f.definition(await self.index_of(uri), self._lines(uri), pos.line, pos.character, uri)

        @ls.feature(t.TEXT_DOCUMENT_REFERENCES)
        async def references(params: t.ReferenceParams) -> list[t.Location]:
            uri, pos = params.text_document.uri, params.position
            return f.references(await self.index_of(uri), self._lines(uri), pos.line, pos.character, uri,
                                params.context.include_declaration)

        @ls.feature(t.TEXT_DOCUMENT_RENAME)
        async def rename(params: t.RenameParams) -> t.WorkspaceEdit | None:
            uri, pos = params.text_document.uri, params.position
            return f.rename(await self.index_of(uri), self._lines(uri), pos.line, pos.character, uri, params.new_name)

        @ls.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
        async def symbols(params: t.DocumentSymbolParams) -> list[t.DocumentSymbol]:
            uri = params.text_document.uri
            return f.document_symbols(await self.index_of(uri), self._lines(uri))

        @ls.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                    t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
        def code_action(params: t.CodeActionParams) -> list[t.CodeAction]:
            uri = params.text_document.uri
            return f.quick_fixes(uri, self._lines(uri), list(params.context.diagnostics))

        @ls.feature(t.TEXT_DOCUMENT_FORMATTING)
        def formatting(params: t.DocumentFormattingParams) -> list[t.TextEdit] | None:
            uri = params.text_document.uri
            return f.formatting(ls.workspace.get_text_document(uri).source, self.place(uri)[0])


class _OneLine(logging.Formatter):
    """pygls logs a malformed message from the editor with its Python traceback; the client is
    already answered with an error, so stderr gets one coded line (ADL0994) instead."""

    def format(self, record: logging.LogRecord) -> str:
        from autodeploy.compiler.catalogue import diag

        why = f": {record.exc_info[1]}" if record.exc_info and record.exc_info[1] is not None else ""
        d = diag("ADL0994", None, message=record.getMessage() + why)
        return f"{d.severity.value} {d.code}: {d.message}"


# the largest message body read from the editor; no document an editor sends comes near it
MAX_MESSAGE = 64 << 20


class BoundedStdin:
    """stdin as pygls reads it (readline, read(n)), with the Content-Length bounded: pygls allocates
    what the header announces, so `Content-Length: 999999999999` ended in MemoryError ("internal
    error"). A body over MAX_MESSAGE is refused with one coded line and read as end of input."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.refused = False

    def readline(self) -> bytes:
        return self.raw.readline()

    def read(self, n: int = -1) -> bytes:
        if n > MAX_MESSAGE:
            from autodeploy.compiler.catalogue import diag

            d = diag("ADL0994", None, message=f"a message of {n} bytes is over the {MAX_MESSAGE} byte limit; "
                                              "the server stops")
            sys.stderr.write(f"{d.severity.value} {d.code}: {d.message}\n")
            self.refused = True
            return b""
        return self.raw.read(n)


def serve() -> int:
    """Run until the editor closes stdin; 2 when the server stopped on a message it refused."""
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    pygls_log = logging.getLogger("pygls")
    pygls_log.addHandler(handler)
    pygls_log.propagate = False
    stdin = BoundedStdin(sys.stdin.buffer)
    AdlServer().ls.start_io(stdin)  # type: ignore[arg-type]
    return 2 if stdin.refused else 0
