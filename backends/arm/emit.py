"""emit_arm(ir, graph) -> EmitResult: one azuredeploy.json (+ azuredeploy.parameters.json).

Resources are visited in dependency order (graph.order()), each by its kind's emitter (registered in ARM);
an emitter appends plain dicts to the ArmContext. The template is dumped with insertion key order
and 2-space indent, so the same IR always gives the same bytes."""

from __future__ import annotations

import gc

from autodeploy.backends import tags as tags_vocab
from autodeploy.backends.artifact import EmitResult
from autodeploy.backends.jsonout import dumps, orjson  # noqa: F401  (orjson: tests check which writer runs)
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.graph import Graph
from autodeploy.compiler.ir import IR

from . import diagnostics as _diagnostics  # noqa: F401  (registers ADL5050-ADL5099)
from .context import ArmContext, lit
from .emit_lb import prepare
from .names import PREFIX_MAX, default_prefix
from .registry import ARM

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
PARAMS_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"

# Hard limits of one ARM template (Azure Resource Manager template limits).
LIMITS = (("resources", 800), ("parameters", 256), ("variables", 256), ("outputs", 64))
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024


def build(ir: IR, graph: Graph) -> ArmContext:
    """Run every emitter over an Azure IR; the context holds the template parts (tests read it)."""
    dep = ir.deployment
    ctx = ArmContext(ir, graph)
    ctx.parameters.update({
        "location": {"type": "string", "defaultValue": dep.region,
                     "metadata": {"description": "Azure region of every regional resource."}},
        "namePrefix": {"type": "string", "defaultValue": default_prefix(dep.name), "minLength": 1,
                       "maxLength": PREFIX_MAX,
                       "metadata": {"description": "1-8 lowercase letters or digits starting every name."}},
        "tags": {"type": "object", "defaultValue": {
            lit(k): lit(v) for k, v in tags_vocab.deployment_tags(dep).items()},
            "metadata": {"description": "Tags on every resource."}},
    })
    prepare(ctx)
    by_name = ctx.by_name
    for name in graph.order():
        r = by_name.get(name)
        if r is None:
            continue
        problem = ARM.problem(r.kind, r.name, r.span)
        if problem is not None:
            ctx.diagnostics.append(problem)
            continue
        ARM[r.kind](ctx, r)
    return ctx


def emit_arm(ir: IR, graph: Graph) -> EmitResult:
    dep = ir.deployment
    if dep.cloud != "azure":
        span = dep.attr_spans.get("cloud", dep.span)
        return EmitResult({}, (diag("ADL5050", span, cloud=dep.cloud),))
    # Building the template allocates ~10 dicts per ARM resource and no reference cycles; the cyclic
    # garbage collector would re-scan that growing tree many times over (half the time at 10,000 resources).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _emit(ir, graph)
    finally:
        if was_enabled:
            gc.enable()


def _emit(ir: IR, graph: Graph) -> EmitResult:
    dep = ir.deployment
    ctx = build(ir, graph)
    template = {
        "$schema": SCHEMA,
        "contentVersion": "1.0.0.0",
        "metadata": {"generator": {"name": "autodeploy", "adl-deployment": dep.name}},
        "parameters": ctx.parameters,
        "variables": ctx.variables,
        "resources": ctx.resources,
        "outputs": dict(sorted(ctx.outputs.items())),
    }
    text = dumps(template)
    for what, limit in LIMITS:
        count = len(template[what])
        if count > limit:
            ctx.diag("ADL5059", dep.span, count=count, what=what, limit=limit)
    size = len(text.encode("utf-8"))
    if size > MAX_TEMPLATE_BYTES:
        ctx.diag("ADL5059", dep.span, count=size, what="bytes", limit=MAX_TEMPLATE_BYTES)
    params_doc = {
        "$schema": PARAMS_SCHEMA,
        "contentVersion": "1.0.0.0",
        "parameters": {"location": {"value": dep.region}, "namePrefix": {"value": default_prefix(dep.name)}},
    }
    files = {"azuredeploy.json": text, "azuredeploy.parameters.json": dumps(params_doc)}
    return EmitResult(files, tuple(sorted(set(ctx.diagnostics), key=lambda d: d.sort_key())))
