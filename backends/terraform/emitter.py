"""emit_terraform(ir, graph, fmt): the IR -> one Terraform configuration (main.tf or
main.tf.json). Per-kind emitters (registered in TERRAFORM by the emit_<kind>.py modules) run in
dependency order, then the access pass wires security groups and IAM from the graph's edges."""

from __future__ import annotations

import gc
from typing import Any

import autodeploy.backends.diagnostics  # noqa: F401  (registers ADL5xxx)
from autodeploy.backends import naming
from autodeploy.backends import tags as tags_vocab
from autodeploy.backends.artifact import EmitResult
from autodeploy.compiler.diagnostics import DiagnosticBag
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR

from . import access
from .context import TfCtx
from .document import emit_resources, explicit_depends_on, utility_providers
from .hcl import Block, Document, Expr, to_hcl, to_json
from .registry import TERRAFORM

AWS_PROVIDER = "~> 5.80"
TERRAFORM_VERSION = ">= 1.5.0"


def build(ir: IR, graph: Graph | None) -> tuple[Document, TfCtx]:
    ctx = TfCtx(ir, graph)
    emit_resources(ctx, TERRAFORM, graph)
    access.wire(ctx)
    explicit_depends_on(ctx, TERRAFORM)
    return _document(ctx), ctx


def _document(ctx: TfCtx) -> Document:
    d = ctx.ir.deployment
    doc = Document()
    providers: dict[str, Any] = {"aws": {"source": "hashicorp/aws", "version": AWS_PROVIDER}}
    providers.update(utility_providers(ctx.flags))
    providers.update(sorted(ctx.required.items()))
    doc.add("terraform", (), {"required_version": TERRAFORM_VERSION, "required_providers": Block(providers)})
    default_tags = Block({"tags": Expr("var.tags")})
    doc.add("provider", ("aws",), {"region": Expr("var.region"), "default_tags": default_tags})
    if "us_east_1" in ctx.flags:
        doc.add("provider", ("aws",), {"alias": "us_east_1", "region": "us-east-1", "default_tags": default_tags})
    for alias in sorted(ctx.providers):
        doc.add("provider", (ctx.providers[alias]["name"],), ctx.providers[alias]["body"])
    tags = tags_vocab.deployment_tags(d)
    doc.add("variable", ("region",), {"description": "AWS region to deploy into", "type": Expr("string"),
                                      "default": d.region})
    doc.add("variable", ("name_prefix",), {
        "description": "prefix of every resource name", "type": Expr("string"),
        "default": naming.name_prefix(d.name),
        "validation": Block({"condition": Expr('can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))'),
                             "error_message": "name_prefix: 1-20 lowercase letters, digits or hyphens."}),
    })
    doc.add("variable", ("tags",), {"description": "tags applied to every resource (provider default_tags)",
                                    "type": Expr("map(string)"), "default": tags})
    if "certificate" in ctx.flags:
        doc.add("variable", ("certificate_arn",), {
            "description": "ACM certificate ARN for HTTPS/TLS listeners", "type": Expr("string")})
    if "cdn_certificate" in ctx.flags:
        doc.add("variable", ("cdn_certificate_arn",), {
            "description": "ACM certificate ARN (in us-east-1) for CloudFront", "type": Expr("string")})
        doc.add("variable", ("cdn_aliases",), {
            "description": "domain names served by CloudFront", "type": Expr("list(string)"), "default": []})
    for dtype, label, body in sorted(ctx.data, key=lambda x: (x[0], x[1])):
        doc.add("data", (dtype, label), body)
    for rtype, label, body in ctx.resources:
        doc.add("resource", (rtype, label), body)
    for name, body in ctx.outputs:
        doc.add("output", (name,), body)
    return doc


def emit_terraform(ir: IR, graph: Graph | None, fmt: str = "hcl") -> EmitResult:
    # the emit allocates hundreds of thousands of small, long-lived objects: generational GC passes
    # over them dominate a large run (2x at 2k resources) and nothing here forms reference cycles
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _emit(ir, graph, fmt)
    finally:
        if enabled:
            gc.enable()


def _emit(ir: IR, graph: Graph | None, fmt: str) -> EmitResult:
    bag = DiagnosticBag()
    if ir.deployment.cloud != "aws":
        bag.add(_wrong_cloud(ir))
        return EmitResult({}, bag.sorted())
    doc, ctx = build(ir, graph)
    bag.extend(ctx.diags)
    if fmt == "json":
        return EmitResult({"main.tf.json": to_json(doc)}, bag.sorted())
    if fmt != "hcl":
        raise ValueError(f"unknown terraform format {fmt!r}")
    return EmitResult({"main.tf": to_hcl(doc)}, bag.sorted())


def _wrong_cloud(ir: IR) -> Any:
    from autodeploy.compiler.catalogue import diag

    d = ir.deployment
    return diag("ADL5001", d.attr_spans.get("cloud", d.span), cloud=d.cloud)
