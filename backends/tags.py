"""One tag vocabulary for every backend (Terraform, ARM, boto3 deploy).

Deployment-wide tags (`deployment_tags`) go on every resource: Terraform puts them in the provider's
`default_tags`, ARM in the `tags` parameter, deploy on each create call. Resource tags
(`resource_tags`) are merged over them. The reserved keys are written last so a user tag cannot
disguise which deployment or resource an object belongs to. `:` is valid in AWS and Azure tag keys
(Azure forbids `<>%&\\?/`), and `autodeploy:` is not the reserved `aws:` prefix."""

from __future__ import annotations

# the vocabulary lives with the compiler, which checks the tags' count and form per cloud (ADL0971-0973)
from autodeploy.compiler.cloud_strings import (
    TAG_DATA,
    TAG_DEPLOYMENT,
    TAG_ENVIRONMENT,
    TAG_NAME,
    TAG_OWNER,
    TAG_RESOURCE,
    deployment_tags,
    resource_tags,
)

__all__ = ["TAG_DATA", "TAG_DEPLOYMENT", "TAG_ENVIRONMENT", "TAG_NAME", "TAG_OWNER", "TAG_RESOURCE",
           "deployment_tags", "resource_tags"]
