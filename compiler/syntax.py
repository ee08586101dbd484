"""The ADL syntax tree: frozen dataclasses with source spans, built by parser.py."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Span


@dataclass(frozen=True)
class Str:
    value: str  # escapes decoded; `${param}` still present, resolved by the checker
    span: Span


@dataclass(frozen=True)
class Num:
    value: int | float
    text: str
    span: Span


@dataclass(frozen=True)
class Quantity:
    amount: Num
    unit: str
    span: Span


@dataclass(frozen=True)
class Range:
    low: Num
    high: Num
    span: Span


@dataclass(frozen=True)
class Date:
    value: str  # ISO yyyy-mm-dd, validated by the checker
    span: Span


@dataclass(frozen=True)
class Bool:
    value: bool
    span: Span


@dataclass(frozen=True)
class Ref:
    """A bare identifier (`aws`, `records_key`) or a member access (`core.private`).

    Whether it is an enum value, a parameter or a resource reference is decided by
    the checker from the attribute's schema, not by the grammar.
    """

    name: str
    member: str | None
    span: Span

    @property
    def text(self) -> str:
        return self.name if self.member is None else f"{self.name}.{self.member}"


@dataclass(frozen=True)
class ListV:
    items: tuple[Value, ...]
    span: Span


@dataclass(frozen=True)
class MapV:
    items: tuple[tuple[str, Span, Value], ...]
    span: Span


@dataclass(frozen=True)
class Threshold:
    """`p99 < 300 ms`, `< 1 %`: an optional statistic, a comparison and an amount with an optional unit."""

    stat: str | None
    stat_span: Span | None
    op: str
    op_span: Span
    amount: Num
    unit: str | None
    span: Span


Value = Str | Num | Quantity | Range | Date | Bool | Ref | ListV | MapV | Threshold


@dataclass(frozen=True)
class Attr:
    name: str
    name_span: Span
    value: Value
    span: Span


@dataclass(frozen=True)
class Deployment:
    name: str
    name_span: Span
    attrs: tuple[Attr, ...]
    span: Span


@dataclass(frozen=True)
class Param:
    name: str
    name_span: Span
    type: str
    type_span: Span
    default: Value | None
    span: Span


@dataclass(frozen=True)
class Import:
    path: str
    span: Span


@dataclass(frozen=True)
class Resource:
    kind: str
    kind_span: Span
    name: str
    name_span: Span
    variant: str | None
    variant_span: Span | None
    attrs: tuple[Attr, ...]
    span: Span


@dataclass(frozen=True)
class Waiver:
    rule: str
    rule_span: Span
    target: str
    target_span: Span
    attrs: tuple[Attr, ...]
    span: Span


@dataclass(frozen=True)
class Assertion:
    path: tuple[str, ...]
    path_span: Span
    op: str
    value: Value
    span: Span


Item = Deployment | Param | Import | Resource | Waiver | Assertion


@dataclass(frozen=True)
class Module:
    file: str
    items: tuple[Item, ...]
