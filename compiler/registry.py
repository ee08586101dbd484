"""Per-kind registration: every stage that has one handler per kind and cloud (Terraform and ARM
emitters, deploy providers, pricers) keeps a `KindRegistry` that handler modules fill with a
decorator. Nothing lists the kinds by hand; tests/test_kind_completeness.py enumerates KINDS and
fails when a registry lacks a kind its cloud claims.

A kind that cannot be built on a cloud says so once, in its KindSpec (`unsupported`); every stage
then reports the same ADL5007 for it. A kind that is neither registered nor declared unsupported
is a gap in AutoDeploy itself (ADL5008), which the completeness test keeps from shipping.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from .catalogue import diag
from .diagnostics import Diagnostic, Span
from .kinds import KINDS
from .schema import KindSpec

F = TypeVar("F")  # an emitter function, a deploy Provider, a pricer


def unsupported_diag(kind: str, name: str, cloud: str, span: Span | None) -> Diagnostic | None:
    """ADL5007 when `kind` declares itself unsupported on `cloud` (the same in every stage)."""
    spec = KINDS.get(kind)
    reason = spec.unsupported_on(cloud) if spec is not None else None
    if reason is None:
        return None
    return diag("ADL5007", span, kind=kind, name=name, cloud=cloud, reason=reason)


class KindRegistry(Generic[F]):
    """The handlers of one stage (`stage`, e.g. "Terraform emitter") for one cloud, by kind."""

    def __init__(self, stage: str, cloud: str, package: str, prefix: str, *, deploys: bool = False) -> None:
        """Handlers live in the modules of `package` named `prefix`*; they are imported (and so
        register) the first time the registry is read, so adding a handler is adding a file.
        `deploys`: this registry builds real resources, so a kind's `emit_only` exempts it."""
        self.stage = stage
        self.deploys = deploys
        self.cloud = cloud
        self._modules = (package, prefix)
        self._loaded = False
        self._handlers: dict[str, F] = {}
        self._meta: dict[str, Mapping[str, Any]] = {}

    def load(self) -> KindRegistry[F]:
        if not self._loaded:
            self._loaded = True
            import_submodules(*self._modules)
        return self

    def register(self, *kinds: str, **meta: Any) -> Callable[[F], F]:
        """Decorator: `fn` handles each of `kinds` (none given: the kind `fn` is named for);
        `meta` is per-kind data the stage reads back."""

        def deco(fn: F) -> F:
            for kind in kinds or (getattr(fn, "__name__", ""),):
                if kind not in KINDS:
                    raise ValueError(f"{self.stage} registered for unknown kind {kind!r}")
                if kind in self._handlers and self._handlers[kind] is not fn:
                    raise ValueError(f"two {self.stage}s registered for kind {kind!r}")
                self._handlers[kind] = fn
                self._meta[kind] = meta
            return fn

        return deco

    @property
    def handlers(self) -> dict[str, F]:
        """The live kind -> handler table (tests patch one entry with monkeypatch.setitem)."""
        return self.load()._handlers

    def __getitem__(self, kind: str) -> F:
        return self.handlers[kind]

    def get(self, kind: str) -> F | None:
        return self.handlers.get(kind)

    def meta(self, kind: str) -> Mapping[str, Any]:
        return self.load()._meta.get(kind, {})

    def __contains__(self, kind: object) -> bool:
        return kind in self.handlers

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.handlers))

    def problem(self, kind: str, name: str, span: Span | None) -> Diagnostic | None:
        """Why a resource of `kind` cannot go through this stage (ADL5007/ADL5008), or None."""
        d = unsupported_diag(kind, name, self.cloud, span)
        if d is not None:
            return d
        d = self.emit_only_diag(kind, name, span)
        if d is not None:
            return d
        if kind in self.handlers:
            return None
        return diag("ADL5008", span, kind=kind, name=name, stage=self.stage, cloud=self.cloud)

    def emit_only_diag(self, kind: str, name: str, span: Span | None) -> Diagnostic | None:
        """ADL5009 when this registry deploys and `kind` is declared emit-only."""
        spec = KINDS.get(kind)
        if not self.deploys or spec is None or not spec.emit_only:
            return None
        return diag("ADL5009", span, kind=kind, name=name, reason=spec.emit_only)

    def _exempt(self, spec: KindSpec) -> bool:
        return spec.unsupported_on(self.cloud) is not None or (self.deploys and bool(spec.emit_only))

    def missing(self) -> tuple[str, ...]:
        """Kinds with neither a handler here nor an `unsupported` (or, when deploying, `emit_only`) entry."""
        have = self.handlers
        return tuple(k for k, spec in KINDS.items() if k not in have and not self._exempt(spec))

    def supported_but_registered(self) -> tuple[str, ...]:
        """Kinds declared unsupported (or emit-only) here that still have a handler (a contradiction)."""
        return tuple(k for k in self.handlers if self._exempt(KINDS[k]))


def import_submodules(package: str, prefix: str) -> None:
    """Import every module of `package` whose name starts with `prefix` (for their registrations),
    so adding a handler is adding a file: no list of modules to extend."""
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith(prefix):
            importlib.import_module(f"{package}.{info.name}")
