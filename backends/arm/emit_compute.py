"""vm -> one virtual machine (count 1) or a Flexible scale set with autoscale (any other count):
NIC in the referenced subnet, encryption at host, SSH keys only, no public IP unless public, and an
NSG whose rules allow exactly the ssh_from / rdp_from CIDRs written in the file."""

from __future__ import annotations

from typing import Any

from autodeploy.compiler.ir import IRResource

from .context import ArmContext, Ref, lit, x
from .emit_network import member_subnet, subnet_id
from .registry import ARM

UBUNTU = {"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest"}
DISKS = {"gp3": "Premium_LRS", "gp2": "Premium_LRS", "io1": "PremiumV2_LRS", "io2": "PremiumV2_LRS",
         "st1": "StandardSSD_LRS", "sc1": "Standard_LRS"}


def _image(ctx: ArmContext, r: IRResource) -> dict[str, str]:
    image = str(r.get("image") or "")
    parts = image.split(":")
    if len(parts) == 4:  # publisher:offer:sku:version, the Azure URN form
        return dict(zip(("publisher", "offer", "sku", "version"), map(lit, parts), strict=True))
    ctx.diag("ADL5055", r.span_of("image"), name=r.name, attr="image",
             what=f"`{image}` is not an Azure image URN (publisher:offer:sku:version); Ubuntu 24.04 LTS is used")
    return dict(UBUNTU)


def _nsg(ctx: ArmContext, r: IRResource) -> Ref | None:
    rules: list[dict[str, Any]] = []
    for attr, port, prio in (("ssh_from", "22", 100), ("rdp_from", "3389", 110)):
        cidr = r.get(attr)
        if cidr:
            rules.append({"name": f"allow-{attr.split('_')[0]}", "properties": {
                "priority": prio, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                "sourceAddressPrefix": cidr, "sourcePortRange": "*",
                "destinationAddressPrefix": "*", "destinationPortRange": port}})
    if not rules:
        return None
    ref = Ref("Microsoft.Network/networkSecurityGroups", (ctx.name_expr("generic", r.name, "nsg"),))
    ctx.resource(ref.type, ref.name, tags=ctx.tags_for(r), props={"securityRules": rules})
    return ref


@ARM.register("vm")
def emit_vm(ctx: ArmContext, r: IRResource) -> None:
    count = r.get("count") or {"min": 1, "max": 1}
    single = count["min"] == count["max"] == 1
    net = member_subnet(ctx, r)
    if net is None:
        ctx.diag("ADL5061", r.span, name=r.name, why="an Azure VM needs a subnet",
                 hint="add `network = <network>.private`")
        return
    key = ctx.param("adminSshPublicKey", {"type": "string",
                                          "metadata": {"description": "SSH public key of the VM admin user."}})
    deps = ctx.deps_of(r)
    nsg = _nsg(ctx, r)
    if nsg:
        deps.append(nsg.id)
    disk_type = DISKS[r.get("disk_type") or "gp3"]
    if disk_type == "PremiumV2_LRS":
        disk_type = "Premium_LRS"  # Premium SSD v2 cannot be an OS disk
    os_profile = {
        "adminUsername": "azureuser",
        "allowExtensionOperations": False,
        "linuxConfiguration": {"disablePasswordAuthentication": True, "provisionVMAgent": True,
                               "patchSettings": {"patchMode": "AutomaticByPlatform"},
                               "ssh": {"publicKeys": [{"path": "/home/azureuser/.ssh/authorized_keys",
                                                       "keyData": x(key)}]}},
    }
    storage = {"imageReference": _image(ctx, r),
               "osDisk": {"createOption": "FromImage", "diskSizeGB": max(30, int(r.get("disk") or 30)),
                          "managedDisk": {"storageAccountType": disk_type}, "deleteOption": "Delete"}}
    security = {"encryptionAtHost": bool(r.get("encryption"))}
    if isinstance(r.get("encryption"), dict):
        ctx.diag("ADL5054", r.span_of("encryption"), name=r.name, attr="encryption",
                 value=r.get("encryption")["ref"],
                 why="customer-managed disk keys need a disk encryption set; encryption at host with "
                     "platform keys is emitted", hint="add a Microsoft.Compute/diskEncryptionSets by hand")
    if r.get("rdp_from"):
        ctx.diag("ADL5055", r.span_of("rdp_from"), name=r.name, attr="rdp_from",
                 what="the image is Linux; the RDP rule is emitted as written")
    diagnostics = {"bootDiagnostics": {"enabled": bool(r.get("monitoring"))}}
    ip_cfg: dict[str, Any] = {"subnet": {"id": x(subnet_id(ctx, *net))}, "privateIPAllocationMethod": "Dynamic"}
    # A load balancer that targets this VM is emitted after it but is named deterministically, so the
    # NIC joins the balancer's backend pool itself and waits for the balancer (emit_lb.prepare).
    for prop, pool in ctx.extra.get("lb_pools", {}).get(r.name, []):
        ip_cfg.setdefault(prop, []).append({"id": x(pool)})
    lb_deps = ctx.extra.get("lb_ids", {}).get(r.name, [])
    if single:
        _single(ctx, r, net, ip_cfg, nsg, deps, lb_deps, os_profile, storage, security, diagnostics)
    else:
        _scale_set(ctx, r, count, ip_cfg, nsg, deps + lb_deps, os_profile, storage, security, diagnostics)


def _single(ctx: ArmContext, r: IRResource, net: tuple[str, str], ip_cfg: dict[str, Any], nsg: Ref | None,
            deps: list[str], lb_deps: list[str], os_profile: dict[str, Any], storage: dict[str, Any],
            security: dict[str, Any], diagnostics: dict[str, Any]) -> None:
    nic_deps = [ctx.primary[net[0]].id] + ([nsg.id] if nsg else []) + lb_deps
    if r.get("public"):
        pip = Ref("Microsoft.Network/publicIPAddresses", (ctx.name_expr("generic", r.name, "pip"),))
        ctx.resource(pip.type, pip.name, tags=ctx.tags_for(r), sku={"name": "Standard"},
                     props={"publicIPAllocationMethod": "Static"})
        ip_cfg["publicIPAddress"] = {"id": x(pip.id)}
        nic_deps.append(pip.id)
    nic = Ref("Microsoft.Network/networkInterfaces", (ctx.name_expr("generic", r.name, "nic"),))
    nic_props: dict[str, Any] = {"ipConfigurations": [{"name": "ipconfig1", "properties": ip_cfg}]}
    if nsg:
        nic_props["networkSecurityGroup"] = {"id": x(nsg.id)}
    ctx.resource(nic.type, nic.name, tags=ctx.tags_for(r), depends=nic_deps, props=nic_props)
    vm = Ref("Microsoft.Compute/virtualMachines", (ctx.name_expr("vm", r.name),))
    ctx.primary[r.name] = vm
    os_profile = {"computerName": x(vm.segments[0]), **os_profile}
    ctx.resource(vm.type, vm.name, tags=ctx.tags_for(r), identity={"type": "SystemAssigned"},
                 depends=[nic.id, *deps], props={
                     "hardwareProfile": {"vmSize": r.get("instance")},
                     "osProfile": os_profile,
                     "storageProfile": storage,
                     "networkProfile": {"networkInterfaces": [{"id": x(nic.id),
                                                               "properties": {"deleteOption": "Delete"}}]},
                     "securityProfile": security,
                     "diagnosticsProfile": diagnostics,
                 })


def _scale_set(ctx: ArmContext, r: IRResource, count: dict[str, int], ip_cfg: dict[str, Any],
               nsg: Ref | None, deps: list[str], os_profile: dict[str, Any], storage: dict[str, Any],
               security: dict[str, Any], diagnostics: dict[str, Any]) -> None:
    vmss = Ref("Microsoft.Compute/virtualMachineScaleSets", (ctx.name_expr("vmss", r.name),))
    ctx.primary[r.name] = vmss
    cfg = dict(ip_cfg)
    if r.get("public"):
        cfg["publicIPAddressConfiguration"] = {"name": "pip", "properties": {"idleTimeoutInMinutes": 4},
                                               "sku": {"name": "Standard"}}
    nic: dict[str, Any] = {"name": "nic", "properties": {"primary": True, "ipConfigurations": [
        {"name": "ipconfig1", "properties": cfg}]}}
    if nsg:
        nic["properties"]["networkSecurityGroup"] = {"id": x(nsg.id)}
    ctx.resource(vmss.type, vmss.name, tags=ctx.tags_for(r), identity={"type": "SystemAssigned"},
                 sku={"name": r.get("instance"), "capacity": int(count["min"])}, depends=deps, props={
                     "orchestrationMode": "Flexible",
                     "platformFaultDomainCount": 1,
                     "singlePlacementGroup": False,
                     "virtualMachineProfile": {
                         "osProfile": {"computerNamePrefix": "vm", **os_profile},
                         "storageProfile": storage,
                         "networkProfile": {"networkApiVersion": "2020-11-01", "networkInterfaceConfigurations": [nic]},
                         "securityProfile": security,
                         "diagnosticsProfile": diagnostics,
                     },
                 })
    auto = Ref("Microsoft.Insights/autoscalesettings", (ctx.name_expr("generic", r.name, "autoscale"),))
    metric = {"metricName": "Percentage CPU", "metricResourceUri": x(vmss.id), "timeGrain": "PT1M",
              "statistic": "Average", "timeWindow": "PT5M", "timeAggregation": "Average"}
    ctx.resource(auto.type, auto.name, tags=ctx.tags_for(r), depends=[vmss.id], props={
        "enabled": True,
        "targetResourceUri": x(vmss.id),
        "profiles": [{"name": "cpu", "capacity": {"minimum": str(count["min"]), "maximum": str(count["max"]),
                                                  "default": str(count["min"])},
                      "rules": [
                          {"metricTrigger": {**metric, "operator": "GreaterThan", "threshold": 70},
                           "scaleAction": {"direction": "Increase", "type": "ChangeCount", "value": "1",
                                           "cooldown": "PT5M"}},
                          {"metricTrigger": {**metric, "operator": "LessThan", "threshold": 30},
                           "scaleAction": {"direction": "Decrease", "type": "ChangeCount", "value": "1",
                                           "cooldown": "PT10M"}}]}],
    })
