"""key -> a key in the deployment's Key Vault (soft delete, purge protection, RBAC, no public access)
with a rotation policy; secret -> a vault secret whose value is a secure parameter, never the file's."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q
from .names import child_name
from .registry import ARM


@ARM.register("key")
def emit_key(ctx: ArmContext, r: IRResource) -> None:
    kv = shared.vault(ctx)
    ref = Ref("Microsoft.KeyVault/vaults/keys", (kv.segments[0], q(child_name(r.name, 127))))
    ctx.primary[r.name] = ref
    props: dict = {
        "kty": "RSA-HSM",
        "keySize": 3072,
        "keyOps": ["wrapKey", "unwrapKey", "encrypt", "decrypt"],
        "attributes": {"enabled": True, "exportable": False},
    }
    if r.get("rotation"):
        props["rotationPolicy"] = {
            "attributes": {"expiryTime": "P1Y"},
            "lifetimeActions": [
                {"trigger": {"timeAfterCreate": "P90D"}, "action": {"type": "rotate"}},
                {"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "notify"}},
            ],
        }
    else:
        ctx.diag("ADL5060", r.span_of("rotation"), name=r.name, attr="rotation",
                 why="rotation is off: the key has no rotation policy", hint="set `rotation = true`")
    if r.get("multi_region"):
        ctx.diag("ADL5055", r.span_of("multi_region"), name=r.name, attr="multi_region",
                 what="Key Vault replicates keys to the paired region itself; no replica key is emitted")
    ctx.resource(ref.type, ref.name, location=False, tags=ctx.tags_for(r), depends=[kv.id, *ctx.deps_of(r)],
                 props=props)


@ARM.register("secret")
def emit_secret(ctx: ArmContext, r: IRResource) -> None:
    kv = shared.vault(ctx)
    ref = Ref("Microsoft.KeyVault/vaults/secrets", (kv.segments[0], q(child_name(r.name, 127))))
    ctx.primary[r.name] = ref
    param = "secret" + "".join(p.capitalize() for p in child_name(r.name).split("-"))
    ctx.param(param, {"type": "securestring", "minLength": int(r.get("length") or 16),
                      "metadata": {"description": f"Value of secret {r.name} (supplied at deploy time)."}})
    if r.get("value") is not None:
        # The value is deliberately dropped: a template is a build artifact and must hold no secret.
        ctx.diag("ADL5053", r.span_of("value"), name=r.name, param=param)
    attributes: dict = {"enabled": True}
    if r.get("rotation"):
        ctx.param("deploymentTime", {"type": "string", "defaultValue": "[utcNow()]",
                                     "metadata": {"description": "Base time for secret expiry dates."}})
        days = int(r.get("rotation_interval") or 30)
        attributes["exp"] = f"[dateTimeToEpoch(dateTimeAdd(parameters('deploymentTime'), 'P{days}D'))]"
        ctx.diag("ADL5055", r.span_of("rotation"), name=r.name, attr="rotation",
                 what=f"the secret expires {days} days after deployment; Key Vault raises SecretNearExpiry "
                      "events, a rotation function must set the new value")
    if isinstance(r.get("encryption"), dict):
        ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                 what="Key Vault encrypts secrets with its own HSM-backed keys; the referenced key is not used")
    ctx.resource(ref.type, ref.name, location=False, tags=ctx.tags_for(r), depends=[kv.id, *ctx.deps_of(r)],
                 props={"value": f"[parameters({q(param)})]", "contentType": "text/plain",
                        "attributes": attributes})
