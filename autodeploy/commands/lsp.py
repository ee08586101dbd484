"""`autodeploy lsp`: the ADL language server on stdin/stdout, for editors (docs/editor.md)."""

from __future__ import annotations

import argparse
import sys

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import render_text

ORDER = 90


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("lsp", help="run the ADL language server on stdio (for editors)")
    p.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default and only transport)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from autodeploy.lsp.server import serve
    except ImportError as exc:  # pygls / lsprotocol are the optional [lsp] extra
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        sys.stderr.write(render_text([diag("ADL0800", None, missing=exc.name or "pygls")], {}))
        return 2
    serve()
    return 0
