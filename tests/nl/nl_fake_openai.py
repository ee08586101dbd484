"""A scripted OpenAI chat-completions server for the tests (http.server in a thread, 127.0.0.1)."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str | None = None  # the assistant message (None: no choices at all)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # a raw body instead of a chat completion
    delay: float = 0.0


def completion(content: str | None) -> dict[str, Any]:
    choices = (
        []
        if content is None
        else [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]
    )
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "fake",
        "choices": choices,
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class FakeOpenAI:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                n = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(n)
                outer.paths.append(self.path)
                try:
                    outer.requests.append(json.loads(body))
                except ValueError:
                    outer.requests.append({"raw": body.decode("utf-8", "replace")})
                reply = (
                    outer.replies.popleft()
                    if outer.replies
                    else Reply(status=500, raw=b'{"error": "no script"}')
                )
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.raw if reply.raw is not None else json.dumps(completion(reply.content)).encode()
                try:
                    self.send_response(reply.status)
                    ctype = (
                        "application/json"
                        if reply.raw is None or reply.raw.startswith(b"{")
                        else "text/plain"
                    )
                    self.send_header("content-type", ctype)
                    self.send_header("content-length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def script(self, *replies: Reply) -> None:
        self.replies.clear()
        self.requests.clear()
        self.paths.clear()
        self.replies.extend(replies)
