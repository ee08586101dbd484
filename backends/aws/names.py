"""Physical names, one scheme for Terraform and deploy (naming scheme 2).

Scheme 1 was the deploy backend's own `ad-<deployment>-<resource>-<hash(deployment/region/resource)>`;
it differed from every name in main.tf. The state records the scheme each resource was created
under (`naming`), and a resource recorded under scheme 1 keeps its scheme-1 names for as long as it
lives, replacements included (`legacy_name`), so upgrading never renames, and so never replaces, a
live database or bucket. Names here are what main.tf gets with the default `var.name_prefix`."""

from __future__ import annotations

import hashlib
import re

from autodeploy.backends import naming

NAMING_SCHEME = 2
LEGACY_SCHEME = 1  # a state resource with no recorded scheme was created by scheme 1


def suffix(name: str, fifo: bool = False) -> str:
    """What follows the prefix: main.tf writes `${var.name_prefix}-<suffix>`."""
    return name.replace("_", "-") + (".fifo" if fifo else "")


def prefixed(deployment: str, name: str, fifo: bool = False) -> str:
    """`${var.name_prefix}-<name>` with the default prefix: IAM, logs, Lambda, SQS, SNS, DynamoDB..."""
    return f"{naming.name_prefix(deployment)}-{suffix(name, fifo)}"


def legacy_name(deployment: str, region: str, resource: str, suffix: str = "", limit: int = 63,
                lower: bool = True) -> str:
    """Scheme 1, kept byte for byte: resources a state recorded under it are recreated under it."""
    h = hashlib.sha256(f"{deployment}/{region}/{resource}".encode()).hexdigest()[:6]
    base = f"ad-{deployment}-{resource}".replace("_", "-")
    if lower:
        base = base.lower()
    base = re.sub(r"[^A-Za-z0-9-]", "-", base)
    tail = f"-{h}" + (f"-{suffix}" if suffix else "")
    return base[: limit - len(tail)] + tail
