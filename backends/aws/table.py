"""table (DynamoDB): name and IAM."""

from __future__ import annotations

from .grants import ARN, DECRYPT, INDEXES, READ_WRITE_KEY, STREAM, Grant, key_grant, sid_of
from .names import prefixed

# item reads and writes, on the table and its indexes; the four-action list deploy had could not
# Query an index nor batch, so applications worked against main.tf and failed against apply
USES = ("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem")
# what a Lambda event source mapping needs to read the stream
TRIGGER = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams")


def name(deployment: str, resource: str) -> str:
    return prefixed(deployment, resource)


def grants(resource: str, attr: str) -> tuple[Grant, ...]:
    sid = sid_of(resource)
    if attr == "trigger":
        return Grant(f"Stream{sid}", TRIGGER, (STREAM,)), key_grant(resource, DECRYPT)
    return Grant(f"Table{sid}", USES, (ARN, INDEXES)), key_grant(resource, READ_WRITE_KEY)
