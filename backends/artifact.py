"""What a backend hands back: the files it would write and what it had to say about the input."""

from __future__ import annotations

from dataclasses import dataclass

from autodeploy.compiler.diagnostics import Diagnostic


@dataclass(frozen=True)
class EmitResult:
    # relative path -> file text; written by the caller (emit command / build stage)
    files: dict[str, str]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)
