"""The parts kinds play in a request, asked of the registry (issue 12): which kinds an EC2 type
names, which kind a disk belongs to, whose copies "4 containers" are, which kind a framework's key
or network is. Each role follows from a kind's schema, so a new kind with the same shape plays
the same part with no edit to the translator."""

from __future__ import annotations

import re

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TCount, TEnum, TList, TQty, TRef, TUnion


def holders(attr: str) -> tuple[str, ...]:
    """The kinds that accept `attr`, in registry order."""
    return tuple(k for k, spec in KINDS.items() if spec.attr(attr) is not None)


def enum_holders(attr: str, value: str) -> tuple[str, ...]:
    """The kinds whose enum attribute `attr` accepts `value` ("gp3" is a volume's `type`)."""
    return tuple(k for k, spec in KINDS.items()
                 if (a := spec.attr(attr)) is not None and isinstance(a.type, TEnum) and value in a.type.values)


def _checked_instance(check: str) -> tuple[str, ...]:
    return tuple(k for k, spec in KINDS.items()
                 if (a := spec.attr("instance")) is not None and getattr(a.type, "check", None) == check)


def _ref_targets(t: object) -> tuple[str, ...]:
    t = t.item if isinstance(t, TList) else t
    return t.kinds if isinstance(t, TRef) else ()


def referenced(attr: str) -> tuple[str, ...]:
    """The kinds an `attr` reference of any kind points at (`encryption` -> the key kind), in order."""
    out: list[str] = []
    for spec in KINDS.values():
        a = spec.attr(attr)
        for t in (a.type.options if isinstance(a.type, TUnion) else (a.type,)) if a is not None else ():
            out += [k for k in _ref_targets(t) if k not in out]
    return tuple(out)


# virtual machines: an EC2/Azure VM type ("m5.large") is a mention of one of them
VMS = _checked_instance("instance:vm")
# kinds sized per instance with a VM's node type: "3 m5.large nodes" are a cluster's node group
CLUSTERS = tuple(k for k, spec in KINDS.items()
                 if (a := spec.attr("node_instance")) is not None and getattr(a.type, "check", None) == "instance:vm"
                 and isinstance(getattr(spec.attr("nodes"), "type", None), TCount))
# disks: kinds that attach to a VM through a reference of their own ("two extra disks" on a server)
DISKS = tuple(k for k, spec in KINDS.items()
              if any(isinstance(a.type, TRef) and set(a.type.kinds) & set(VMS) for a in spec.attrs))
# kinds with a disk or storage size of their own: "a cluster with 100 GB node disks", "MSK with 500 GB
# of disk" size that resource, not a volume of its own
OWN_DISK = tuple(k for k, spec in KINDS.items()
                 if any((a.name.endswith("disk") or a.name == "storage") and isinstance(a.type, TQty)
                        and a.type.canonical == "GB" for a in spec.attrs))
# kinds run as copies of one image: "4 containers" are replicas, "autoscaling to 10 instances" too
REPLICATED = tuple(k for k, spec in KINDS.items()
                   if isinstance(getattr(spec.attr("replicas"), "type", None), TCount))
# kinds whose image the request rarely names: completion writes a placeholder and says so
IMAGED = tuple(k for k, spec in KINDS.items() if (a := spec.attr("image")) is not None and a.required)
# the kinds a framework's companions are: the key stores are encrypted with, the network resources sit in
KEYS = referenced("encryption")
NETWORKS = referenced("network")


def typed_by_default(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The kinds whose default instance type has the shape `pattern` reads ("ml.m5.xlarge" is a
    model endpoint's): who an instance type of that family is for."""
    return tuple(k for k, spec in KINDS.items()
                 if (a := spec.attr("instance")) is not None and isinstance(a.default, str)
                 and pattern.fullmatch(a.default))


def host_attr(kind: str) -> str:
    """The attribute through which a disk kind attaches to its VM ("" when it does not)."""
    spec = KINDS[kind]
    return next((a.name for a in spec.attrs if isinstance(a.type, TRef) and set(a.type.kinds) & set(VMS)), "")
