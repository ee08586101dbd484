"""AutoDeploy: typed, compliant, costed infrastructure from ADL or a sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autodeploy.compiler import CompileResult, compile_file, compile_source

__version__ = "0.1.0"
__all__ = ["CompileResult", "compile_file", "compile_source", "__version__"]


def __getattr__(name: str) -> Any:
    # the compiler loads on first use: `autodeploy --version` must not import the parser (PEP 562)
    if name in ("CompileResult", "compile_file", "compile_source"):
        from autodeploy import compiler

        value = getattr(compiler, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
