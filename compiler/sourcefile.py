"""Reading a file the user did not necessarily mean to hand us, safely.

`open()` on a FIFO blocks until a writer appears and `/dev/zero` never ends, so a path
taken from an `.adl` file (an import) is opened non-blocking, checked with `fstat` on the
open descriptor (no window between the check and the read), and read only when it is a
regular file.
"""

from __future__ import annotations

import os
import stat


class SourceError(Exception):
    """The file cannot be read as source text; `reason` says why in a few words."""

    def __init__(self, reason: str, not_regular: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.not_regular = not_regular  # a FIFO, a device, a directory: never read


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: str) -> str:
    """The UTF-8 text of a regular file; SourceError for anything else (never blocks)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SourceError(kind_of(mode), not_regular=True)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read()
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
