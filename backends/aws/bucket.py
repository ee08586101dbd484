"""bucket (S3): name and IAM."""

from __future__ import annotations

from autodeploy.backends import naming

from .grants import ARN, DECRYPT, OBJECTS, READ_WRITE_KEY, Grant, key_grant, sid_of

LIST = ("s3:ListBucket",)
OBJECT_RW = ("s3:GetObject", "s3:PutObject")
TRIGGER = ("s3:GetObject",)  # a function triggered by an upload reads the object it is told about


def name(deployment: str, resource: str) -> str:
    return naming.s3_bucket_name(deployment, resource)


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    sid = sid_of(resource)
    if attr == "trigger":
        return Grant(f"Read{sid}", TRIGGER, (OBJECTS,)), key_grant(resource, DECRYPT)
    return (Grant(f"List{sid}", LIST, (ARN,)), Grant(f"Objects{sid}", OBJECT_RW, (OBJECTS,)),
            key_grant(resource, READ_WRITE_KEY))
