"""kubernetes -> an AKS managed cluster: a private API server, Azure AD with Azure RBAC and no
local accounts, one autoscaling system node pool in the network's private subnet, Azure network
policy, the monitoring add-on and control-plane logs into the deployment's workspace, KMS envelope
encryption of secrets with a referenced Key Vault key, encryption at host, patch auto-upgrades, the
dashboard off and Key Vault secrets rotated by the CSI driver."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, lit, x
from .emit_network import member_subnet, subnet_id
from .registry import ARM


@ARM.register("kubernetes")
def emit_kubernetes(ctx: ArmContext, r: IRResource) -> None:
    ref = Ref("Microsoft.ContainerService/managedClusters", (ctx.name_expr("aks", r.name),))
    ctx.primary[r.name] = ref
    deps = ctx.deps_of(r)
    nodes = r.get("nodes") or {"min": 2, "max": 4}
    lo, hi = int(nodes["min"]), max(int(nodes["max"]), 1)
    pool: dict[str, Any] = {
        "name": "system", "mode": "System", "osType": "Linux", "type": "VirtualMachineScaleSets",
        "vmSize": r.get("node_instance"), "osDiskSizeGB": int(r.get("node_disk")),
        "count": max(lo, 1), "minCount": max(lo, 1), "maxCount": hi, "enableAutoScaling": True,
        # host-based encryption of temp disks, caches and disk traffic (needs the subscription's
        # EncryptionAtHost feature); 50 pods per node (the Azure CNI default of 30 starves a node)
        "enableEncryptionAtHost": True, "maxPods": 50,
    }
    if lo < 1:
        ctx.diag("ADL5055", r.span_of("nodes"), name=r.name, attr="nodes",
                 what="an AKS system node pool keeps at least 1 node; 0 -> 1")
    net = member_subnet(ctx, r)
    if net is not None:
        pool["vnetSubnetID"] = x(subnet_id(ctx, *net))
    rbac = bool(r.get("rbac"))
    logs = bool(r.get("logs"))
    props: dict[str, Any] = {
        "kubernetesVersion": lit(str(r.get("version"))),
        "dnsPrefix": x(ref.segments[0]),
        "enableRBAC": True,
        "disableLocalAccounts": rbac,
        "apiServerAccessProfile": {"enablePrivateCluster": not r.get("public")},
        "agentPoolProfiles": [pool],
        "networkProfile": {"networkPlugin": "azure", "networkPolicy": "azure"},
        "addonProfiles": {
            "azurepolicy": {"enabled": True},
            "kubeDashboard": {"enabled": False},
            "azureKeyvaultSecretsProvider": {"enabled": True, "config": {"enableSecretRotation": "true"}},
        },
        # patch upgrades keep the cluster on a supported, patched minor version
        "autoUpgradeProfile": {"upgradeChannel": "patch"},
    }
    if rbac:
        props["aadProfile"] = {"managed": True, "enableAzureRBAC": True}
    if logs:
        ws = shared.workspace(ctx)
        props["addonProfiles"]["omsagent"] = {"enabled": True, "config": {"logAnalyticsWorkspaceResourceID": x(ws.id)}}
        deps.append(ws.id)
    kw: dict[str, Any] = {"identity": {"type": "SystemAssigned"}, "sku": {"name": "Base", "tier": "Standard"}}
    enc = r.get("encryption")
    if isinstance(enc, dict) and enc.get("ref") in ctx.primary:
        key = ctx.primary[enc["ref"]]
        kv = shared.vault(ctx)
        ident = shared.cmk_identity(ctx)
        kw["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {x(ident.id): {}}}
        props["securityProfile"] = {"azureKeyVaultKms": {
            "enabled": True, "keyId": x(f"reference({key.id}).keyUriWithVersion"),
            "keyVaultNetworkAccess": "Public"}}
        deps += [ident.id, kv.id, key.id, shared.cmk_role(ctx)]
    elif enc is not False:
        ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                 what="AKS encrypts etcd at rest with platform keys; reference a key for KMS envelope encryption")
    if r.get("fargate"):
        ctx.diag("ADL5054", r.span_of("fargate"), name=r.name, attr="fargate", value=str(list(r.get("fargate"))),
                 why="AKS has no Fargate profiles", hint="remove `fargate`; pods run on the node pool")
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), depends=deps, props=props, **kw)
    if logs:
        shared.diagnostic_settings(ctx, ref, r.name)
