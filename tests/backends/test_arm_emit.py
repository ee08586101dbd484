"""Properties of the ARM backend: determinism, dependsOn that resolves, graph edges kept, valid names,
secure settings, secrets never in the template, diagnostics instead of silent drops."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from _arm_helpers import DATA, ROOT, emitted, golden_inputs, template

from autodeploy.backends.arm import emit_arm
from autodeploy.backends.arm.context import Ref
from autodeploy.backends.arm.emit import build
from autodeploy.backends.arm.names import PREFIX_MAX, RULES
from autodeploy.compiler import compile_file, compile_source

EVERYTHING = DATA / "azure-everything.adl"
UNSUPPORTED = DATA / "unbuildable-azure.adl"  # compile errors: not a golden input


def _by_type(doc: dict, type_: str) -> list[dict]:
    return [r for r in doc["resources"] if r["type"] == type_]


def _split_args(text: str) -> list[str]:
    """Top-level comma-separated arguments of an ARM function call's argument list."""
    out, depth, cur, quoted = [], 0, "", False
    for ch in text:
        if ch == "'":
            quoted = not quoted
        if not quoted:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "," and depth == 0:
                out.append(cur.strip())
                cur = ""
                continue
        cur += ch
    out.append(cur.strip())
    return out


# ---- determinism ------------------------------------------------------------------------------

def test_byte_identical_across_processes_and_hash_seeds():
    script = ("import sys; from autodeploy.compiler import compile_file; from autodeploy.backends.arm import emit_arm;"
              "r = compile_file(sys.argv[1]); o = emit_arm(r.ir, r.graph);"
              "sys.stdout.write(o.files['azuredeploy.json'])")
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        p = subprocess.run([sys.executable, "-c", script, str(EVERYTHING)], capture_output=True, text=True,
                           env=env, cwd=ROOT, check=True)
        outs.add(p.stdout)
    assert len(outs) == 1
    _, out = emitted(str(EVERYTHING))
    assert outs == {out.files["azuredeploy.json"]}


# ---- template structure ---------------------------------------------------------------------

@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_top_level_and_parameters(path):
    doc = template(path)
    assert doc["$schema"] == "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
    assert list(doc) == ["$schema", "contentVersion", "metadata", "parameters", "variables", "resources", "outputs"]
    res, _ = emitted(str(path))
    assert doc["parameters"]["location"]["defaultValue"] == res.ir.deployment.region
    assert doc["parameters"]["namePrefix"]["maxLength"] == PREFIX_MAX
    assert doc["parameters"]["tags"]["type"] == "object"
    for r in doc["resources"]:
        assert list(r)[:3] == ["type", "apiVersion", "name"]
        assert "preview" not in r["apiVersion"] or r["type"] == "Microsoft.Insights/diagnosticSettings"


def _resource_keys(doc: dict) -> set[tuple[str, str]]:
    return {(r["type"], r["name"]) for r in doc["resources"]}


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_every_depends_on_resolves_to_a_resource_in_the_template(path):
    doc = template(path)
    keys = _resource_keys(doc)
    ext_names = {r["name"] for r in doc["resources"] if "scope" in r}
    checked = 0
    for r in doc["resources"]:
        assert len(r.get("dependsOn", [])) == len(set(r.get("dependsOn", [])))
        for dep in r.get("dependsOn", []):
            m = re.fullmatch(r"\[resourceId\((.*)\)\]", dep)
            if m:
                args = _split_args(m.group(1))
                type_ = args[0].strip("'")
                assert (type_, Ref(type_, tuple(args[1:])).name) in keys, f"{r['name']} -> {dep}"
            else:
                m = re.fullmatch(r"\[extensionResourceId\((.*)\)\]", dep)
                assert m, dep
                args = _split_args(m.group(1))
                assert "[" + args[2] + "]" in ext_names, dep
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_graph_edges_become_depends_on(path):
    res, _ = emitted(str(path))
    ctx = build(res.ir, res.graph)
    by_name = {(r["type"], r["name"]): r for r in ctx.resources}
    edges = 0
    for a, b in res.graph.g.edges:
        if a not in ctx.primary or b not in ctx.primary:
            continue  # a resource that could not be emitted has a diagnostic (tested below)
        ra, rb = ctx.primary[a], ctx.primary[b]
        if (a, b) in ctx.reversed_edges:
            # a VM behind a load balancer joins its pool: the dependency is turned around
            holder = by_name[(rb.type, rb.name)]
            nic_or_vm = json.dumps(ctx.resources)
            assert ra.id in nic_or_vm and holder
            continue
        if ra.type == "Microsoft.Resources/deployments":
            continue
        deps = by_name[(ra.type, ra.name)].get("dependsOn", [])
        assert "[" + rb.id + "]" in deps, f"{a} -> {b} lost"
        edges += 1
    assert edges > 0 or res.graph.g.number_of_edges() == 0


# ---- names ------------------------------------------------------------------------------------

TYPE_RULE = {
    "Microsoft.Storage/storageAccounts": "storage",
    "Microsoft.KeyVault/vaults": "keyvault",
    "Microsoft.DBforPostgreSQL/flexibleServers": "postgres",
    "Microsoft.DBforMySQL/flexibleServers": "mysql",
    "Microsoft.DocumentDB/databaseAccounts": "cosmos",
    "Microsoft.Cache/redis": "redis",
    "Microsoft.ServiceBus/namespaces": "servicebus",
    "Microsoft.Web/sites": "site",
    "Microsoft.App/containerApps": "containerapp",
    "Microsoft.App/managedEnvironments": "managedenv",
    "Microsoft.Compute/virtualMachines": "vm",
    "Microsoft.Compute/virtualMachineScaleSets": "vmss",
    "Microsoft.OperationalInsights/workspaces": "workspace",
    "Microsoft.Cdn/profiles": "frontdoor",
    "Microsoft.Network/virtualNetworks": "generic",
    "Microsoft.Network/applicationGateways": "generic",
    "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies": "wafpolicy",
}


@pytest.mark.parametrize("prefix", ["default", "abcdefgh", "a"])
@pytest.mark.parametrize("path", golden_inputs(), ids=lambda p: p.stem)
def test_names_follow_each_service_rule(path, prefix):
    doc = template(path)
    if prefix == "default":
        prefix = doc["parameters"]["namePrefix"]["defaultValue"]
    seen = 0
    for r in doc["resources"]:
        rule = TYPE_RULE.get(r["type"])
        if rule is None:
            continue
        m = re.fullmatch(r"\[concat\(parameters\('namePrefix'\), '([^']*)'\)\]", r["name"])
        assert m, r["name"]
        name = prefix + m.group(1)
        assert re.fullmatch(RULES[rule].pattern, name), f"{r['type']}: {name!r} breaks {RULES[rule].pattern}"
        seen += 1
    assert seen >= 3


def test_names_are_unique_per_type():
    doc = template(EVERYTHING)
    keys = [(r["type"], r["name"], r.get("scope")) for r in doc["resources"]]
    assert len(keys) == len(set(keys))


# ---- secure settings --------------------------------------------------------------------------

def test_storage_accounts_are_locked_down():
    doc = template(EVERYTHING)
    accounts = _by_type(doc, "Microsoft.Storage/storageAccounts")
    assert len(accounts) >= 3
    for a in accounts:
        p = a["properties"]
        assert p["supportsHttpsTrafficOnly"] is True
        assert p["minimumTlsVersion"] == "TLS1_2"
        assert p["allowSharedKeyAccess"] is False
        assert p["allowBlobPublicAccess"] is ("publicsi" in a["name"])
    media = next(a for a in accounts if "stmedia" in a["name"])
    enc = media["properties"]["encryption"]
    assert enc["keySource"] == "Microsoft.Keyvault" and "keyvaultproperties" in enc
    assert media["identity"]["type"] == "UserAssigned"
    blob = next(b for b in _by_type(doc, "Microsoft.Storage/storageAccounts/blobServices") if "stmedia" in b["name"])
    assert blob["properties"]["isVersioningEnabled"] is True
    pol = _by_type(doc, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies")
    assert [p["properties"]["immutabilityPeriodSinceCreationInDays"] for p in pol] == [30]


def test_key_vault_and_keys():
    doc = template(EVERYTHING)
    [vault] = _by_type(doc, "Microsoft.KeyVault/vaults")
    p = vault["properties"]
    assert p["enableSoftDelete"] and p["enablePurgeProtection"] and p["enableRbacAuthorization"]
    assert p["publicNetworkAccess"] == "Disabled"
    [key] = _by_type(doc, "Microsoft.KeyVault/vaults/keys")
    assert key["properties"]["rotationPolicy"]["lifetimeActions"][0]["action"]["type"] == "rotate"


def test_secret_values_never_reach_the_template():
    res, out = emitted(str(EVERYTHING))
    text = out.files["azuredeploy.json"] + out.files["azuredeploy.parameters.json"]
    assert "hunter2" not in text
    legacy = res.ir.resource("legacy_password")
    assert legacy.get("value") and legacy.get("value") not in text
    codes = {(d.code, d.severity.value) for d in out.diagnostics}
    assert ("ADL5053", "warning") in codes
    doc = json.loads(out.files["azuredeploy.json"])
    for s in _by_type(doc, "Microsoft.KeyVault/vaults/secrets"):
        param = re.fullmatch(r"\[parameters\('(\w+)'\)\]", s["properties"]["value"]).group(1)
        assert doc["parameters"][param]["type"] == "securestring"
        assert "defaultValue" not in doc["parameters"][param]


def test_database_cache_table_messaging():
    doc = template(EVERYTHING)
    [pg] = _by_type(doc, "Microsoft.DBforPostgreSQL/flexibleServers")
    assert pg["sku"] == {"name": "Standard_D4ds_v5", "tier": "GeneralPurpose"}
    p = pg["properties"]
    assert p["highAvailability"]["mode"] == "ZoneRedundant" and p["backup"]["backupRetentionDays"] == 14
    assert p["storage"]["storageSizeGB"] == 128
    assert "delegatedSubnetResourceId" in p["network"] and p["network"]["publicNetworkAccess"] == "Disabled"
    [cfg] = _by_type(doc, "Microsoft.DBforPostgreSQL/flexibleServers/configurations")
    assert cfg["name"].endswith("'require_secure_transport')]") and cfg["properties"]["value"] == "ON"
    vnet = _by_type(doc, "Microsoft.Network/virtualNetworks")[0]
    delegated = [s for s in vnet["properties"]["subnets"] if s["properties"].get("delegations")]
    assert {d["properties"]["delegations"][0]["properties"]["serviceName"] for d in delegated} == {
        "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.App/environments"}
    [redis] = _by_type(doc, "Microsoft.Cache/redis")
    rp = redis["properties"]
    assert rp["minimumTlsVersion"] == "1.2" and rp["enableNonSslPort"] is False
    assert rp["sku"] == {"name": "Premium", "family": "P", "capacity": 1} and rp["shardCount"] == 2
    [cosmos] = _by_type(doc, "Microsoft.DocumentDB/databaseAccounts")
    assert {"name": "EnableTable"} in cosmos["properties"]["capabilities"]
    assert cosmos["properties"]["backupPolicy"]["type"] == "Continuous"
    queues = _by_type(doc, "Microsoft.ServiceBus/namespaces/queues")
    jobs = next(q for q in queues if q["name"].endswith("'jobs')]"))
    assert jobs["properties"]["lockDuration"] == "PT5M" and jobs["properties"]["forwardDeadLetteredMessagesTo"]
    subs = _by_type(doc, "Microsoft.ServiceBus/namespaces/topics/subscriptions")
    assert len(subs) == 2 and any("forwardTo" in s["properties"] for s in subs)


def test_compute_services_and_edges():
    doc = template(EVERYTHING)
    [site] = _by_type(doc, "Microsoft.Web/sites")
    assert site["kind"] == "functionapp,linux" and site["properties"]["httpsOnly"] is True
    assert site["properties"]["siteConfig"]["minTlsVersion"] == "1.2" and site["identity"]["type"] == "SystemAssigned"
    [plan] = _by_type(doc, "Microsoft.Web/serverfarms")
    assert plan["sku"] == {"name": "Y1", "tier": "Dynamic"}
    apps = {a["name"]: a for a in _by_type(doc, "Microsoft.App/containerApps")}
    api = next(a for n, a in apps.items() if "-ca-api-" in n)
    admin = next(a for n, a in apps.items() if "-ca-admin-" in n)
    assert api["properties"]["configuration"]["ingress"]["external"] is True
    assert admin["properties"]["configuration"]["ingress"]["external"] is False
    for a in apps.values():
        assert a["properties"]["configuration"]["ingress"]["allowInsecure"] is False
    assert api["properties"]["template"]["scale"] == {"minReplicas": 2, "maxReplicas": 10}
    [vm] = _by_type(doc, "Microsoft.Compute/virtualMachines")
    assert vm["properties"]["securityProfile"]["encryptionAtHost"] is True
    assert vm["properties"]["osProfile"]["linuxConfiguration"]["disablePasswordAuthentication"] is True
    [vmss] = _by_type(doc, "Microsoft.Compute/virtualMachineScaleSets")
    assert vmss["sku"]["capacity"] == 2
    [auto] = _by_type(doc, "Microsoft.Insights/autoscalesettings")
    assert auto["properties"]["profiles"][0]["capacity"]["maximum"] == "8"
    rules = [rule for n in _by_type(doc, "Microsoft.Network/networkSecurityGroups")
             for rule in n["properties"]["securityRules"] if rule["name"] == "allow-ssh"]
    assert [r["properties"]["sourceAddressPrefix"] for r in rules] == ["203.0.113.0/24"]
    pips = _by_type(doc, "Microsoft.Network/publicIPAddresses")
    assert any("bastion-pip" in p["name"] for p in pips)
    assert not any("workers" in p["name"] for p in pips)
    [agw] = _by_type(doc, "Microsoft.Network/applicationGateways")
    assert agw["properties"]["sku"]["name"] == "WAF_v2" and "firewallPolicy" in agw["properties"]
    [lb] = _by_type(doc, "Microsoft.Network/loadBalancers")
    assert lb["properties"]["loadBalancingRules"][0]["properties"]["frontendPort"] == 5432
    ipcfg = vmss["properties"]["virtualMachineProfile"]["networkProfile"]["networkInterfaceConfigurations"][0]
    ipcfg = ipcfg["properties"]["ipConfigurations"][0]["properties"]
    assert "applicationGatewayBackendAddressPools" in ipcfg and "loadBalancerBackendAddressPools" in ipcfg
    profiles = {p["name"]: p for p in _by_type(doc, "Microsoft.Cdn/profiles")}
    assert sorted(p["sku"]["name"] for p in profiles.values()) == ["Premium_AzureFrontDoor", "Standard_AzureFrontDoor"]
    assert len(_by_type(doc, "Microsoft.Cdn/profiles/afdEndpoints/routes")) == 2
    assert len(_by_type(doc, "Microsoft.Cdn/profiles/originGroups/origins")) == 2


def test_network_flow_logs_and_audit():
    doc = template(EVERYTHING)
    deployments = _by_type(doc, "Microsoft.Resources/deployments")
    flow = [d for d in deployments if "resourceGroup" in d]
    [fl] = flow
    inner = fl["properties"]["template"]["resources"][0]
    assert inner["type"] == "Microsoft.Network/networkWatchers/flowLogs"
    # a literal (not a parameter), so checkov can read the retention (CKV_AZURE_12)
    assert inner["properties"]["retentionPolicy"] == {"days": 365, "enabled": True}
    [audit] = [d for d in deployments if "subscriptionId" in d]
    ds = audit["properties"]["template"]["resources"][0]
    assert ds["type"] == "Microsoft.Insights/diagnosticSettings"
    assert "workspaceId" in ds["properties"] and "storageAccountId" in ds["properties"]
    [ws] = _by_type(doc, "Microsoft.OperationalInsights/workspaces")
    assert ws["properties"]["retentionInDays"] == 730


# ---- diagnostics instead of silent drops ------------------------------------------------------

def test_unsupported_settings_give_diagnostics():
    res = compile_file(UNSUPPORTED)
    # the compiler refuses them first (compile => emit), naming the fix ...
    assert {(d.code, d.span.line) for d in res.errors} == {
        ("ADL1081", 10), ("ADL1081", 12), ("ADL1081", 14), ("ADL1081", 17), ("ADL1080", 26)}
    # ... and the emitter, handed the IR anyway, still diagnoses rather than drops
    out = emit_arm(res.ir, res.graph)
    got = {(d.code, d.message.split("`")[1]) for d in out.diagnostics}
    for want in [("ADL5051", "old_maria"), ("ADL5052", "sessions"), ("ADL5052", "kv"), ("ADL5058", "edge_fn"),
                 ("ADL5054", "arm_fn"), ("ADL5061", "lone")]:
        assert want in got
    assert not out.ok
    doc = json.loads(out.files["azuredeploy.json"])
    assert not _by_type(doc, "Microsoft.DBforMySQL/flexibleServers")
    assert not _by_type(doc, "Microsoft.Compute/virtualMachines")


def test_every_ir_resource_is_emitted_or_diagnosed():
    for path in golden_inputs():
        res, out = emitted(str(path))
        ctx = build(res.ir, res.graph)
        diagnosed = {d.message.split("`")[1] for d in out.diagnostics if d.is_error}
        for r in res.ir.resources:
            assert r.name in ctx.primary or r.name in diagnosed, f"{path.name}: {r.name} dropped silently"


def test_template_limits_are_reported():
    src = ['deployment big { cloud = azure region = "westeurope" }']
    src += [f"bucket b{i} {{ }}" for i in range(220)]
    res = compile_source("\n".join(src), "big.adl")
    assert res.ok, res.render()
    out = emit_arm(res.ir, res.graph)
    limit = [d for d in out.diagnostics if d.code == "ADL5059"]
    assert [d.message.split("; ")[1] for d in limit] == ["ARM allows at most 800"]
    assert limit[0].is_error and not out.ok


def test_fast_and_stdlib_json_writers_agree():
    from autodeploy.backends.arm import emit as emit_mod

    doc = template(EVERYTHING)
    stdlib = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    assert emit_mod.dumps(doc) == stdlib
    if emit_mod.orjson is None:
        pytest.skip("orjson not installed: the stdlib writer is the one in use")
    tricky = {"s": "é\u2028\x7f\x01/\"\\", "f": [0.5, 1.0, 1e20, -0.0], "e": {}, "l": [], "n": None}
    assert emit_mod.dumps(tricky) == json.dumps(tricky, indent=2, ensure_ascii=False) + "\n"


def _emit_src(text: str):
    res = compile_source(text, "t.adl")
    assert res.ok, res.render()
    return emit_arm(res.ir, res.graph)


def test_address_space_exhaustion_is_reported():
    res = compile_source('deployment d { cloud = azure region = "westeurope" }\n'
                         'network tiny { cidr = "10.0.0.0/28" public_subnets = 2 private_subnets = 2 }\n', "t.adl")
    assert [d.code for d in res.errors] == ["ADL1082"]  # the compiler refuses it first (compile => emit)
    out = emit_arm(res.ir, res.graph)  # the emitter, handed the IR anyway, still reports it
    codes = [d.code for d in out.diagnostics if d.code == "ADL5057"]
    assert len(codes) == 3  # one /28 fits, three subnets do not
    assert not out.ok


def test_function_takes_public_traffic_only_behind_a_load_balancer():
    base = ('deployment d { cloud = azure region = "westeurope" }\n'
            'network n { }\nfunction f { }\n')
    alone = json.loads(_emit_src(base).files["azuredeploy.json"])
    fronted = json.loads(_emit_src(base + "load_balancer lb { public = true targets = [f] network = n }\n")
                         .files["azuredeploy.json"])
    [a] = _by_type(alone, "Microsoft.Web/sites")
    [b] = _by_type(fronted, "Microsoft.Web/sites")
    assert a["properties"]["publicNetworkAccess"] == "Disabled"
    assert b["properties"]["publicNetworkAccess"] == "Enabled"
