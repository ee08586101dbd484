"""An attribute named by the head of its name: "a VM with a 200 GB io2 disk at 10000 IOPS" is the
VM's `disk_iops`, "EKS nodes with 100 GB disks" the cluster's `node_disk`, "an API with logs kept
30 days retention" the API's `log_retention`.

Vocabulary comes from the registry: a number-valued attribute `<part>_<head>` of a kind is named
by `<head>` alone when `<head>` is an attribute of some other kind (so it is a noun users name
settings by, not "after" in `archive_after`), the kind has no attribute `<head>` of its own and no
second attribute ending in `_<head>` (a table's `read_capacity` and `write_capacity` share
"capacity": which one a bare "capacity" means is not stated). The caller reads these after every
attribute by its full name, so a resource that owns `<head>` itself keeps first claim, and only
where the part is named nearby too ("disques de 200 Go à 10000 IOPS", "nodes with 100 GB disks"):
a bare "30 days retention" after "access logs" is no VPC's flow log retention."""

from __future__ import annotations

import functools

from autodeploy.compiler.kinds import KINDS

from . import lexicon as lx

# the words for a part where the registry's name is not what users write in every language
_PART_WORDS = {"disk": lx.KW_DISK, "node": lx.NODE_WORDS, "log": r"logs?|journaux|registros?|protokolle?"}


@functools.cache
def _all_names() -> frozenset[str]:
    return frozenset(a.name for spec in KINDS.values() for a in spec.attrs)


def named_by_head(kinds: frozenset[str], numeric: tuple[type, ...]) -> tuple[tuple[str, str], ...]:
    """(attribute, head) pairs for the `kinds` present, in a stable order."""
    out: set[tuple[str, str]] = set()
    for kind in kinds:
        own = KINDS[kind].attrs
        names = {a.name for a in own}
        for a in own:
            if "_" not in a.name or not isinstance(a.type, numeric):
                continue
            head = a.name.rsplit("_", 1)[1]
            if head in names or head not in _all_names():
                continue
            if sum(1 for n in names if n.endswith(f"_{head}")) > 1:
                continue
            out.add((a.name, head))
    return tuple(sorted(out))


def part_words(attr: str) -> str:
    """How a request names the part of `attr` (`disk` of `disk_iops`, `flow_log` of `flow_log_retention`)."""
    part = attr.rsplit("_", 1)[0]
    own = r"[ _-]?".join(part.split("_")) + "(?:s|e?n)?"
    extra = [p for a, p in lx.ATTR_SYNONYMS if a in (part, f"{part}s")] + [_PART_WORDS.get(part, "")]
    return "|".join(p for p in (own, *extra) if p)
