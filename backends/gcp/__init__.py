"""The Google Cloud backend: `emit_terraform_gcp(ir, graph, fmt="hcl"|"json") -> EmitResult`, Terraform
for the `hashicorp/google` provider. Emit-only: AutoDeploy's deploy drives boto3, so a GCP deployment is
applied with Terraform (docs/gcp.md)."""

from __future__ import annotations

from .emitter import emit_terraform_gcp

__all__ = ["emit_terraform_gcp"]
