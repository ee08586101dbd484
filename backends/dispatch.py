"""Backend dispatch: the target a deployment is emitted for, and writing its files. Shared by
`autodeploy emit` and the build's emit stage."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from autodeploy.fsutil import write_atomic

if TYPE_CHECKING:
    from autodeploy.compiler.graph import Graph
    from autodeploy.compiler.ir import IR

    from .artifact import EmitResult

TARGETS = ("terraform", "arm")


def target_for(cloud: str) -> str:
    """The backend a cloud is emitted with when none is asked for: ARM for Azure, else Terraform."""
    return "arm" if cloud == "azure" else "terraform"


def emit_for(target: str, ir: IR, graph: Graph | None, fmt: str = "hcl") -> EmitResult:
    """Terraform (`fmt` hcl or json; the AWS or the Google provider by the deployment's cloud) or ARM;
    both return EmitResult(files, diagnostics). A backend is imported when it emits: an AWS build
    never loads the ARM or Google emitters."""
    if target == "terraform" and ir.deployment.cloud == "gcp":
        from .gcp import emit_terraform_gcp

        return emit_terraform_gcp(ir, graph, fmt)
    if target == "terraform":
        from .terraform import emit_terraform

        return emit_terraform(ir, graph, fmt)
    if target == "arm":
        from .arm import emit_arm

        if graph is None:  # the compiler returns a graph with every IR; ARM orders resources by it
            raise ValueError("the ARM backend needs the dependency graph")
        return emit_arm(ir, graph)
    raise ValueError(f"unknown target {target!r}")


def write_files(out_dir: str, files: dict[str, str]) -> list[str]:
    written = []
    for rel, text in sorted(files.items()):
        path = os.path.join(out_dir, rel)
        write_atomic(path, text)
        written.append(path)
    return written
