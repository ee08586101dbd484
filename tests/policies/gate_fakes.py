"""Misbehaving policy engines for the fail-closed tests: fake `opa` executables (small Python
scripts in a tmp dir that hand everything but `eval` to the real OPA) and a fake OPA server on
127.0.0.1 whose answer to the report query, and whose speed, the test chooses."""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# A public, unencrypted PHI bucket: the real engine fails it with 3 high+ findings.
PHI_ADL = """deployment clinic {
  cloud = aws
  region = "us-east-1"
  compliance = [hipaa]
}
bucket scans {
  size = 100 GB
  data = phi
  public = true
  encryption = false
}
"""

# What each fake `opa eval` does; `real` runs the real OPA with the same arguments and gives its
# parsed JSON output, `value` is that output's report. Every mode prints something OPA-like.
EVAL_MODES = {
    # prints nothing useful
    "empty-object": "print('{}')",
    "null-value": "print(json.dumps({'result': [{'expressions': [{'value': None}]}]}))",
    "empty-result": "print(json.dumps({'result': []}))",
    "not-json": "print('Error: something went wrong (not JSON)')",
    "not-utf8": "sys.stdout.buffer.write(b'\\xff\\xfe{garbage')",
    "list-payload": "print('[1, 2]')",
    # the real OPA, with a broken installation or a doctored answer
    "drop-rules": "real(drop_rules=True)",
    "old-query": "out = real(); out['result'][0]['expressions'][0]['value'] = value(out)['findings']; emit(out)",
    "no-proof": "out = real(); value(out).pop('evaluated'); emit(out)",
    "wrong-revision": "out = real(); value(out)['revision'] = 'sha256:0'; emit(out)",
    "lost-rule": "out = real(); value(out)['evaluated'].pop(); emit(out)",
    "foreign-rule": "out = real(); value(out)['evaluated'].append('acme.other'); emit(out)",
    "upper-severity": "out = real(); [f.update(severity='HIGH') for f in value(out)['findings']]; emit(out)",
    "unknown-rule-id": "out = real(); [f.update(rule='XYZ-1') for f in value(out)['findings']]; emit(out)",
    "findings-null": "out = real(); value(out)['findings'] = None; emit(out)",
    "hang": "time.sleep(600)",
}

_SCRIPT = """#!{python}
import json, os, subprocess, sys, time
REAL = {real!r}
args = sys.argv[1:]
if not args or args[0] != "eval":
    os.execv(REAL, [REAL] + args)


def real(drop_rules=False):
    argv = list(args)
    if drop_rules and "-b" in argv:  # the prebuilt bundle (policies/bundle.py), minus the rules
        import shutil, tarfile, tempfile
        i = argv.index("-b") + 1
        unpacked = tempfile.mkdtemp()
        with tarfile.open(argv[i]) as tar:
            tar.extractall(unpacked, filter="data")
        shutil.rmtree(os.path.join(unpacked, {rules!r}.lstrip("/")))
        argv[i] = unpacked
    elif drop_rules:  # an installation without policies/rules
        i = argv.index({rules!r}) - 1
        del argv[i : i + 2]
    proc = subprocess.run([REAL] + argv, stdin=sys.stdin, capture_output=True, text=True)
    if drop_rules:
        sys.stdout.write(proc.stdout)
        sys.exit(proc.returncode)
    return json.loads(proc.stdout)


def value(out):
    return out["result"][0]["expressions"][0]["value"]


def emit(out):
    print(json.dumps(out))


{body}
"""


def fake_opa(tmp: Path, real: str, mode: str, rules_dir: str) -> str:
    """A fake `opa` whose `eval` behaves as EVAL_MODES[mode]; everything else is the real OPA."""
    path = tmp / f"opa-{mode}"
    path.write_text(
        _SCRIPT.format(python=sys.executable, real=real, rules=rules_dir, body=EVAL_MODES[mode]), encoding="utf-8"
    )
    path.chmod(0o755)
    return str(path)


# ---- fake OPA server --------------------------------------------------------------------------

_REVISION = re.compile(r'revision := "([^"]+)"')
_PACKAGE = re.compile(r"^package[ \t]+adl\.rules\.(\S+)", re.M)


class FakeServer:
    """Speaks enough of OPA's REST API for opa-python-client: health, policy list/get/put/delete
    and POST /v1/data/adl/main/report, answered by `answer(state)` (state: what was uploaded).
    `delay` slows every request; `hang` blocks the report query until the server is closed."""

    def __init__(self, answer: Callable[[dict[str, Any]], Any], delay: float = 0.0, hang: bool = False) -> None:
        self.answer, self.delay, self.hang = answer, delay, hang
        self.policies: dict[str, str] = {}
        self.requests = 0
        self.closing = threading.Event()

    def state(self) -> dict[str, Any]:
        """The revision and rule packages a truthful engine would report for the uploads."""
        texts = list(self.policies.values())
        rev = next((m.group(1) for t in texts if (m := _REVISION.search(t))), None)
        evaluated = sorted({m.group(1) for t in texts for m in _PACKAGE.finditer(t)})
        return {"revision": rev, "evaluated": evaluated}

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: Any) -> None:
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _start(self) -> str:
                fake.requests += 1
                if fake.delay:
                    fake.closing.wait(fake.delay)
                return self.path.split("?")[0]

            def do_GET(self) -> None:  # noqa: N802
                path = self._start()
                if path.rstrip("/") == "/v1/policies":
                    self._send(200, {"result": [{"id": k} for k in fake.policies]})
                elif path.startswith("/v1/policies/"):
                    pid = path.removeprefix("/v1/policies/")
                    if pid in fake.policies:
                        self._send(200, {"result": {"id": pid, "raw": fake.policies[pid]}})
                    else:
                        self._send(404, {"code": "resource_not_found", "message": "no policy"})
                else:
                    self._send(200, {})

            def do_PUT(self) -> None:  # noqa: N802
                path = self._start()
                text = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                fake.policies[path.removeprefix("/v1/policies/")] = text
                self._send(200, {})

            def do_DELETE(self) -> None:  # noqa: N802
                fake.policies.pop(self._start().removeprefix("/v1/policies/"), None)
                self._send(200, {})

            def do_POST(self) -> None:  # noqa: N802
                self._start()
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if fake.hang:
                    fake.closing.wait(120)
                    return
                self._send(200, fake.answer(fake.state()))

        return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the gate hangs up on a slow or hung fake at its deadline: expected, not news


@contextmanager
def fake_server(
    answer: Callable[[dict[str, Any]], Any], delay: float = 0.0, hang: bool = False
) -> Iterator[tuple[str, FakeServer]]:
    fake = FakeServer(answer, delay, hang)
    httpd = _QuietServer(("127.0.0.1", 0), fake.handler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", fake
    finally:
        fake.closing.set()
        httpd.shutdown()
        httpd.server_close()


def finding(rule: str, severity: str) -> dict[str, Any]:
    return {
        "rule": rule,
        "title": "t",
        "severity": severity,
        "resource": "scans",
        "kind": "bucket",
        "attr": "public",
        "span": None,
        "controls": {},
        "frameworks": ["hipaa"],
        "message": "bucket `scans` is public",
        "remediation": "",
        "source": "",
    }


def org_rule(package: str, custom: dict[str, str]) -> str:
    """An organisation rule module whose METADATA `custom:` holds `custom` (YAML values as written)."""
    lines = "".join(f"#   {k}: {v}\n" for k, v in custom.items())
    return (
        f"# METADATA\n# title: Org rule\n# custom:\n{lines}package {package}\n\nimport data.adl.lib\n\n"
        'findings contains f if {\n\tsome r in lib.of_kind("bucket")\n'
        '\tf := lib.finding(rego.metadata.chain(), r, null, "org rule fired")\n}\n'
    )
