"""One exception for every refusal the service answers, carrying its coded diagnostic."""

from __future__ import annotations

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic

from . import diagnostics as _registered  # noqa: F401  (ADL09xx)


class ServiceError(Exception):
    def __init__(self, status: int, code: str, headers: dict[str, str] | None = None, **fields: object) -> None:
        self.status = status
        self.diagnostic: Diagnostic = diag(code, None, **fields)
        self.diagnostics: list[Diagnostic] = [self.diagnostic]
        self.headers = headers or {}
        super().__init__(self.diagnostic.message)

    @classmethod
    def of(cls, status: int, diagnostics: list[Diagnostic]) -> ServiceError:
        """A refusal with several diagnostics (the first one names it)."""
        d = diagnostics[0]
        err = cls.__new__(cls)
        Exception.__init__(err, d.message)
        err.status, err.diagnostic, err.diagnostics, err.headers = status, d, list(diagnostics), {}
        return err

    def body(self) -> dict[str, object]:
        return {"diagnostics": [d.to_json() for d in self.diagnostics]}
