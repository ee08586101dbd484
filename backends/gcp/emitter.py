"""emit_terraform_gcp(ir, graph, fmt): the IR -> one Terraform configuration for the `google` provider.
Per-kind emitters (registered in GCP_TERRAFORM by the emit_<kind>.py modules) run in dependency
order, then the IAM pass grants each workload's service account what its `uses` edges need."""

from __future__ import annotations

from typing import Any

import autodeploy.backends.gcp.diagnostics  # noqa: F401  (registers ADL55xx)
from autodeploy.backends import naming
from autodeploy.backends import tags as tags_vocab
from autodeploy.backends.artifact import EmitResult
from autodeploy.backends.terraform.document import emit_resources, explicit_depends_on, utility_providers
from autodeploy.backends.terraform.emitter import TERRAFORM_VERSION
from autodeploy.backends.terraform.hcl import Block, Document, Expr, to_hcl, to_json
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import DiagnosticBag
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR

from . import iam
from .context import GcpCtx, labels
from .registry import GCP_TERRAFORM

GOOGLE_PROVIDER = "~> 6.10"


def build(ir: IR, graph: Graph | None) -> tuple[Document, GcpCtx]:
    ctx = GcpCtx(ir, graph)
    emit_resources(ctx, GCP_TERRAFORM, graph)
    iam.wire(ctx)
    explicit_depends_on(ctx, GCP_TERRAFORM)
    return _document(ctx), ctx


def _document(ctx: GcpCtx) -> Document:
    d = ctx.ir.deployment
    doc = Document()
    providers: dict[str, Any] = {"google": {"source": "hashicorp/google", "version": GOOGLE_PROVIDER}}
    providers.update(utility_providers(ctx.flags))
    doc.add("terraform", (), {"required_version": TERRAFORM_VERSION, "required_providers": Block(providers)})
    doc.add("provider", ("google",), {"project": Expr("var.project"), "region": Expr("var.region"),
                                      "default_labels": Expr("var.labels")})
    doc.add("variable", ("project",), {"description": "Google Cloud project id to deploy into",
                                       "type": Expr("string")})
    doc.add("variable", ("region",), {"description": "Google Cloud region to deploy into", "type": Expr("string"),
                                      "default": d.region})
    doc.add("variable", ("name_prefix",), {
        "description": "prefix of every resource name", "type": Expr("string"),
        "default": naming.name_prefix(d.name),
        "validation": Block({"condition": Expr('can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))'),
                             "error_message": "name_prefix: 1-20 lowercase letters, digits or hyphens."}),
    })
    doc.add("variable", ("labels",), {"description": "labels applied to every resource (provider default_labels)",
                                      "type": Expr("map(string)"),
                                      "default": labels(tags_vocab.deployment_tags(d))})
    if "lb_domains" in ctx.flags:
        doc.add("variable", ("lb_domains",), {
            "description": "domain names of the Google-managed certificate(s) of the HTTPS load balancers",
            "type": Expr("list(string)")})
    if "secret_rotation" in ctx.flags:
        doc.add("variable", ("rotation_start",), {
            "description": "RFC 3339 time of the first Secret Manager rotation reminder", "type": Expr("string")})
    for dtype, label, body in sorted(ctx.data, key=lambda x: (x[0], x[1])):
        doc.add("data", (dtype, label), body)
    for rtype, label, body in ctx.resources:
        doc.add("resource", (rtype, label), body)
    for name, body in ctx.outputs:
        doc.add("output", (name,), body)
    return doc


def emit_terraform_gcp(ir: IR, graph: Graph | None, fmt: str = "hcl") -> EmitResult:
    bag = DiagnosticBag()
    if ir.deployment.cloud != "gcp":
        dep = ir.deployment
        bag.add(diag("ADL5500", dep.attr_spans.get("cloud", dep.span), cloud=dep.cloud))
        return EmitResult({}, bag.sorted())
    doc, ctx = build(ir, graph)
    bag.extend(ctx.diags)
    if fmt == "json":
        return EmitResult({"main.tf.json": to_json(doc)}, bag.sorted())
    if fmt != "hcl":
        raise ValueError(f"unknown terraform format {fmt!r}")
    return EmitResult({"main.tf": to_hcl(doc)}, bag.sorted())
