"""`autodeploy lsp`: the ADL language server on stdin/stdout, for editors (docs/editor.md)."""

from __future__ import annotations

import argparse
import importlib.util
import sys

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import render_text

ORDER = 90


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("lsp", help="run the ADL language server on stdio (for editors)")
    p.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default and only transport)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # pygls / lsprotocol are the optional [lsp] extra: ask for them by name, so a broken import in
    # our own server module is never mistaken for a missing extra
    missing = [m for m in ("pygls", "lsprotocol") if importlib.util.find_spec(m) is None]
    if missing:
        sys.stderr.write(render_text([diag("ADL0800", None, missing=missing[0])], {}))
        return 2
    from autodeploy.lsp.server import serve

    return serve()
