"""ADL5050-ADL5099: diagnostics of the Azure ARM backend, registered in the shared catalogue."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

register(
    Template("ADL5050", E, "wrong cloud for ARM", "deployment cloud is {cloud}; set cloud = azure to emit ARM",
             "ARM templates describe Azure resources only; emit Terraform for {cloud}"),
    Template("ADL5051", E, "service retired on Azure",
             "`{name}`: Azure Database for MariaDB was retired on 2025-09-19; it cannot be emitted",
             "use `database {name} : mysql` (Azure Database for MySQL flexible server)"),
    Template("ADL5052", E, "engine not offered on Azure", "`{name}`: Azure has no managed {engine} cache",
             "use `cache {name} : redis` (Azure Cache for Redis)"),
    Template("ADL5053", W, "secret value not emitted",
             "`{name}` sets `value` in the file; the value is NOT written to the template",
             "the template takes it as the secure parameter `{param}`; remove `value` from the file"),
    Template("ADL5054", W, "setting not expressible in ARM", "`{name}`.{attr} = {value}: {why}", "{hint}"),
    Template("ADL5055", INFO, "setting adjusted for Azure", "`{name}`.{attr}: {what}", None),
    Template("ADL5056", INFO, "flow logs need Network Watcher",
             "`{name}`: VNet flow logs are created in the Network Watcher of the region",
             "the template deploys into resource group `NetworkWatcherRG` (parameter networkWatcherResourceGroup); "
             "Azure creates NetworkWatcher_<region> there when the first VNet is created"),
    Template("ADL5057", E, "address space exhausted",
             "`{name}`: cidr {cidr} has no room for subnet `{subnet}` (/{prefix})",
             "widen `cidr` or use fewer subnets"),
    Template("ADL5058", E, "runtime not offered", "`{name}`: runtime `{runtime}` is not offered by Azure Functions",
             "use one of {options}"),
    Template("ADL5059", E, "ARM template limit exceeded", "the template has {count} {what}; ARM allows at most {limit}",
             "split the deployment into several .adl files (one template each)"),
    Template("ADL5061", E, "resource cannot be emitted", "`{name}` cannot be emitted: {why}", "{hint}"),
    Template("ADL5060", W, "setting not emitted", "`{name}`.{attr}: {why}", "{hint}"),
)
