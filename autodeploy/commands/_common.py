"""Helpers shared by subcommands: compiling with diagnostics printed, --set parsing."""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from autodeploy.cli import UsageError
from autodeploy.compiler.catalogue import diag
from autodeploy.errors import no_such_file
from autodeploy.fsutil import FileError, UnreadableFile, read_text

if TYPE_CHECKING:
    from autodeploy.compiler import CompileResult

# Every command module is imported to build the parser (even for --version): the compiler and the
# stages' engines are imported where a command runs, never at module level (tests/test_startup.py).


def add_compile_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the .adl file")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter (repeatable)")
    add_root_arg(p)


def add_cloud_arg(p: argparse.ArgumentParser) -> None:
    from autodeploy.compiler.kinds import DEPLOYMENT

    clouds = DEPLOYMENT.attr("cloud").type.values  # type: ignore[union-attr]
    p.add_argument("--cloud", choices=clouds, default=None,
                   help="retarget the file to this cloud (portable sizes resolve there; default: the file's cloud)")


MAX_REPAIRS = 10  # each round is one more paid LLM call; more than this is a loop, not a repair


def repair_rounds(value: str) -> int:
    """--max-repairs of generate and chat: 0..MAX_REPAIRS (chat took -1 and 10**20 unchecked)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if not 0 <= n <= MAX_REPAIRS:
        raise argparse.ArgumentTypeError(f"--max-repairs must be between 0 and {MAX_REPAIRS}, got {n}")
    return n


# bidirectional controls: they reorder what a reader sees ("trojan source"), in a file or a terminal
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def not_text(words: str) -> str | None:
    """What makes typed words (a chat turn, a generate request) something else, or None. Piped
    binary reached the offline translator and rewrote the file with words found in the noise;
    undecodable bytes arrive as lone surrogates (surrogateescape); an ESC sequence or a bidi
    override was copied into the generated file's header comment."""
    import unicodedata

    for ch in words:
        if "\udc80" <= ch <= "\udcff":
            return "bytes that are not UTF-8 text"
        if ch in _BIDI or (ch != "\t" and unicodedata.category(ch) == "Cc"):
            return f"the control character U+{ord(ch):04X}"
    return None


def add_root_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=None, metavar="DIR",
                   help="project root: imports and paths in the file must stay inside it "
                        "(default: the file's directory)")


def root_of(args: argparse.Namespace) -> str | None:
    root = getattr(args, "root", None)
    if root is not None and not os.path.isdir(root):
        raise UsageError(f"--root: not a directory: {root}")
    return root


def parse_sets(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--set expects NAME=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        k = k.strip()
        if v != v.strip():  # trimming would change the value silently: the user decides
            raise UsageError(f"--set {k}: the value {v!r} has leading or trailing whitespace",
                             hint=f"quote it to keep the spaces (--set '{k}=\"{v}\"'), or remove them")
        if out.get(k, v) != v:  # a script that appends its --set to another's: neither may win silently
            raise UsageError(f"--set {k} is given twice, as {out[k]!r} and {v!r}; give it once")
        out[k] = v
    return out


def main_input(path: str) -> str:
    """The path, once it is known to name something; a missing file is a usage error (exit 2).
    (A symlink loop or a FIFO does exist: compile_file reports those with ADL0102.)"""
    if not os.path.lexists(path):
        raise no_such_file(path)
    return path


def read_input(path: str, adl: bool = True) -> str:
    """The text of an input file named on the command line, read without blocking. Missing:
    a usage error; a directory, FIFO, device, symlink loop or non-UTF-8 file: a coded
    environment error (ADL0102 for ADL sources, ADL0602 otherwise), exit 2 either way."""
    from autodeploy.compiler.loader import display_path

    main_input(path)
    try:
        return read_text(path)
    except UnreadableFile as exc:
        d = (diag("ADL0102", None, path=display_path(path), reason=exc.reason) if adl
             else diag("ADL0602", None, path=path, reason=exc.reason, hint=""))
        raise FileError(d) from None


def compile_args(args: argparse.Namespace, diag_format: str = "text") -> CompileResult:
    """Compile the file named on the command line; print diagnostics to stderr."""
    from autodeploy.compiler import compile_file

    result = compile_file(main_input(args.file), parse_sets(args.sets), root=root_of(args),
                          cloud=getattr(args, "cloud", None))
    # The IR, graph and sources live until this process exits: move them out of the cyclic
    # collector's sight. Otherwise every later full collection (building the policy input, the
    # estimate, the emitted document) rescans them all: at 10,000 resources that made the stages
    # after compile several times slower (super-linear). Only the CLI does this: a long-lived
    # process (the language server) must keep collecting what it compiled.
    gc.freeze()
    unreadable = [d for d in result.diagnostics if d.code == "ADL0102" and d.span is None]
    if unreadable:  # the file itself (not an import) could not be read: an environment error, exit 2
        raise FileError(unreadable[0])
    result = refuse_empty(result, args.file)
    # the file, its imports and the other files the command reads: never overwritten by its output
    inputs = [*result.sources, *(getattr(args, o, None) or "" for o in ("usage", "state", "compare", "plan"))]
    for option in ("output", "emit_ir", "out"):  # check/cost/plan -o, compile --emit-ir, emit/build -o
        refuse_overwriting(getattr(args, option, None), [p for p in inputs if p])
    if result.diagnostics:
        sys.stderr.write(result.render(diag_format))
    return result


# what the grammar skips (its _SKIP terminal): blanks and `#` comments. Only for commands that read a
# file's text without compiling it first (optimize); the others ask the syntax tree.
_BLANK = re.compile(r"(?:[ \t\f\r\n]+|#[^\n]*)*")


def declares_nothing(text: str) -> bool:
    return _BLANK.fullmatch(text) is not None


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)  # through symbolic and hard links
    except (OSError, ValueError):
        return False


def refuse_overwriting(output: str | None, inputs: Iterable[str]) -> None:
    """`-o app.adl` (a sloppy script's `-o $FILE`) would replace the source with a report:
    FileError ADL0993 before anything is written."""
    if not output or output == "-":
        return
    for path in inputs:
        if same_file(output, path):
            raise FileError(diag("ADL0993", None, path=output, input=path))


def refuse_empty(result: CompileResult, path: str) -> CompileResult:
    """A file that declares nothing (empty, blank or only comments) fails with ADL0992: it is what
    a crashed or truncated write leaves, and as "no resources" it would pass every gate, cost
    nothing, and make `apply` delete what its state holds. The compiler accepts it (an editor's new
    buffer); the command line, which acts on it, does not."""
    from dataclasses import replace

    if result.ir is None or not result.modules or result.modules[-1].items:
        return result
    kept = tuple(d for d in result.diagnostics if d.code != "ADL1019")  # "no deployment block": implied
    return replace(result, diagnostics=(diag("ADL0992", None, path=path), *kept))


def add_record_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--record", action="store_true",
                   help="record this run in the history database (.autodeploy/history.duckdb)")


def record(kind: str, args: argparse.Namespace, ir: object, cost: object = None, findings: object = None) -> bool:
    """Record a run in the DuckDB history when --record was given; False if that failed (reported)."""
    if not getattr(args, "record", False):
        return True
    from autodeploy.analytics.store import HistoryError, record_run
    from autodeploy.compiler.diagnostics import render_text

    try:
        run_id = record_run(kind, ir, cost, findings, command=kind, file=args.file)
    except HistoryError as exc:
        sys.stderr.write(render_text([exc.diagnostic], {}))
        return False
    print(f"recorded run {run_id}", file=sys.stderr)
    return True


def add_notify_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--notify", action="store_true",
                   help="after the verdict, deliver its events to the registered webhooks (docs/webhooks.md); "
                        "a failed delivery is a warning and never changes the exit code")


def notify(command: str, args: argparse.Namespace, ir: object, report: object, exit_code: int,
           cost: dict[str, object] | None, error: object = None) -> None:
    """Deliver the run's webhook events when --notify was given (never raises, never blocks the verdict)."""
    if not getattr(args, "notify", False) or ir is None:
        return
    from autodeploy.webhooks.dispatch import gate_run
    from autodeploy.webhooks.dispatch import notify as deliver

    deliver(gate_run(command, args, ir, report, exit_code, cost, error))  # type: ignore[arg-type]
