"""One tag vocabulary for every backend (Terraform, ARM, boto3 deploy).

Deployment-wide tags (`deployment_tags`) go on every resource: Terraform puts them in the provider's
`default_tags`, ARM in the `tags` parameter, deploy on each create call. Resource tags
(`resource_tags`) are merged over them. The reserved keys are written last so a user tag cannot
disguise which deployment or resource an object belongs to. `:` is valid in AWS and Azure tag keys
(Azure forbids `<>%&\\?/`), and `autodeploy:` is not the reserved `aws:` prefix."""

from __future__ import annotations

from autodeploy.compiler.ir import IRDeployment, IRResource

TAG_DEPLOYMENT = "autodeploy:deployment"
TAG_RESOURCE = "autodeploy:resource"
TAG_ENVIRONMENT = "environment"
TAG_OWNER = "owner"
TAG_DATA = "data_classification"
# AWS only: the console shows the `Name` tag as a resource's display name (Azure resources have names)
TAG_NAME = "Name"


def deployment_tags(d: IRDeployment) -> dict[str, str]:
    tags = {str(k): str(v) for k, v in sorted(d.tags.items())}
    if d.owner:
        tags[TAG_OWNER] = d.owner
    tags[TAG_ENVIRONMENT] = d.environment
    tags[TAG_DEPLOYMENT] = d.name
    return tags


def resource_tags(r: IRResource) -> dict[str, str]:
    tags = {str(k): str(v) for k, v in sorted((r.get("tags") or {}).items())}
    if r.data:
        tags[TAG_DATA] = str(r.data)
    tags[TAG_RESOURCE] = r.name
    return tags
