"""Terminal helpers: whether to colour a stream, and the colours the CLI uses.

Colour only when the stream is a terminal or FORCE_COLOR is set (CI logs that render ANSI);
NO_COLOR turns it off (https://no-color.org), FORCE_COLOR wins over both.
"""

from __future__ import annotations

import os
from typing import TextIO

RED, BOLD, RESET = "\x1b[31m", "\x1b[1m", "\x1b[0m"


def color_enabled(stream: TextIO) -> bool:
    force = os.environ.get("FORCE_COLOR", "")
    if force and force != "0":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def red(text: str, on: bool) -> str:
    """`text` in bold red when `on`, each line wrapped on its own (pagers reset at newlines)."""
    if not on:
        return text
    return "\n".join(f"{BOLD}{RED}{line}{RESET}" if line else line for line in text.split("\n"))
