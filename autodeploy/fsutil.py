"""Careful file reads and writes: a crash never leaves a half-written artifact or state file,
and nothing on disk is surprised by a write.

`write_atomic` writes through symbolic links (the link stays, its target gets the text), keeps
an existing file's permission bits (new files get 0644 under the umask, 0600 when they hold
secrets), and refuses anything that is not a regular file, so `/dev/full` or a FIFO is never
replaced by a regular file. `read_text` opens without blocking, so a FIFO given as an input
fails at once instead of hanging. Every failure is a coded diagnostic (ADL06xx) naming the path.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.sourcefile import UnreadableFile, describe_os_error, file_kind, read_bytes, read_text

__all__ = ["FileError", "UnreadableFile", "describe_os_error", "file_kind", "read_bytes", "read_text",
           "write_atomic", "check_writable_file", "ensure_dir", "input_error", "exclusive_dir"]

# The umask, read once while the process is still single-threaded (reading it means setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

NEW_FILE_MODE = 0o644
SECRET_FILE_MODE = 0o600


class FileError(Exception):
    """A file could not be read or written; fully described by its diagnostic (exit code 2)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def input_error(path: str, exc: UnreadableFile, hint: str = "") -> FileError:
    return FileError(diag("ADL0602", None, path=path, reason=exc.reason, hint=hint))


def _write_error(path: str, exc: OSError) -> FileError:
    hint = ""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "choose a writable location"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        hint = "a parent of this path is a file, not a folder"
    elif exc.errno == errno.ENOSPC:
        hint = "free some space or write elsewhere"
    return FileError(diag("ADL0600", None, path=path, reason=describe_os_error(exc), hint=hint))


def _target(path: str) -> str:
    """Where a write to `path` must land: through symbolic links to the final file."""
    if not os.path.islink(path):
        return path
    try:
        return os.path.realpath(path, strict=True)
    except FileNotFoundError:
        return os.path.realpath(path)  # a dangling link: create its target, as the shell's `>` does
    except OSError as exc:
        raise _write_error(path, exc) from None


def check_writable_file(path: str | os.PathLike[str]) -> None:
    """Refuse early (before any work) a path that write_atomic would refuse for being special."""
    path = os.fspath(path)
    target = _target(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _write_error(path, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(path, st.st_mode)


def ensure_dir(path: str | os.PathLike[str]) -> None:
    """Create an output folder (and its parents); FileError (ADL0600) when that is impossible,
    e.g. because a file of that name is already there."""
    path = os.fspath(path)
    if os.path.isdir(path):
        return
    try:
        os.makedirs(path)
    except FileExistsError:
        raise FileError(diag("ADL0600", None, path=path, reason="a file of that name exists",
                             hint="give the path of a folder")) from None
    except OSError as exc:
        raise _write_error(path, exc) from None


@contextmanager
def exclusive_dir(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an output folder (created if missing) for one run. Two builds into one folder at once
    left main.tf of one beside cost.json and findings.sarif of the other; the second is refused
    (ADL0981) before it writes anything. The lock is flock(2) on the folder itself: no lock file is
    left behind, and the kernel releases it when the process dies."""
    path = os.fspath(path)
    ensure_dir(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FileError(diag("ADL0981", None, path=path)) from None
        yield
    finally:
        os.close(fd)


def _not_regular(path: str, mode: int) -> FileError:
    return FileError(diag("ADL0601", None, path=path, what=file_kind(mode)))


def rewrite_keeping_newlines(path: str | os.PathLike[str], text: str) -> None:
    """Replace the user's own file `path` with `text` (read and edited with "\n" line ends),
    keeping the line ending the file had: a CRLF file edited by `optimize --write` or `chat`
    came back LF, which every line of a diff and a Windows editor then showed as changed. The
    file's dominant ending wins (CRLF when most of its line ends are CRLF)."""
    try:
        old = read_bytes(os.fspath(path))
    except UnreadableFile:
        old = b""
    crlf = old.count(b"\r\n")
    if crlf and crlf * 2 > old.count(b"\n"):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    write_atomic(path, text)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, secret: bool = False) -> None:
    """Replace `path` with `data` atomically (temporary file + rename in the same folder).

    Raises FileError (ADL0600/ADL0601) naming `path`; the old content is then left as it was."""
    path = os.fspath(path)
    target = _target(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _write_error(path, exc) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise _not_regular(path, st.st_mode)
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:
        mode = SECRET_FILE_MODE if secret else NEW_FILE_MODE & ~_UMASK
    ensure_dir(os.path.dirname(os.path.abspath(target)))
    directory = os.path.dirname(os.path.abspath(target))
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.basename(target), dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _write_error(path, exc) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
