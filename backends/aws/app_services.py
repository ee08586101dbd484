"""The application-service kinds on AWS (compiler/kinds_app_services.py): names, constants and IAM
grants that Terraform (backends/terraform/emit_<kind>.py) and deploy (backends/deploy/kind_<kind>.py)
share, so what main.tf declares is what deploy creates."""

from __future__ import annotations

from .grants import ARN, Grant, sid_of
from .names import prefixed

# EFS lifecycle steps (TransitionToIA accepts only these); a longer wish rounds up, never down
EFS_IA_DAYS = (1, 7, 14, 30, 60, 90, 180, 270, 365)
EFS_POSIX_UID = 1000
# API Gateway access-log record (the documented $context variables), one JSON object per request
ACCESS_LOG_FORMAT = (
    '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",'
    '"requestTime":"$context.requestTime","httpMethod":"$context.httpMethod",'
    '"routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol",'
    '"responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}'
)
# a REST API without a target still needs a method to be deployed (CreateDeployment refuses an API
# with none): its root answers every method with this status, through a MOCK integration, as a load
# balancer without targets answers with a fixed 404
REST_EMPTY_STATUS = "404"
REST_EMPTY_TEMPLATE = '{"statusCode": 404}'
# SageMaker autoscaling: invocations per instance per minute the target-tracking policy holds
INVOCATIONS_PER_INSTANCE = 1000
# volume device names: /dev/sdf .. /dev/sdu (16 per instance, the `count` maximum)
DEVICE_LETTERS = "fghijklmnopqrstu"


def name(deployment: str, resource: str) -> str:
    return prefixed(deployment, resource)


def efs_ia(days: float) -> str:
    step = next((d for d in EFS_IA_DAYS if d >= days), EFS_IA_DAYS[-1])
    return f"AFTER_{step}_DAY" + ("S" if step > 1 else "")


def device(i: int) -> str:
    return f"/dev/sd{DEVICE_LETTERS[i]}"


def route_keys(targets: list[str]) -> list[tuple[str, str]]:
    """(target, route key): one target takes every path, several get `/<name>/{proxy+}` each."""
    if len(targets) == 1:
        return [(targets[0], "$default")]
    return [(t, f"ANY /{t.replace('_', '-')}/{{proxy+}}") for t in targets]


def model_endpoint_grants(resource: str, attr: str) -> tuple[Grant, ...]:
    return (Grant(f"Invoke{sid_of(resource)}", ("sagemaker:InvokeEndpoint",), (ARN,)),)


def file_system_grants(resource: str, attr: str) -> tuple[Grant, ...]:
    return (Grant(f"Mount{sid_of(resource)}", ("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"),
                  (ARN,)),)


def etl_job_grants(resource: str, attr: str) -> tuple[Grant, ...]:
    return (Grant(f"Run{sid_of(resource)}", ("glue:StartJobRun", "glue:GetJobRun"), (ARN,)),)

