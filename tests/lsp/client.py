"""A raw JSON-RPC client that drives `autodeploy lsp` over stdio, as an editor does."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class LspClient:
    def __init__(self, cwd: Path = ROOT) -> None:
        exe = Path(sys.executable).with_name("autodeploy")
        self.proc = subprocess.Popen([str(exe), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env={**os.environ, "PYTHONHASHSEED": "0"})
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notes: list[dict[str, Any]] = []
        self._id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                k, _, v = line.decode().partition(":")
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body))

    def send_raw(self, payload: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(payload) + payload)
        self.proc.stdin.flush()

    def send(self, msg: dict[str, Any]) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **msg}).encode())

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> dict[str, Any]:
        self._id += 1
        rid = self._id
        self.send({"id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def wait(self, pred: Any, timeout: float = 60) -> dict[str, Any]:
        for m in self.notes:
            if pred(m):
                self.notes.remove(m)
                return m
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching message from the server")
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if pred(m):
                return m
            self.notes.append(m)

    def diagnostics(self, uri: str, timeout: float = 60, version: int | None = None) -> list[dict[str, Any]]:
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri and version in (None, m["params"].get("version")), timeout)
        return list(m["params"]["diagnostics"])

    def initialize(self, root: Path = ROOT, policy: bool = False) -> dict[str, Any]:
        """`policy`: run the policy pass (off by default here: most tests look at compile diagnostics)."""
        r = self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {},
                                        "initializationOptions": {"policy": policy}})
        self.notify("initialized", {})
        return r

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "adl", "version": version, "text": text}})

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})

    def at(self, method: str, uri: str, line: int, char: int, **extra: Any) -> Any:
        r = self.request(method, {"textDocument": {"uri": uri}, "position": {"line": line, "character": char},
                                  **extra})
        assert "error" not in r, r
        return r["result"]

    def close(self) -> int:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            return self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if f is not None:
                    f.close()
