"""What each cloud can build: a file that compiles clean must also emit (docs/language.md).

Placement: a resource that runs inside a network must name one, or it cannot be emitted.

The design choice (docs/language.md, "Networks"): a missing network is a compile error with a
fix-it, never an implicit network. An implicit VPC would bring NAT gateways, subnets and their
cost that the file never shows; an explicit `network` block keeps the file the whole truth, and
`compile` ⇒ `emit` holds because the emitters' own "needs a network" errors (ADL5004, ADL5061)
can no longer be reached from a file that compiles clean.

Each kind says where it needs one, per cloud, in its KindSpec (`needs_network`), because the clouds
differ: on AWS a database, cache, container service, VM or load balancer is always placed in
subnets; on Azure the PaaS services are reachable without a VNet, but a VM, an Application Gateway
and an internal load balancer need a subnet.

Engines and runtimes: a few the language accepts are not offered on Azure (MariaDB was retired,
there is no managed Memcached/Valkey, Functions run a shorter runtime list); saying so at compile
time, with the substitute as the fix-it, keeps the ARM emitter's own errors unreachable.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from . import buildable_data
from .buildable_kinds import check_kinds
from .catalogue import diag
from .diagnostics import Diagnostic
from .ir import IR
from .kinds import KINDS
from .registry import unsupported_diag


def needs_network(cloud: str, kind: str, attrs: Mapping[str, Any]) -> bool:
    """Whether a resource of `kind` with `attrs` must name a network on `cloud`: its KindSpec's
    `needs_network`. Also asked by the translator (nl/), with its own not-yet-defaulted attributes."""
    spec = KINDS.get(kind)
    return spec is not None and spec.needs_network_on(cloud, attrs)


# cloud -> (kind, variant) -> the engine to use instead
UNOFFERED_VARIANTS: dict[str, dict[tuple[str, str], str]] = {
    "azure": {("database", "mariadb"): "mysql", ("cache", "memcached"): "redis", ("cache", "valkey"): "redis"},
    # Cloud SQL has no MariaDB; AutoDeploy emits Memorystore for Redis only
    "gcp": {("database", "mariadb"): "mysql", ("cache", "memcached"): "redis", ("cache", "valkey"): "redis"},
}
# runtimes Azure Functions offer (tests/backends check this against the ARM emitter's table)
AZURE_FUNCTION_RUNTIMES = frozenset({
    "python3.13", "python3.12", "python3.11", "python3.10", "nodejs22.x", "nodejs20.x",
    "java21", "java17", "dotnet8",
})


# ADL runtime -> Cloud Functions (2nd gen) runtime id; backends/gcp reads the same table
GCP_FUNCTION_RUNTIMES: dict[str, str] = {
    "python3.13": "python313", "python3.12": "python312", "python3.11": "python311", "python3.10": "python310",
    "nodejs22.x": "nodejs22", "nodejs20.x": "nodejs20", "java21": "java21", "java17": "java17",
    "dotnet8": "dotnet8", "ruby3.3": "ruby33",
}


def check_buildable(ir: IR) -> list[Diagnostic]:
    return (_supported(ir) + _placement(ir) + _offered(ir) + _address_space(ir) + check_kinds(ir)
            + buildable_data.check(ir))


def _supported(ir: IR) -> list[Diagnostic]:
    """A kind its KindSpec declares unsupported on the deployment's cloud is the same ADL5007 here
    as in emit, cost and deploy: a file that compiles clean must emit, so it cannot compile clean."""
    found = (unsupported_diag(r.kind, r.name, ir.deployment.cloud, r.span) for r in ir.resources)
    return [d for d in found if d is not None]


# ---- address space: the subnet plans both backends use (one formula, here) -----------------------

def aws_subnet_newbits(prefixlen: int) -> int:
    """Bits added to the VPC prefix for each subnet (Terraform `cidrsubnet`); public subnets take
    the lower half of the numbers, private the upper half."""
    return 8 if prefixlen <= 20 else max(1, 28 - prefixlen)


def azure_subnet_prefix(prefixlen: int) -> int:
    return max(24, prefixlen + 4) if prefixlen < 28 else 28


def azure_subnet_count(ir: IR, net: str) -> int:
    """Subnets the ARM backend plans in `net`: public + private + one per delegated database and
    Application Gateway + one shared by container apps."""
    r = ir.by_name[net]
    n = int(r.get("public_subnets") or 0) + int(r.get("private_subnets") or 0)
    apps = False
    for d in ir.resources:
        v = d.get("network")
        if not (isinstance(v, dict) and v.get("ref") == net):
            continue
        if d.kind == "database" and d.variant in ("postgres", "mysql"):
            n += 1
        elif d.kind == "load_balancer" and d.get("type") == "application":
            n += 1
        elif d.kind == "service":
            apps = True
    return n + int(apps)


def _address_space(ir: IR) -> list[Diagnostic]:
    cloud = ir.deployment.cloud
    out: list[Diagnostic] = []
    for r in ir.resources:
        if r.kind != "network" or not isinstance(r.get("cidr"), str):
            continue
        p = ipaddress.ip_network(r.get("cidr"), strict=False).prefixlen
        problem = None
        if cloud == "aws":
            bits = aws_subnet_newbits(p)
            most = max(int(r.get("public_subnets") or 0), int(r.get("private_subnets") or 0))
            if not 16 <= p <= 28:
                problem = f"an AWS VPC is a /16 to /28, not a /{p}"
            elif p + bits > 28:
                problem = f"a /{p} VPC cannot be split into subnets of at least /28"
            elif most > 2 ** (bits - 1):
                problem = f"a /{p} VPC holds at most {2 ** (bits - 1)} public and {2 ** (bits - 1)} private subnets"
        elif cloud == "azure":
            sub = azure_subnet_prefix(p)
            room, want = 2 ** (sub - p), azure_subnet_count(ir, r.name)
            if sub > 29:
                problem = f"its subnets would be /{sub}s, smaller than Azure's /29 minimum"
            elif want > room:
                problem = f"a /{p} VNet holds {room} /{sub} subnet(s), and {want} are needed"
        if problem:
            hint = ("use a block from /16 to /28" if cloud == "aws" and not 16 <= p <= 28
                    else "use a larger block (a smaller prefix, e.g. /16) or fewer subnets")
            out.append(diag("ADL1082", r.span_of("cidr"), name=r.name, cidr=r.get("cidr"), problem=problem,
                            hint=hint))
    return out


def _offered(ir: IR) -> list[Diagnostic]:
    cloud = ir.deployment.cloud
    out: list[Diagnostic] = []
    for r in ir.resources:
        instead = UNOFFERED_VARIANTS.get(cloud, {}).get((r.kind, r.variant or ""))
        if instead is not None:
            out.append(diag("ADL1081", r.span, what=f"a {r.variant} {r.kind}", cloud=cloud,
                            fix=f"write `{r.kind} {r.name} : {instead}`"))
        runtime = r.get("runtime")
        if cloud == "azure" and r.kind == "function" and runtime not in AZURE_FUNCTION_RUNTIMES:
            out.append(diag("ADL1081", r.span_of("runtime"), what=f"the function runtime `{runtime}`",
                            cloud=cloud, fix="use one of " + ", ".join(
                                f"`{x}`" for x in sorted(AZURE_FUNCTION_RUNTIMES))))
        if cloud == "gcp" and r.kind == "load_balancer" and (r.get("type") == "network" or not r.get("public")):
            what = "a network load balancer" if r.get("type") == "network" else "an internal load balancer"
            out.append(diag("ADL1081", r.span, what=what, cloud=cloud,
                            fix="write `type = application` and `public = true` (a global external Application "
                                "Load Balancer), or reach the service directly"))
        if cloud == "gcp" and r.kind == "function" and runtime not in GCP_FUNCTION_RUNTIMES:
            out.append(diag("ADL1081", r.span_of("runtime"), what=f"the function runtime `{runtime}`",
                            cloud=cloud,
                            fix="use one of " + ", ".join(f"`{x}`" for x in sorted(GCP_FUNCTION_RUNTIMES))))
    return out


def _placement(ir: IR) -> list[Diagnostic]:
    cloud = ir.deployment.cloud
    nets = sorted(r.name for r in ir.resources if r.kind == "network")
    out: list[Diagnostic] = []
    for r in ir.resources:
        # an explicit but broken reference is already reported (ADL1009 / ADL1010)
        if "network" in r.explicit or r.get("network") is not None or not needs_network(cloud, r.kind, r.attrs):
            continue
        if nets:
            fix = f"add `network = {nets[0]}.private` to `{r.name}`"
        else:
            fix = f"declare `network net {{}}` and add `network = net.private` to `{r.name}`"
        out.append(diag("ADL1080", r.span, kind=r.kind, name=r.name, cloud=cloud, fix=fix))
    return out
