"""The provider contract: one small module per kind registers a `Provider` here.

A provider works on a `phys` dict (the resource's physical ids/ARNs) that it fills *as it
goes*: when call k of a create fails, `phys` names exactly what exists, and the engine
hands it to `delete`, which removes whatever is present and tolerates what is not. That is
what makes rollback complete without a separate journal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from autodeploy.backends.aws.names import NAMING_SCHEME, legacy_name
from autodeploy.backends.tags import TAG_DEPLOYMENT, TAG_RESOURCE  # noqa: F401  (the shared vocabulary)
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.compiler.ir import IRResource
from autodeploy.compiler.registry import KindRegistry

from .cloud import Cloud
from .diagnostics import ddiag


class Unsupported(Exception):
    """The endpoint does not implement an API this resource needs (moto gap)."""

    def __init__(self, api: str) -> None:
        super().__init__(api)
        self.api = api


@dataclass
class Ctx:
    cloud: Cloud
    deployment: str
    resource: IRResource
    tags: dict[str, str]
    refs: dict[str, dict[str, Any]]  # dependency name -> its phys
    kinds: dict[str, str] = field(default_factory=dict)  # every resource name -> kind
    warnings: list[Diagnostic] = field(default_factory=list)
    # every resource of the file by name: the grants of an edge depend on its target's settings
    targets: dict[str, IRResource] = field(default_factory=dict)
    # the naming scheme of this resource: its record's (kept for life), NAMING_SCHEME when new
    naming: int = NAMING_SCHEME
    # the deployment's own tags (main.tf's default_tags): what a deployment-wide part carries
    deployment_tags: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.resource.name

    def c(self, service: str) -> Any:
        return self.cloud.client(service)

    def warn_feature(self, feature: str, reason: str, hint: str = "") -> None:
        self.warnings.append(ddiag("ADL5106", self.resource.span, name=self.name, kind=self.resource.kind,
                                   feature=feature, reason=reason, hint=hint))

    def left_behind(self, what: str, api: str) -> None:
        self.warnings.append(ddiag("ADL5114", self.resource.span, name=self.name, kind=self.resource.kind,
                                   what=what, api=api))

    # ---- naming -------------------------------------------------------------------
    def pname(self, suffix: str = "", limit: int = 63, lower: bool = True) -> str:
        """A name of naming scheme 1 (`ad-<deployment>-<name>-<hash>`): still what the parts main.tf
        does not name the same way use, and what a resource recorded under scheme 1 keeps."""
        return legacy_name(self.deployment, self.cloud.region, self.name, suffix, limit, lower)

    def primary(self, unified: str, legacy: str, fifo: bool = False) -> str:
        """The resource's own physical name: the user's `name` when the file states one (as main.tf
        writes it; a FIFO queue's ends in `.fifo`), otherwise `named(unified, legacy)`."""
        user = self.resource.get("name")
        if user:
            return user if not fifo or user.endswith(".fifo") else user + ".fifo"
        return self.named(unified, legacy)

    def named(self, unified: str, legacy: str) -> str:
        """The physical name: the shared scheme's (backends/aws, equal to main.tf's), unless this
        resource was created under scheme 1, whose names it keeps for life (state is sacred)."""
        return legacy if self.naming < NAMING_SCHEME else unified

    # ---- tags in the shapes the services want -------------------------------------
    def tag_list(self, key: str = "Key", value: str = "Value") -> list[dict[str, str]]:
        return [{key: k, value: v} for k, v in sorted(self.tags.items())]

    def tag_spec(self, rtype: str) -> list[dict[str, Any]]:
        return [{"ResourceType": rtype, "Tags": self.tag_list()}]

    # ---- references ------------------------------------------------------------------
    def ref(self, attr: str) -> tuple[dict[str, Any] | None, str | None]:
        v = self.resource.get(attr)
        if isinstance(v, dict) and "ref" in v:
            return self.refs.get(v["ref"]), v.get("member")
        return None, None

    def kms_key(self, attr: str = "encryption") -> str | None:
        """The KMS key ARN when `attr` references a key resource, else None (service-managed)."""
        phys, _ = self.ref(attr)
        return phys.get("key_arn") if phys else None

    def subnets(self, attr: str = "network", default_member: str = "private") -> tuple[str | None, list[str]]:
        """(vpc_id, subnet ids) of the referenced network member, or the default VPC's subnets."""
        phys, member = self.ref(attr)
        if phys:
            member = member or default_member
            ids = phys.get(f"{member}_subnets") or phys.get("private_subnets") or phys.get("public_subnets")
            return phys.get("vpc_id"), list(ids or [])
        ec2 = self.c("ec2")
        vpcs = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]
        if not vpcs:
            return None, []
        vpc = vpcs[0]["VpcId"]
        subs = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
        by_az: dict[str, str] = {}
        for s in sorted(subs, key=lambda s: s["SubnetId"]):
            by_az.setdefault(s["AvailabilityZone"], s["SubnetId"])
        return vpc, [by_az[a] for a in sorted(by_az)]


Fn = Callable[..., Any]


@dataclass(frozen=True)
class Provider:
    kind: str
    create: Fn  # (ctx, phys) -> None, fills phys
    delete: Fn  # (ctx, phys) -> None, tolerant of partial phys
    read: Fn  # (ctx, phys) -> dict observed | None when gone
    expected: Fn  # (resource) -> dict: what `read` should return for the desired attrs
    update: Fn | None = None  # (ctx, phys, changed: set[str]) -> None
    updatable: frozenset[str] = frozenset()
    # (ctx, phys) -> str | None: why deleting it loses data ("a database", "holds objects"), or
    # None; destroy/replace of such a resource needs it named in the confirmation (issue 15)
    holds_data: Fn | None = None
    # (phys) -> {dimension: value}: the deployed resource's CloudWatch dimension values, for a monitor
    # watching it (kind_monitor.py); a kind monitors alarm on (backends/aws/monitoring.DIMENSIONS) has one
    dimensions: Fn | None = None
    # (resource, ir, phys) -> names of what must change although the resource's own attributes did
    # not, because of other resources of the file (a service's own ALB once a load_balancer targets it)
    derived: Fn | None = None
    # (resource) -> Diagnostic | None: why deploy cannot build it (e.g. a function whose runtime needs
    # a built package); checked for every create and replace before any call is made
    refuse: Fn | None = None
    # (ctx, phys, changed: set[str]) -> None: the part of an in-place update that cannot be undone by
    # calling `update` with the record before (a service's own ALB, removed once a load_balancer
    # fronts it): run once everything else of the run stands, so a failed run never reaches it
    settle: Fn | None = None

    def diff(self, resource: IRResource, observed: dict[str, Any]) -> list[tuple[str, Any, Any]]:
        want = self.expected(resource)
        return [(k, want[k], observed.get(k)) for k in sorted(want) if observed.get(k) != want[k]]


def always_data(what: str) -> Fn:
    """`holds_data` for kinds that hold data by nature (databases, tables): no API call."""

    def check(ctx: Ctx, phys: dict[str, Any]) -> str | None:
        return what if phys else None

    return check


# kind -> provider, filled by the kind_*.py modules' `provider(...)` registrations (AWS only: boto3)
PROVIDERS: KindRegistry[Provider] = KindRegistry("deploy provider", "aws", __package__ or "", "kind_",
                                                  deploys=True)


def provider(p: Provider) -> Provider:
    return PROVIDERS.register(p.kind)(p)


def load_all() -> dict[str, Provider]:
    return dict(PROVIDERS.handlers)
