"""A kind's word used for a setting of another resource, not for a resource (issue 14, the right kind).

- After a type word it is a value: "aws_lb (type network, internet-facing)", "un balanceador de tipo
  network": the load balancer's `type`, not a VPC. Read when the word is a value of an enumerated
  attribute of the resource named just before it.
- Named as a feature of the resource just before it: "an EKS cluster with Fargate profiles", "EKS
  1.31 con perfiles Fargate", "EKS-Cluster ..., Fargate für den Namespace batch": the word is the name
  of an attribute of that resource's kind (the registry's `fargate`), with no article or count of its
  own, so it names that feature, not a container service more.
- The namespaces such a list attribute holds: "Fargate for the batch namespace", "perfiles Fargate
  para los namespaces batch y jobs", "Fargate für den Namespace batch".
Attributes and values come from the registry; the words here are type words and list joiners.
"""

from __future__ import annotations

import re
from typing import Any

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool, TCount, TEnum, TInt, TList, TQty, TStr

from . import lexicon as lx
from .readers import Tools

_TYPE_BEFORE = re.compile(r"(?<![a-z])(?:type|tipo|typ|of type|de type|del tipo|de tipo|vom typ)\s*[:=]?\s*$")
_SENTENCE = re.compile(r"[;!?\n]|\.(?![a-z0-9])")
# an article or a count before a word asks for one more resource: "and a Fargate service"
_OWN_DETERMINER = re.compile(rf"(?:^|[^a-z])(?:{lx.INDEFINITE_RE}|{lx.NUMBER_RE}|des)\s+$")


def _end(m: Any) -> int:
    return max([m.end] + [e for _, e in m.extra])


def _enum_value(kind: str, word: str) -> tuple[str, str] | None:
    for a in KINDS[kind].attrs:
        if isinstance(a.type, TEnum) and word.replace(" ", "_") in a.type.values:
            return a.name, word.replace(" ", "_")
    return None


def _switch(t: object) -> bool:
    return isinstance(t, TBool) or any(isinstance(o, TBool) for o in getattr(t, "options", ()))


def _feature(kind: str, word: str) -> bool:
    """`word` names a feature of `kind` other than its network and type (a switch named like a kind —
    "monitoring" — is read as a switch by the translator's own rule)."""
    # (a size is no feature: "a server with two extra 300 GB disks" asks for volumes)
    names = {a.name for a in KINDS[kind].attrs if a.name not in ("network", "type") and not _switch(a.type)
             and not isinstance(a.type, (TQty, TInt, TCount))}
    return word in names or word.removesuffix("s") in names


def settings_not_kinds(norm: str, keep: list[Any]) -> list[Any]:
    """Drop the kind words that are a value ("type network") or a feature ("with Fargate profiles")
    of the resource named just before; a value goes to that resource's settings."""
    out: list[Any] = []
    for i, m in enumerate(keep):
        prev = out[-1] if out else None
        word = norm[m.start : m.end]
        nxt = keep[i + 1] if i + 1 < len(keep) else None
        joined = nxt is not None and nxt.kind == m.kind and re.fullmatch(r"[\s-]*", norm[m.end : nxt.start])
        if (prev is None or prev.kind == m.kind or m.extra or m.instance or joined  # "Fargate tasks": a service
                or _SENTENCE.search(norm, _end(prev), m.start)):
            out.append(m)
            continue
        if _TYPE_BEFORE.search(norm[max(0, m.start - 12) : m.start]) and (v := _enum_value(prev.kind, word)):
            prev.sets.setdefault(v[0], v[1])
            prev.extra.append((m.start, m.end))
            continue
        if _feature(prev.kind, word) and not _OWN_DETERMINER.search(norm[max(0, m.start - 10) : m.start]):
            prev.extra.append((m.start, m.end))
            continue
        out.append(m)
    return out


_NS_WORD = r"namespaces?|espacios? de nombres|espaces? de noms"
_NAME = r"[a-z0-9][a-z0-9-]*"
_JOIN = r"\s*,\s*|\s+(?:and|y|et|und)\s+"
_STOP = lx.words(lx.ARTICLES, lx.INDEFINITE, lx.PARTITIVES) | frozenset({"for", "para", "pour", "fur", "of", "its",
                                                                          "our"})


def _names_after(norm: str, end: int) -> list[str]:
    m = re.match(rf"\s+({_NAME}(?:{_JOIN}{_NAME})*)", norm[end:])
    if m is None:
        return []
    names = [n for n in re.split(_JOIN, m.group(1)) if n]
    out: list[str] = []
    for n in names:
        if n in _STOP or re.fullmatch(r"\d+", n):
            break
        out.append(n)
    return out


def namespace_lists(t: Tools) -> None:
    """A list attribute of namespaces named by its feature word: "Fargate for the batch namespace",
    "perfiles Fargate para los namespaces batch y jobs" (kinds with a list-of-namespaces attribute)."""
    for kind, spec in KINDS.items():
        for a in spec.attrs:
            if not (isinstance(a.type, TList) and isinstance(a.type.item, TStr) and "namespace" in a.type.item.what):
                continue
            for m in re.finditer(rf"(?<![a-z]){a.name}(?![a-z])", t.norm):
                window = t.norm[m.end() : m.end() + 60]
                cut = _SENTENCE.search(window)
                window = window[: cut.start()] if cut else window
                ns = re.search(rf"(?<![a-z])(?:{_NS_WORD})(?![a-z])", window)
                if ns is None:
                    continue
                names = _names_after(window, ns.end())
                before = re.search(rf"({_NAME})\s+$", window[: ns.start()])
                if not names and before is not None and before.group(1) not in _STOP:
                    names = [before.group(1)]  # "for the batch namespace"
                r = t.target(m.start(), (kind,))
                if names and r is not None and a.name not in r.stated_attrs:
                    t.put(r, a.name, names)
