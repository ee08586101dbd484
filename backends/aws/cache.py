"""cache (ElastiCache): id and ports."""

from __future__ import annotations

from autodeploy.backends import naming

PORTS = {"redis": 6379, "valkey": 6379, "memcached": 11211}


def engine(variant: str | None) -> str:
    return variant or "redis"


def identifier(deployment: str, name: str) -> str:
    """The replication group (or memcached cluster) and its subnet group share this id."""
    return naming.elasticache_id(deployment, name)
