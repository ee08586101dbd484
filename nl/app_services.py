"""How requests state the application-service kinds (compiler/kinds_app_services.py): the readings
and completions that are specific to them. The translator (offline.py) finds their mentions from
the KindSpec words and calls these with its own target / set / use helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from autodeploy.compiler.kinds import KINDS

from . import kind_roles as roles
from .lexicon import NUMBER_WORDS
from .model import Res, Spec

Target = Callable[[int, tuple[str, ...]], "Res | None"]
Setter = Callable[[Res, str, Any], bool]
Use = Callable[[int, int], None]

# SageMaker instance types ("ml.m5.xlarge"): read before EC2 types, which they contain
ML_TYPE = re.compile(r"\bml\.[a-z0-9]+\.[0-9]*x?[a-z]+\b")
_EBS_TYPE = re.compile(r"\b(gp2|gp3|io1|io2|st1|sc1)\b")
_REST = re.compile(r"\brest(?:ful)?(?:[- ]api)?\b")
DEFAULT_VOLUME_GB = 100
# API front doors: kinds whose `type` may be a REST API (WAF needs one on AWS)
_GATEWAYS = roles.enum_holders("type", "rest")


def read_attributes(norm: str, spec: Spec, target: Target, setter: Setter, use: Use) -> None:
    for m in _EBS_TYPE.finditer(norm):
        r = target(m.start(), roles.enum_holders("type", m.group(1)))
        if r is not None and setter(r, "type", m.group(1)):
            use(m.start(), m.end())
    for m in _REST.finditer(norm):
        r = target(m.start(), _GATEWAYS)
        if r is not None and setter(r, "type", "rest"):
            use(m.start(), m.end())
    for r in _of(spec, roles.DISKS):
        if "count" not in r.attrs and r.spans:
            n = disks_before(norm, r.spans[0][0])
            if n and n > 1:
                setter(r, "count", n)


_BARE_DISK = re.compile(r"disks?|discos?|disques?|festplatten?|volumes?")
_EXTRA = re.compile(r"\b(?:extra|additional|more|data|adicional(?:es)?|supplementaires?|zusatzliche[nr]?|weitere)\b")


def is_vm_disk(norm: str, start: int, end: int, has_vm: bool) -> bool:
    """"VMs with 100 GB disks" sizes the VMs' own disks; "two extra disks" are volumes. A bare disk
    word is a volume only with a count of disks or an "extra" word before it."""
    if not has_vm or not _BARE_DISK.fullmatch(norm[start:end]):
        return False
    before = norm[max(0, start - 30) : start]
    if re.search(r"\b(?:root|boot|os)\s+$", before):
        return True
    n = disks_before(norm, start)
    window = before[max(before.rfind(c) for c in ",;:(") + 1 :]
    return not _EXTRA.search(window) and not (n is not None and n > 1)


_SKIP_BACK = re.compile(r"(?:gb|gib|tb|tib|go|to|g|t|gp2|gp3|io1|io2|st1|sc1|ebs|de|of|mit|von|\d+(?:[.,]\d+)?)")


def disks_before(norm: str, start: int) -> int | None:
    """"two extra 500 GB gp3 disks": the count right before the disk word, reading back over its
    size, type and "extra" words only ("servers with 50 GB disks" counts no disks)."""
    toks = norm[max(0, start - 40) : start].split()
    while toks:
        tok = toks.pop()
        n = NUMBER_WORDS.get(tok)
        if n is not None and not tok.isdigit():
            return n
        if tok.isdigit() and (not toks or not _SKIP_BACK.fullmatch(toks[-1])) and int(tok) <= 16:
            return int(tok)
        if not (_SKIP_BACK.fullmatch(tok) or _EXTRA.fullmatch(tok)):
            return None
    return None


def _of(spec: Spec, kinds: tuple[str, ...]) -> list[Res]:
    return [r for r in spec.resources if r.kind in kinds]


def _ref_kinds(kind: str, attr: str) -> tuple[str, ...]:
    a = KINDS[kind].attr(attr)
    return getattr(a.type, "kinds", ()) if a is not None else ()


def complete(spec: Spec, ref: Callable[[str], dict[str, str]]) -> None:
    """Wire what these kinds need: a disk's vm, what a gateway's services expose, an ETL job's
    stores. Each kind is found by the attributes it has (kind_roles), not by name."""
    for v in _of(spec, roles.DISKS):
        host = roles.host_attr(v.kind)
        vms = _of(spec, _ref_kinds(v.kind, host))
        if host not in v.attrs and vms:
            v.attrs[host] = ref(vms[0].name)
        if "size" not in v.attrs:  # required by the kind: say the figure is ours
            v.attrs["size"] = DEFAULT_VOLUME_GB
            spec.notes.append(f"{v.kind} `{v.name}`: size not stated; using {DEFAULT_VOLUME_GB} GB")
        if v.attrs.get("type") in ("io1", "io2") and "iops" not in v.attrs:
            v.attrs["iops"] = 3000  # provisioned-IOPS types need a figure: the gp3 baseline
            spec.notes.append(f"{v.kind} `{v.name}`: {v.attrs['type']} needs `iops`; using 3000")
    for g in _of(spec, _GATEWAYS):
        # a gateway reaches a service through its load balancer (the targets are wired by offline._wire)
        targets = {t.get("ref") for t in g.attrs.get("targets", []) if isinstance(t, dict)}
        for b in spec.resources:
            if b.name in targets and KINDS[b.kind].attr("expose") is not None and "expose" not in b.attrs:
                b.attrs["expose"] = "https"
                spec.notes.append(f"{b.kind} `{b.name}`: behind {g.kind} `{g.name}`; expose = https")
        if g.attrs.get("waf") and "type" not in g.attrs and spec.deployment.get("cloud") == "aws":
            g.attrs["type"] = "rest"  # AWS WAF protects REST APIs only
            spec.notes.append(f"{g.kind} `{g.name}`: a WAF needs a REST API; using type = rest")
    # jobs that move data from a store to a store (a Glue job): each reads and writes what was named
    for j in _of(spec, tuple(k for k in roles.holders("source") if KINDS[k].attr("target") is not None)):
        stores = _of(spec, _ref_kinds(j.kind, "source"))
        picked = [s for s in stores if s.from_text][:2]
        store = _ref_kinds(j.kind, "script_bucket")[0]  # what the job's script is kept in
        for base in ("raw", "curated")[len(picked):]:
            b = Res(store, spec.unique_name(base))
            spec.resources.append(b)
            picked.append(b)
            spec.notes.append(f"{j.kind} `{j.name}`: no {'source' if base == 'raw' else 'target'} named; "
                              f"added {store} `{b.name}`")
        j.attrs.setdefault("source", ref(picked[0].name))
        j.attrs.setdefault("target", ref(picked[1].name))
        if picked[0].kind != store and "script_bucket" not in j.attrs:
            scripts = next((s for s in spec.of_kind(store)), None)
            if scripts is None:
                scripts = Res(store, spec.unique_name("etl_scripts"))
                spec.resources.append(scripts)
            j.attrs["script_bucket"] = ref(scripts.name)
