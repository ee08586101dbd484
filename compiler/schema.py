"""Attribute types and kind schemas. The registry of kinds (kinds.py) is pure data
built from these, so adding a kind is one entry there plus its emitters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Type:
    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class TStr(Type):
    what: str = "a string"
    check: str | None = None  # name of a validator in checker.VALIDATORS

    def describe(self) -> str:
        return self.what


@dataclass(frozen=True)
class TInt(Type):
    min: int | None = None
    max: int | None = None

    def describe(self) -> str:
        return "an integer"


@dataclass(frozen=True)
class TBool(Type):
    def describe(self) -> str:
        return "`true` or `false`"


@dataclass(frozen=True)
class TEnum(Type):
    values: tuple[str, ...]

    def describe(self) -> str:
        return "one of " + ", ".join(f"`{v}`" for v in self.values)


@dataclass(frozen=True)
class TQty(Type):
    """A quantity; `canonical` is the IR unit (see units.CANONICAL)."""

    canonical: str
    min: float | None = None
    max: float | None = None

    @property
    def dimension(self) -> str:
        from .units import CANONICAL

        return CANONICAL[self.canonical][0]

    def describe(self) -> str:
        from .units import DIMENSION_EXAMPLES

        return f"a {self.dimension} ({DIMENSION_EXAMPLES[self.dimension]})"


@dataclass(frozen=True)
class TCount(Type):
    """An integer or a range `min..max`; the IR always holds {"min": a, "max": b}."""

    min: int = 0
    max: int | None = None

    def describe(self) -> str:
        return "a count or a range such as `2..8`"


@dataclass(frozen=True)
class TRef(Type):
    """A reference to a resource; `kinds` empty means any kind."""

    kinds: tuple[str, ...] = ()

    def describe(self) -> str:
        if not self.kinds:
            return "a resource reference"
        return "a reference to a " + " or ".join(self.kinds)


@dataclass(frozen=True)
class TThreshold(Type):
    """An objective `[stat] < amount [unit]` (`p99 < 300 ms`, `< 1 %`): the level a metric must stay
    under; the alarm fires when it is not met. `canonical` is the amount's IR unit (None: a plain
    count); `stats` the statistics allowed, `stat_required` whether one must be named."""

    metric: str
    canonical: str | None
    stats: tuple[str, ...] = ()
    stat_required: bool = False
    example: str = ""
    max: float | None = None

    def describe(self) -> str:
        return f"a threshold such as `{self.example}`"


@dataclass(frozen=True)
class TList(Type):
    item: Type

    def describe(self) -> str:
        return f"a list (each item: {self.item.describe()})"


@dataclass(frozen=True)
class TMap(Type):
    check: str | None = None  # "tags": each entry is checked against the cloud's tag rules (cloud_strings.py)

    def describe(self) -> str:
        return "a map such as `{ team: \"core\" }`"


@dataclass(frozen=True)
class TSize(Type):
    """A portable size: a class word (`medium`, see compiler/sizes.py) or a map `{ vcpu: 2, memory: 8 GB }`.
    The IR holds {"vcpu": n, "memory": GB} (plus "class" when one was named); the compiler resolves it
    per cloud to the cheapest catalog type that satisfies it (the resource's `instance`)."""

    def describe(self) -> str:
        return "a size class (`small`, `medium`, ...) or a map such as `{ vcpu: 2, memory: 8 GB }`"


@dataclass(frozen=True)
class TDate(Type):
    def describe(self) -> str:
        return "a date `yyyy-mm-dd`"


@dataclass(frozen=True)
class TUnion(Type):
    options: tuple[Type, ...]

    def describe(self) -> str:
        return " or ".join(o.describe() for o in self.options)


@dataclass(frozen=True)
class AttrSpec:
    name: str
    type: Type
    default: Any = None  # IR-form default (canonical units); None = absent (null in the IR)
    required: bool = False
    doc: str = ""
    # a cloud-specific default, e.g. instance sizes differ between AWS and Azure
    cloud_default: tuple[tuple[str, Any], ...] = ()
    # a variant-specific default, e.g. engine versions
    variant_default: tuple[tuple[str, Any], ...] = ()
    example: str = ""
    # a compliance control this setting is (`optimize` prices turning it off), named for reports
    control: str = ""
    # required unless this other attribute is given (vm `instance` or a portable `size`)
    instead: str = ""
    # left out of the IR unless given: an attribute added later keeps the IR of files that never use it
    sparse: bool = False

    def default_for(self, cloud: str, variant: str | None) -> Any:
        for v, d in self.variant_default:
            if v == variant:
                return d
        for c, d in self.cloud_default:
            if c == cloud:
                return d
        return self.default


@dataclass(frozen=True)
class Words:
    """How requests name a kind in one language: a regex over accent-free lower-case text
    (see nl.offline.normalize). `variant` picks the kind's variant ("postgres"); a `weak` mention
    ("worker") gives way to a neighbouring strong one."""

    lang: str
    pattern: str
    variant: str | None = None
    weak: bool = False


@dataclass(frozen=True)
class NLNames:
    """The natural-language face of a kind: the base of generated resource names, whether a
    request means one shared resource when it names the kind again, and its words per language."""

    base: str
    singleton: bool = False
    words: tuple[Words, ...] = ()
    # the base of generated names per variant ("dlq" -> "dead_letters"), when not `base`
    variant_bases: tuple[tuple[str, str], ...] = ()
    # an application the request names reads and writes it: completion lists it in `uses`
    app_data: bool = False
    # who receives a stated request rate ("500 requests per second"): the highest rank present
    # wins; 0 means a rate is never read as this kind's `load`
    load_rank: int = 0


@dataclass(frozen=True)
class NeedsNetwork:
    """On `cloud`, a resource of the kind is built inside a network, so it must name one or it does not
    compile (ADL1080, compiler/buildable.py): unless every (attribute, value) of `unless` holds, an
    absent attribute counting as its default (a public OpenSearch domain lives outside any VPC)."""

    cloud: str
    unless: tuple[tuple[str, Any], ...] = ()


# Traits every stage may ask a kind about (KindSpec.traits); policies read them as data.adl.kinds.
TRAITS = ("encryptable", "stores_data", "network_placed", "private_by_default", "exports_logs")


@dataclass(frozen=True)
class KindSpec:
    name: str
    doc: str
    attrs: tuple[AttrSpec, ...]
    variants: tuple[str, ...] = ()
    variant_required: bool = False
    default_variant: str | None = None
    members: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=())
    # holds data at rest that is the point of the resource (objects, rows, messages, secrets, logs)
    stores_data: bool = False
    # its `public = false` default is locked by the NL front end even when the request is silent
    private_by_default: bool = False
    # usage-file keys (docs/cost.md) and what each means
    usage: tuple[tuple[str, str], ...] = ()
    nl: NLNames | None = None
    # (cloud, reason) for a cloud this kind cannot be built on: every stage reports ADL5007 once
    unsupported: tuple[tuple[str, str], ...] = ()
    # why AutoDeploy's boto3 deploy cannot build this kind (no API it can drive and test, e.g. none in
    # moto): emit still writes it, and `apply` refuses a plan holding one (ADL5009) before any call,
    # so a deployment is never half-built by deploy and half left to Terraform
    emit_only: str = ""
    # the resource itself is a compliance control (`optimize` prices removing it), named for reports
    control: str = ""
    # the clouds on which a resource of this kind must name a `network` (ADL1080); on any other its
    # `network` is optional or it has none (the translator asks the same, nl/offline.py)
    needs_network: tuple[NeedsNetwork, ...] = ()

    def attr(self, name: str) -> AttrSpec | None:
        for a in self.attrs:
            if a.name == name:
                return a
        return None

    @property
    def attr_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.attrs)

    # Derived traits: a trait that follows from an attribute is never written by hand.
    @property
    def encryptable(self) -> bool:
        return self.attr("encryption") is not None

    @property
    def network_placed(self) -> bool:
        return self.attr("network") is not None

    @property
    def exports_logs(self) -> bool:
        return self.attr("logs") is not None

    @property
    def traits(self) -> tuple[str, ...]:
        return tuple(t for t in TRAITS if getattr(self, t))

    def needs_network_on(self, cloud: str, attrs: Mapping[str, Any]) -> bool:
        """Whether a resource with `attrs` (not yet defaulted, for the translator) must name a network on `cloud`."""
        for need in self.needs_network:
            if need.cloud == cloud:
                exempt = bool(need.unless) and all(attrs.get(a, self._default(a)) == v for a, v in need.unless)
                return not exempt
        return False

    def _default(self, attr: str) -> Any:
        spec = self.attr(attr)
        return spec.default if spec is not None else None

    def unsupported_on(self, cloud: str) -> str | None:
        """Why this kind cannot be built on `cloud`, or None when it can."""
        for c, reason in self.unsupported:
            if c == cloud:
                return reason
        return None
