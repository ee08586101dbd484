"""The IAM pass: least privilege from the graph's edges, after every resource exists.

Each workload (function, service, vm) runs as its own service account, which gets exactly the
grants the used resource's kind declares (backends/gcp/grants.py, registered with its emitter) per
`uses` edge (and per `secrets` entry): a predefined role bound on the used resource itself where GCP
allows it (bucket, topic, subscription, secret, crypto key, Cloud Run service), else on the project
with an IAM condition naming the one resource (Cloud SQL instance, Firestore database).
Customer keys are usable only by the Google service agents of the resources that reference them."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.terraform.hcl import Block, Expr, Tmpl, ref
from autodeploy.compiler.ir import IRResource

from .context import GcpCtx, member
from .grants import Grant, ProjectGrant
from .registry import GCP_TERRAFORM


def _used(r: IRResource) -> list[str]:
    out = [x["ref"] for x in (r.get("uses") or []) if isinstance(x, dict) and "ref" in x]
    out += [x["ref"] for x in (r.get("secrets") or []) if isinstance(x, dict) and "ref" in x]
    return sorted(set(out))


def grants(kind: str) -> tuple[Grant, ...]:
    """What an edge to a resource of `kind` grants (none: the kind registered no `grants`)."""
    return tuple(GCP_TERRAFORM.meta(kind).get("grants", ()))


def _bind(ctx: GcpCtx, who: str, sa: Expr, target: IRResource) -> None:
    principal = Tmpl(f"serviceAccount:${{{sa.text}}}")
    for g in grants(target.kind):
        if isinstance(g, ProjectGrant):
            ctx.resource("google_project_iam_member", f"{who}_{target.name}", {
                "project": Expr("var.project"), "role": g.role, "member": principal,
                "condition": _condition(target, g),
            })
            continue
        body: dict[str, Any] = {g.attr: ref(g.target_type, target.name, g.target_attr), "role": g.role,
                                "member": principal}
        if g.regional:
            body = {"location": Expr("var.region"), **body}
        ctx.resource(g.member_type, f"{who}_{target.name}_{g.role.rsplit('.', 1)[-1].lower()}", body)


def _condition(target: IRResource, g: ProjectGrant) -> Any:
    return Block({"title": f"only {target.name}",
                  "expression": Tmpl(f'resource.name.startsWith("{g.prefix}${{{g.target_type}.{target.name}.name}}")')})


def wire(ctx: GcpCtx) -> None:
    for r in ctx.ir.resources:
        if r.name not in ctx.accounts:
            continue
        sa = ref("google_service_account", ctx.accounts[r.name], "email")
        for used in _used(r):
            target = ctx.by_name.get(used)
            if target is not None:
                _bind(ctx, r.name, sa, target)
    for key, agent in sorted(ctx.key_users):
        if key not in ctx.by_name:
            continue
        ctx.resource("google_kms_crypto_key_iam_member", f"{key}_{agent}_agent", {
            "crypto_key_id": ref("google_kms_crypto_key", key, "id"),
            "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
            "member": member(ctx.agent(agent)),
        })
