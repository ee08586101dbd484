"""AutoDeploy: typed, compliant, costed infrastructure from ADL or a sentence."""

from __future__ import annotations

from autodeploy.compiler import CompileResult, compile_file, compile_source

__version__ = "0.1.0"
__all__ = ["CompileResult", "compile_file", "compile_source", "__version__"]
