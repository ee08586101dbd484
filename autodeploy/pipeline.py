"""`autodeploy build`: compile, then every registered stage (check, cost, emit, ...)
in order, then one summary. Stages live one per module in autodeploy.stages and wire
themselves in by defining `STAGE`; a stage whose engine is unavailable reports why
and the build goes on (its exit contribution decides the gate)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import autodeploy.stages as stages_pkg

if TYPE_CHECKING:
    from autodeploy.compiler import CompileResult


@dataclass
class BuildContext:
    file: str
    args: argparse.Namespace
    result: CompileResult
    out_dir: str
    # what each stage hands on to the next (e.g. "cost" -> CostReport for the policy budget rule)
    artifacts: dict[str, Any] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    exit_code: int = 0

    def fail(self, code: int = 1) -> None:
        self.exit_code = max(self.exit_code, code)


def compile_summary(result: CompileResult) -> str:
    """The build summary's first line, for a file that compiled (the CLI and the service print it)."""
    ir = result.ir
    assert ir is not None
    d = ir.deployment
    waves = len(result.graph.waves()) if result.graph else 0
    return (f"compile  ok: {ir.resource_summary()} on {d.cloud} {d.region}, "
            f"{waves} deploy wave{'' if waves == 1 else 's'}")


class Stage(Protocol):
    name: str
    order: int

    def add_arguments(self, p: argparse.ArgumentParser) -> None: ...

    def run(self, ctx: BuildContext) -> None: ...


def run_stages(ctx: BuildContext) -> None:
    """Every stage in order, then each stage's `finish` (when it has one) once the verdict is final:
    the emit stage writes deployable files only for a build that passed."""
    found = stages()
    for st in found:
        st.run(ctx)
    for st in found:
        finish = getattr(st, "finish", None)
        if finish is not None:
            finish(ctx)


def stages() -> list[Stage]:
    found: list[Stage] = []
    for info in pkgutil.iter_modules(stages_pkg.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"autodeploy.stages.{info.name}")
        stage = getattr(mod, "STAGE", None)
        if stage is not None:
            found.append(stage)
    return sorted(found, key=lambda s: (s.order, s.name))
