"""Deterministic Azure resource names that obey each service's naming rules.

A name is `namePrefix` (an ARM parameter, 1-8 lowercase letters/digits) + a fixed tail built here:
a short service tag, as much of the ADL name as fits, and a 6-hex hash of deployment/kind/name, so
two resources never collide and re-emitting gives the same name. The tail is sized so that the
longest allowed prefix still fits the service's maximum length.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

PREFIX_MAX = 8
HASH_LEN = 6


@dataclass(frozen=True)
class NameRule:
    tag: str  # short service tag, e.g. "st" for storage accounts
    max_len: int
    hyphens: bool  # may the name contain hyphens?
    pattern: str  # full-name regex for the rule (used by tests on the default prefix)


def _rule(tag: str, max_len: int, hyphens: bool, pattern: str) -> NameRule:
    return NameRule(tag, max_len, hyphens, pattern)


RULES: dict[str, NameRule] = {
    "storage": _rule("st", 24, False, r"^[a-z0-9]{3,24}$"),
    "keyvault": _rule("kv", 24, True, r"^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$"),
    "postgres": _rule("psql", 63, True, r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"),
    "mysql": _rule("mysql", 63, True, r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"),
    "cosmos": _rule("cosmos", 44, True, r"^[a-z0-9][a-z0-9-]{1,42}[a-z0-9]$"),
    "redis": _rule("redis", 63, True, r"^[a-zA-Z0-9](?!.*--)[a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$"),
    "servicebus": _rule("sb", 50, True, r"^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$"),
    "eventhubs": _rule("evh", 50, True, r"^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$"),
    "search": _rule("srch", 60, True, r"^[a-z0-9](?!.*--)[a-z0-9-]{0,58}[a-z0-9]$"),
    "site": _rule("func", 60, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,58}[a-zA-Z0-9]$"),
    "plan": _rule("plan", 40, True, r"^[a-zA-Z0-9-]{1,40}$"),
    "containerapp": _rule("ca", 32, True, r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$"),
    "managedenv": _rule("cae", 32, True, r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$"),
    "vm": _rule("vm", 40, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,38}[a-zA-Z0-9]$"),
    "vmss": _rule("vmss", 40, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,38}[a-zA-Z0-9]$"),
    "generic": _rule("", 64, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}[a-zA-Z0-9]$"),
    "frontdoor": _rule("afd", 46, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,44}[a-zA-Z0-9]$"),
    "wafpolicy": _rule("waf", 128, False, r"^[a-zA-Z][a-zA-Z0-9]{0,127}$"),
    "workspace": _rule("log", 63, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$"),
    "apim": _rule("apim", 50, True, r"^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,48}[a-zA-Z0-9]$"),
    "grafana": _rule("amg", 23, True, r"^[a-zA-Z][a-zA-Z0-9-]{0,21}[a-zA-Z0-9]$"),
    "aks": _rule("aks", 63, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$"),
    "child": _rule("", 63, True, r"^[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$"),
}


def short_hash(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode("utf-8")).hexdigest()[:HASH_LEN]


def default_prefix(deployment: str) -> str:
    p = re.sub(r"[^a-z0-9]", "", deployment.lower())
    if p and not p[0].isalpha():  # Key Vault and Service Bus names must start with a letter
        p = "d" + p
    return p[:PREFIX_MAX] or "adl"


_NON_ALNUM_RUN = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _clean(text: str, hyphens: bool) -> str:
    # one pass: runs of other characters become one hyphen (or nothing), so no "--" can remain
    return _NON_ALNUM_RUN.sub("-" if hyphens else "", text.lower()).strip("-")


@lru_cache(maxsize=65536)
def tail(rule_name: str, deployment: str, resource: str, extra: str = "") -> str:
    """The fixed part after the prefix; with any prefix of <= PREFIX_MAX chars the name is valid."""
    rule = RULES[rule_name]
    sep = "-" if rule.hyphens else ""
    h = short_hash(deployment, rule_name, resource, extra)
    fixed_parts = [p for p in (rule.tag, _clean(extra, rule.hyphens)) if p]
    fixed = sum(len(p) + len(sep) for p in fixed_parts) + len(sep) + len(sep) + HASH_LEN
    room = rule.max_len - PREFIX_MAX - fixed
    base = _clean(resource, rule.hyphens)[:max(room, 0)].strip("-")
    parts = [p for p in (rule.tag, base, _clean(extra, rule.hyphens), h) if p]
    return sep + sep.join(parts)


def child_name(resource: str, max_len: int = 63) -> str:
    """A name for a child resource (subnet, queue, container, key, ...): the ADL name, cleaned."""
    name = _clean(resource, True)[:max_len].strip("-")
    return name or "r-" + short_hash(resource)
