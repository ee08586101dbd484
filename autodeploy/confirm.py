"""Show, then ask: the confirmation in front of `apply` and `destroy`.

On a terminal the person answers `yes`, or, when the run deletes resources that hold data,
types those resources' names. Without a terminal only --auto-approve goes on (plus
--allow-data-loss when data would be deleted); otherwise nothing is touched (ADL5142, exit 2).
The prompt is an object so tests can script the answers (and a pty test drives the real one).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Protocol

from autodeploy.backends.deploy.diagnostics import DeployError, ddiag

from .planfile import PlannedAction


class Prompt(Protocol):
    def available(self) -> bool:
        """Is there a person to ask (a terminal)?"""
        ...

    def ask(self, question: str) -> str:
        """Show `question`, return the answer ("" at end of input)."""
        ...


class TerminalPrompt:
    """Asks on stderr, reads stdin; available only when stdin is a terminal."""

    def available(self) -> bool:
        stdin = sys.stdin
        try:
            return stdin is not None and stdin.isatty()
        except ValueError:  # closed
            return False

    def ask(self, question: str) -> str:
        sys.stderr.write(question)
        sys.stderr.flush()
        return sys.stdin.readline().strip()


def prompt() -> Prompt:
    """The prompt the CLI uses (tests monkeypatch this function)."""
    return TerminalPrompt()


def _names(answer: str) -> set[str]:
    return {x for x in re.split(r"[\s,]+", answer) if x}


def approve(command: str, planned: Sequence[PlannedAction], *, auto_approve: bool, allow_data_loss: bool,
            asker: Prompt) -> None:
    """Return when the run may go on; raise DeployError (nothing touched) when it may not."""
    holders = [p for p in planned if p.holds_data]
    listed = ", ".join(f"`{p.name}` ({p.kind}: {p.holds_data})" for p in holders)
    if auto_approve:
        if holders and not allow_data_loss:
            raise DeployError(ddiag("ADL5144", None, command=command, names=listed), 2)
        return
    if not asker.available():
        raise DeployError(ddiag("ADL5142", None, command=command), 2)
    if holders:
        lines = [f"`{command}` deletes resources that hold data:"]
        lines += [f"    {p.name} ({p.kind}): {p.holds_data}" for p in holders]
        lines.append("Type their names (separated by spaces) to confirm, anything else cancels: ")
        answer = asker.ask("\n".join(lines))
        want = {p.name for p in holders}
        if _names(answer) != want:
            raise DeployError(ddiag("ADL5143", None, command=command,
                                    why="the answer did not name exactly: " + " ".join(sorted(want))), 1)
        return
    answer = asker.ask(f"Do you want to {command} these changes? Only `yes` is accepted: ")
    if answer != "yes":
        raise DeployError(ddiag("ADL5143", None, command=command, why=f"the answer was {answer!r}, not `yes`"), 1)
