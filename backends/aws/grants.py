"""IAM grants as data: which actions a principal gets over one edge (`uses`, `trigger`) to a
resource, and on what. Terraform turns `on` into references (`aws_dynamodb_table.t.arn`), deploy
into the ARNs it recorded; the actions are the same list on both sides."""

from __future__ import annotations

from dataclasses import dataclass

# What a grant's resource is, resolved per backend:
ARN = "arn"  # the resource's own ARN
OBJECTS = "arn/*"  # every object under it (S3)
INDEXES = "arn/index/*"  # a table's secondary indexes
STREAM = "stream_arn"  # a table's stream
KEY = "key"  # the customer-managed key the resource is encrypted with (dropped when there is none)
DBUSER = "dbuser"  # the IAM database user ARN of an RDS instance (`dbuser:<resource id>/<DB_IAM_USER>`)


@dataclass(frozen=True)
class Grant:
    sid: str  # statement id, unique per principal: the same on both sides
    actions: tuple[str, ...]
    on: tuple[str, ...]


def sid_of(name: str) -> str:
    return "".join(p.capitalize() for p in name.split("_"))


def key_grant(name: str, actions: tuple[str, ...]) -> Grant:
    """The key statement a principal needs too when the target is encrypted with a customer key."""
    return Grant(f"Kms{sid_of(name)}", actions, (KEY,))


DECRYPT = ("kms:Decrypt",)
READ_WRITE_KEY = ("kms:Decrypt", "kms:GenerateDataKey")
