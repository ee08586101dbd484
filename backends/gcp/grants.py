"""IAM grants as data, declared by each used kind's emitter: what a workload's service account gets
over one `uses` (or `secrets`) edge to a resource of that kind. Each emit_<kind>.py registers its
grants with `@GCP_TERRAFORM.register(kind, ..., grants=(...))`; the IAM pass (iam.py) binds them.
A kind that registers none needs no IAM (its traffic is a network matter, e.g. a cache)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourceGrant:
    """A predefined role bound on the used resource itself (where GCP allows it)."""

    member_type: str  # the Terraform IAM member type, e.g. google_storage_bucket_iam_member
    attr: str  # its attribute naming the resource
    target_type: str  # the used resource's Terraform type (the emitter declares it)
    target_attr: str  # the attribute of it that `attr` takes
    role: str
    regional: bool = False  # the member names the resource's region (Cloud Run)


@dataclass(frozen=True)
class ProjectGrant:
    """A role GCP binds only on the project: the binding's IAM condition names the one resource."""

    role: str
    prefix: str  # the condition's resource name prefix
    target_type: str


Grant = ResourceGrant | ProjectGrant
