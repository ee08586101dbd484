"""The `autodeploy` command. Subcommands live one per module in autodeploy.commands and
register themselves; exit codes are 0 clean, 1 the input has errors or findings,
2 usage or internal error."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import traceback

import autodeploy.commands as commands_pkg
from autodeploy.compiler.diagnostics import render_text
from autodeploy.errors import UsageError  # noqa: F401  (re-exported: commands raise it from here)
from autodeploy.fsutil import FileError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autodeploy",
        description="Typed, compliant, costed infrastructure from ADL files or a sentence.",
    )
    parser.add_argument("--version", action="version", version="autodeploy 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    mods = []
    for info in pkgutil.iter_modules(commands_pkg.__path__):
        if info.name.startswith("_"):
            continue
        mods.append(importlib.import_module(f"autodeploy.commands.{info.name}"))
    for mod in sorted(mods, key=lambda m: (getattr(m, "ORDER", 100), m.__name__)):
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"autodeploy: {exc}", file=sys.stderr)
        return 2
    except FileError as exc:  # an output path that cannot be written, an input that is not a file
        sys.stderr.write(render_text([exc.diagnostic], {}))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal bug: say so, and keep the traceback for reports
        print(f"autodeploy: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("AUTODEPLOY_DEBUG"):
            traceback.print_exc()
        else:
            print("  (set AUTODEPLOY_DEBUG=1 for the traceback and please report it)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
