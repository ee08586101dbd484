"""Reading a file safely: the one reader every stage uses for input files (the main `.adl`,
its imports, usage and history files).

`open()` on a FIFO blocks until a writer appears and `/dev/zero` never ends, so a file is
opened non-blocking, checked with `fstat` on the open descriptor (no window between the check
and the read), and read only when it is a regular file. It lives in the compiler, the lowest
layer, so the loader and `autodeploy.fsutil` share it instead of each keeping a copy.
"""

from __future__ import annotations

import errno
import os
import stat


def describe_os_error(exc: OSError) -> str:
    """A short reason; a symlink loop is named as such rather than as a missing file."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (too many levels of symbolic links)"
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)


def file_kind(mode: int) -> str:
    """'a directory', 'a FIFO (named pipe)', ... for a non-regular file's st_mode."""
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


class UnreadableFile(Exception):
    """A read failed; `reason` says why in a few words, `not_regular` marks a directory, FIFO,
    device or socket (never read). Callers turn it into their own code."""

    def __init__(self, path: str, reason: str, not_regular: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.not_regular = not_regular


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file (its first `limit` bytes when given). O_NONBLOCK makes opening a
    FIFO return at once (and the fstat then refuses it), so no input can make a command hang."""
    path = os.fspath(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFile(path, describe_os_error(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(path, f"it is {file_kind(st.st_mode)}, not a regular file", not_regular=True)
        if limit is not None:
            return os.read(fd, limit)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableFile(path, describe_os_error(exc)) from None
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str]) -> str:
    """A regular file's UTF-8 text; a leading byte order mark is dropped (editors on Windows add one)."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(os.fspath(path), f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                                              f"{exc.start})") from None
    return text.removeprefix("\ufeff")
