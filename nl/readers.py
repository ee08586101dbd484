"""Attribute readers driven by the registry's schema: every on/off switch, quoted names, image
references, e-mail addresses, copies of a resource, and "public access" phrases.

Each reader asks the registry which kinds hold the attribute (so a new kind with a `tracing` or a
`name` is read with no edit here) and the lexicon for the words (nl/lexicon.py); the offline
translator hands it its own helpers (nearest resource, setters honouring the polarity rule).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TBool, TCount, TInt

from . import lexicon as lx
from . import switch_phrases as sw
from .model import Res, Spec


@dataclass(frozen=True)
class Tools:
    """What a reader needs from the translator's state for one request."""

    norm: str
    text: str
    spec: Spec
    target: Callable[[int, tuple[str, ...]], Res | None]  # nearest resource of those kinds
    put: Callable[[Res, str, Any], bool]  # set a stated attribute (bounds checked)
    polar: Callable[[Res, str, bool], None]  # set a switch by the polarity rule
    negated: Callable[[int, int], bool]
    free: Callable[[int, int], bool]
    use: Callable[[int, int], None]
    # the words at a..b are held only by a guard (a phrase naming no resource, "isolation réseau"):
    # a setting may still be read from them
    guarded_only: Callable[[int, int], bool] = lambda a, b: False


def _bool_holders(attr: str) -> tuple[str, ...]:
    return tuple(k for k, s in KINDS.items() if isinstance(getattr(s.attr(attr), "type", None), TBool))


def _words(attr: str) -> str:
    own = r"[ _-]?".join(attr.split("_"))
    return "|".join(p for p in (own, dict(lx.ATTR_SYNONYMS).get(attr, "")) if p)


def _inflected(attr: str) -> str:
    """A switch's words, the longer phrase first ("isolation réseau désactivée" is not a bare
    "isolation"), in a plural or German inflected form: "multi-régions", "Dashboards"."""
    own = r"[ _-]?".join(attr.split("_"))
    words = "|".join(p for p in (dict(lx.ATTR_SYNONYMS).get(attr, ""), own) if p)
    return rf"(?:{words})(?:e?s|e?n)?"


words_for = _words  # how a request names an on/off attribute (nl/log_retention.py asks too)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9_])(?:{pattern})(?![a-z0-9_])")


# switches whose words are too common to mean "on" unless an on-word follows ("logs on")
VAGUE = frozenset({"logs", "logging", "auth", "monitoring", "backup", "public", "website", "serverless", "rbac"})
# "a bucket for the access logs": what a resource is for, not a setting of it
_PURPOSE_BEFORE = re.compile(
    rf"(?<![a-z])(?:for|para|pour|fur)\s+(?:(?:{lx.ARTICLE_RE}|our|des|nos|nuestros)\s+)?$"
)
_ON_BEFORE = re.compile(rf"(?<![a-z])(?:{lx.ON_BEFORE})\s+$")
_ON_AFTER = re.compile(
    rf"\s*(?:(?:{lx.STAYS})\s+|=\s*|:\s*)?(?:bitte\s+|please\s+)?"
    rf"(?:{lx.alt(lx.SWITCHED_ON)}|true|yes"
    # "logs exported", "journaux exportés", "Logs exportiert": exported logs are on
    rf"|{lx.EXPORTED}"
    # "RBAC bitte nicht deaktivieren", "do not disable the logs": a negated switching-off keeps it on
    rf"|(?:{lx.alt(lx.NEGATORS)})\s+(?:{lx.SWITCH_OFF}))(?![a-z])"
)


def switched_on(norm: str, a: int, b: int) -> bool:
    """An on-word right after the setting at a..b ("logs on") or an on-adjective right before it
    ("aktiviertem Monitoring", "enabled tracing")."""
    return bool(_ON_AFTER.match(norm, b) or _ON_BEFORE.search(norm[max(0, a - 25) : a]))


def switches(t: Tools, present: set[str], skip: set[str]) -> None:
    """Every on/off attribute of the kinds present, by its name or the lexicon's words for it:
    negated ("sin tracing", "crawler off", "ohne Detail-Monitoring") it is false, named it is
    true ("dashboard", "multi-région") — a vague word only with an on-word after it or as part of
    the resource's name."""
    attrs = sorted({a.name for k in present for a in KINDS[k].attrs if isinstance(a.type, TBool)} - skip)
    for attr in attrs:
        holders = _bool_holders(attr)
        for m in _rx(_inflected(attr)).finditer(t.norm):
            if not t.free(m.start(), m.end()) and not t.guarded_only(m.start(), m.end()):
                continue
            off = t.negated(m.start(), m.end())
            if not off and _PURPOSE_BEFORE.search(t.norm[max(0, m.start() - 25) : m.start()]):
                continue
            r = t.target(m.start(), holders)
            if r is None:
                continue
            # a vague word is "on" with an on-word after it, or as part of the resource's own name
            # ("MSK Serverless", "a serverless Kafka")
            named = any(0 <= m.start() - y <= 1 or 0 <= x - m.end() <= 1 for x, y in r.spans)
            if not off and attr in VAGUE and not (switched_on(t.norm, m.start(), m.end()) or named):
                continue
            t.polar(r, attr, not off)
            t.use(m.start(), m.end())


# "public access", "acceso público", "accès public", "öffentlicher Zugriff", "public IP": a phrase
# naming the setting itself, read wherever it stands (not as an adjective next to its noun)
_PUBLIC_ACCESS = _rx(
    r"public (?:network )?access|public ip(?: address)?|publicly accessible|internet access"
    r"|acceso (?:publico|desde internet)|ip publica|acces (?:public|depuis internet)|ip publique"
    r"|offentliche[rnms]? (?:zugriff|zugang|ip)"
    r"|(?:exposed|expose|expuest[oa]|exposee?) (?:to|on|sur|a) (?:the )?internet"
)


def public_access(t: Tools) -> None:
    holders = _bool_holders("public")
    for m in _PUBLIC_ACCESS.finditer(t.norm):
        if not t.free(m.start(), m.end()):
            continue
        r = t.target(m.start(), holders)
        if r is None:
            continue
        # "l'accès public à l'API désactivé": the negation may close the phrase past its complement
        off = t.negated(m.start(), m.end()) or sw.negated_past_complement(t.norm, m.end())
        t.polar(r, "public", not off)
        t.use(m.start(), m.end())


_QUOTED = re.compile(r"\s*(?:[\"'`]|«\s*|“|‘)([a-z0-9][a-z0-9._-]*[a-z0-9])(?:[\"'`]|\s*»|”|’)")


def quoted_names(t: Tools, valid: Callable[[Res, str], str | None]) -> None:
    """ "tabla dynamodb 'sesiones'", "Table DynamoDB « evenements »": a quoted word right after the
    words naming a resource that can be given a name is its name."""
    for r in t.spec.resources:
        if KINDS[r.kind].attr("name") is None or "name" in r.stated_attrs:
            continue
        for _, y in sorted(r.spans):
            m = _QUOTED.match(t.norm, y)
            if m is None or not t.free(m.start(1), m.end(1)):
                continue
            name = t.text[m.start(1) : m.end(1)]
            if valid(r, name) is None:
                t.put(r, "name", name)
            t.use(m.start(), m.end())
            break


# an image reference: a registry path with a tag ("ghcr.io/acme/api:1.4", "acme/checkout:7") or a
# name with a version tag ("nginx:1.27"); not a URL, a Java handler or an S3 path
IMAGE_REF = re.compile(
    r"(?<![\w./:@-])((?:[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?/)?[a-z0-9][a-z0-9._-]*(?:/[a-z0-9._-]+)*"
    # (a tag never ends with the sentence's full stop: "running acme/checkout:2.3.")
    r":(?:\d(?:[a-z0-9._-]*[a-z0-9_-])?|latest|stable|staging|prod|main|alpine[a-z0-9._-]*))(?![\w/:@]|\.[a-z0-9])"
)


def _before_full_stop(value: str) -> str:
    """ "... running acme/checkout:2.3.", "... at s3://models/x.tar.gz.": the sentence's full stop is
    not part of the value (no image tag or object key the translator reads ends with a dot)."""
    return value.rstrip(".")


def images(t: Tools) -> None:
    holders = tuple(k for k, s in KINDS.items() if s.attr("image") is not None and k != "vm")  # a VM's is an AMI
    for m in IMAGE_REF.finditer(t.norm):
        if not t.free(m.start(1), m.end(1)) or "://" in t.norm[max(0, m.start() - 3) : m.end()]:
            continue
        r = t.target(m.start(), holders)
        if r is not None and "image" not in r.stated_attrs:
            t.put(r, "image", _before_full_stop(t.text[m.start(1) : m.end(1)]))
            t.use(m.start(1), m.end(1))


_EMAIL = re.compile(r"(?<![\w.+-])([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*[a-z0-9])")
# its last character is no full stop: "model artifact at s3://models/fraud/model.tar.gz."
_S3_URI = re.compile(r"(?<![\w/])(s3://[a-z0-9.-]+(?:/[a-z0-9._=-]*[a-z0-9_=-])+)")


def shaped_values(t: Tools) -> None:
    """A value whose shape says which attribute it is: an e-mail address (where alerts go), an
    s3:// URI ("artefact s3://ml-models/reco/model.tar.gz": a model's data), for the nearest
    resource holding that attribute."""
    for attr, rx in (("email", _EMAIL), ("model_data", _S3_URI)):
        holders = tuple(k for k, s in KINDS.items() if s.attr(attr) is not None)
        for m in rx.finditer(t.norm):
            r = t.target(m.start(), holders)
            # the shape says what it is, even where a word inside it ("s3") was read as something else
            if r is not None and attr not in r.stated_attrs:
                t.put(r, attr, _before_full_stop(t.text[m.start(1) : m.end(1)]))
                t.use(m.start(1), m.end(1))


_BANDWIDTH = re.compile(r"(?<![\w.])(\d+)\s*(?:mib|mb|mio|mo)\s*/\s*s(?![a-z])")


def bandwidth(t: Tools) -> None:
    """ "250 MiB/s", "256 Mio/s": a throughput in MiB/s, for the nearest resource with a `throughput`."""
    holders = tuple(k for k, s in KINDS.items() if isinstance(getattr(s.attr("throughput"), "type", None), TInt))
    for m in _BANDWIDTH.finditer(t.norm):
        r = t.target(m.start(), holders)
        if r is not None and t.free(m.start(), m.end()) and t.put(r, "throughput", int(m.group(1))):
            t.use(m.start(), m.end())


# the attributes that count copies of a resource, most usual first
COPY_ATTRS = ("replicas", "count", "instances", "nodes", "brokers", "workers")
_COPY_NOUNS = (
    r"instances?|instancias|instanzen|tasks?|tareas|taches|copies|copias|kopien|replicas?|repliques?|replikat(?:e|en)?"
)
_RANGE = rf"(?:between\s+|entre\s+|zwischen\s+|de\s+|from\s+|von\s+)?(\d+)(?:{lx.RANGE_SEP}(\d+))?"
_COPIES = re.compile(rf"(?<![\w.])(?:min(?:imum)?\s+(\d+)\s*,?\s*max(?:imum)?\s+(\d+)|{_RANGE}|x\s*(\d+))\s+"
                     rf"(?:[a-z0-9.]+\s+)?(?:{_COPY_NOUNS})(?![a-z])")


def copies(t: Tools) -> None:
    """ "4 tasks", "entre 2 y 10 instancias", "1 à 3 instances", "min 2 max 8 instances", "x2
    replicas": copies of the nearest resource that counts them (a service's replicas, an
    endpoint's count, a document database's instances), when those words are not a resource."""
    holders = tuple(k for k, s in KINDS.items() if any(s.attr(a) is not None for a in COPY_ATTRS))
    for m in _COPIES.finditer(t.norm):
        if not t.free(m.start(), m.end()):
            continue
        nums = [int(g) for g in m.groups() if g is not None]
        lo, hi = min(nums), max(nums)
        r = t.target(m.start(), holders)
        if r is None:
            continue
        attr = next(a for a in COPY_ATTRS if KINDS[r.kind].attr(a) is not None)
        if attr in r.stated_attrs:
            continue
        typ = KINDS[r.kind].attr(attr).type  # type: ignore[union-attr]
        if isinstance(typ, TCount):
            t.put(r, attr, {"min": lo, "max": hi})
        elif isinstance(typ, TInt) and lo == hi:
            t.put(r, attr, hi)
        else:
            continue
        t.use(m.start(), m.end())
