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
from typing import NoReturn

import autodeploy.commands as commands_pkg
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, render_text
from autodeploy.errors import UsageError  # noqa: F401  (re-exported: commands raise it from here)
from autodeploy.fsutil import FileError


class _Parser(argparse.ArgumentParser):
    """argparse's refusals (unknown option, bad choice, missing argument) as coded diagnostics
    (ADL0990, exit 2), like every other refusal. Subcommand parsers inherit this class."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(render_text([diag("ADL0990", None, message=f"{self.prog}: {message}",
                                           hint=f"see `{self.prog} --help`")], {}))
        sys.exit(2)

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        # An empty value ("" from an unset shell variable: `-o "$OUT"`) was taken as the option left
        # out: `emit -o ""` wrote into the working folder, `check -o ""` to stdout, `cost --usage ""`
        # and `--opa-url ""` were ignored. It is refused instead (ADL0990), except where "" is a value.
        if arg_string == "" and not getattr(action, _EMPTY_OK, False) and action.nargs not in (argparse.PARSER,
                                                                                               argparse.REMAINDER):
            raise argparse.ArgumentError(action, "an empty value; give one, or leave the option out")
        return super()._get_value(action, arg_string)


_EMPTY_OK = "_autodeploy_empty_ok"


def allow_empty(action: argparse.Action) -> argparse.Action:
    """Mark one option whose empty value means something (`serve token create --label ""`: no
    label). The mark sits on the option itself: keyed on its name, any later option called the same
    in another command would have taken "" silently."""
    setattr(action, _EMPTY_OK, True)
    return action


def usage_diagnostic(exc: UsageError) -> Diagnostic:
    return diag(exc.code, None, message=str(exc), path=exc.path, hint=exc.hint)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C while the command modules load or argparse runs: no traceback
        return 130


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        sys.stderr.write(render_text([diag("ADL0990", None, message="no command given",
                                           hint="name one of the commands above")], {}))
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        sys.stderr.write(render_text([usage_diagnostic(exc)], {}))
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
