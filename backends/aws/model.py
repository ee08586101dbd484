"""Per kind, the IAM grants of an edge: one table both backends consult."""

from __future__ import annotations

from collections.abc import Callable

from . import bucket, data_services, database, function, key, queue, secret, table, topic
from .grants import Grant

_BY_KIND: dict[str, Callable[[str, str], tuple[Grant, ...]]] = {
    "bucket": bucket.grants, "function": function.grants, "key": key.grants, "queue": queue.grants,
    "secret": secret.grants, "table": table.grants, "topic": topic.grants,
    "stream": data_services.stream_grants, "search": data_services.search_grants,
}


def grants(kind: str, name: str, attr: str, *, in_network: bool = False) -> tuple[Grant, ...]:
    """What a principal gets over the edge `attr` (`uses` / `trigger`) to resource `name` of `kind`;
    a kind absent here needs no IAM (network traffic is opened by security groups instead)."""
    if kind == "database":
        return database.grants(name, attr, in_network)
    fn = _BY_KIND.get(kind)
    return fn(name, attr) if fn is not None else ()
