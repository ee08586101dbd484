"""Deterministic, service-valid names shared by the backends (read-only for ARM as well).

Names are derived from the deployment and resource names only, so two runs (or two
machines) produce the same names; a short hash keeps truncated names unique."""

from __future__ import annotations

import hashlib
import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def short_hash(*parts: str, n: int = 6) -> str:
    return hashlib.sha256("/".join(parts).encode("utf-8")).hexdigest()[:n]


def slug(text: str, sep: str = "-") -> str:
    """Lowercase letters and digits joined by `sep`; never empty."""
    out = _NON_ALNUM.sub(sep, text.lower()).strip(sep)
    return out or "x"


def _fit(base: str, suffix: str, limit: int, sep: str = "-") -> str:
    room = limit - len(suffix) - len(sep)
    return base[:room].rstrip(sep) + sep + suffix


def s3_bucket_name(deployment: str, resource: str) -> str:
    """3-63 chars, lowercase letters, digits and hyphens, starts and ends alphanumeric;
    globally unique in practice thanks to the hash of deployment + resource."""
    base = f"{slug(deployment)}-{slug(resource)}"
    return _fit(base, short_hash(deployment, resource, n=8), 63)


def rds_identifier(deployment: str, resource: str) -> str:
    """1-63 chars, starts with a letter, letters/digits/hyphens, no double or trailing hyphen."""
    base = f"{slug(deployment)}-{slug(resource)}"
    if not base[0].isalpha():
        base = "db-" + base
    name = _fit(base, short_hash(deployment, resource), 63)
    return re.sub(r"-{2,}", "-", name)


def elasticache_id(deployment: str, resource: str) -> str:
    """Replication group id: 1-40 chars, starts with a letter, lowercase, no double hyphens."""
    base = f"{slug(deployment)}-{slug(resource)}"
    if not base[0].isalpha():
        base = "c-" + base
    return re.sub(r"-{2,}", "-", _fit(base, short_hash(deployment, resource), 40))


def short_name(deployment: str, resource: str, limit: int = 32) -> str:
    """For ALB / target group names (32 chars, alphanumerics and hyphens, no leading hyphen)."""
    base = f"{slug(deployment)}-{slug(resource)}"
    if len(base) <= limit:
        return base
    return _fit(base, short_hash(deployment, resource), limit)


def name_prefix(deployment: str) -> str:
    """The default `name_prefix` variable: the deployment's slug, at most 20 chars."""
    return slug(deployment)[:20].rstrip("-") or "x"


def tf_label(*parts: str) -> str:
    """A Terraform block label: letters, digits, underscores; starts with a letter."""
    out = re.sub(r"[^A-Za-z0-9_]+", "_", "_".join(p for p in parts if p)).strip("_")
    if not out or not out[0].isalpha():
        out = "r_" + out
    return out
