"""How requests state the application-service kinds (compiler/kinds_app_services.py): the readings
and completions that are specific to them. The translator (offline.py) finds their mentions from
the KindSpec words and calls these with its own target / set / use helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

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


def read_attributes(norm: str, spec: Spec, target: Target, setter: Setter, use: Use) -> None:
    for m in _EBS_TYPE.finditer(norm):
        r = target(m.start(), ("volume",))
        if r is not None and setter(r, "type", m.group(1)):
            use(m.start(), m.end())
    for m in _REST.finditer(norm):
        r = target(m.start(), ("api_gateway",))
        if r is not None and setter(r, "type", "rest"):
            use(m.start(), m.end())
    for r in spec.of_kind("volume"):
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


def complete(spec: Spec, ref: Callable[[str], dict[str, str]]) -> None:
    """Wire what these kinds need: a volume's vm, a gateway's targets, an ETL job's stores, an
    endpoint's image (a placeholder, said so)."""
    vms = spec.of_kind("vm")
    for v in spec.of_kind("volume"):
        if "vm" not in v.attrs and vms:
            v.attrs["vm"] = ref(vms[0].name)
        if "size" not in v.attrs:  # required by the kind: say the figure is ours
            v.attrs["size"] = DEFAULT_VOLUME_GB
            spec.notes.append(f"volume `{v.name}`: size not stated; using {DEFAULT_VOLUME_GB} GB")
        if v.attrs.get("type") in ("io1", "io2") and "iops" not in v.attrs:
            v.attrs["iops"] = 3000  # provisioned-IOPS types need a figure: the gp3 baseline
            spec.notes.append(f"volume `{v.name}`: {v.attrs['type']} needs `iops`; using 3000")
    backends = spec.of_kind("function") or spec.of_kind("service")
    for g in spec.of_kind("api_gateway"):
        if "targets" not in g.attrs and backends:
            g.attrs["targets"] = [ref(b.name) for b in backends]
        # a gateway reaches a service through its load balancer (however the targets were wired)
        targets = {t.get("ref") for t in g.attrs.get("targets", []) if isinstance(t, dict)}
        for b in spec.resources:
            if b.name in targets and b.kind == "service" and "expose" not in b.attrs:
                b.attrs["expose"] = "https"
                spec.notes.append(f"service `{b.name}`: behind api_gateway `{g.name}`; expose = https")
        if g.attrs.get("waf") and "type" not in g.attrs and spec.deployment.get("cloud") == "aws":
            g.attrs["type"] = "rest"  # AWS WAF protects REST APIs only
            spec.notes.append(f"api_gateway `{g.name}`: a WAF needs a REST API; using type = rest")
    stores = [r for r in spec.resources if r.kind in ("bucket", "table", "database")]
    for j in spec.of_kind("etl_job"):
        picked = [s for s in stores if s.from_text][:2]
        for base in ("raw", "curated")[len(picked):]:
            b = Res("bucket", spec.unique_name(base))
            spec.resources.append(b)
            picked.append(b)
            spec.notes.append(f"etl_job `{j.name}`: no {'source' if base == 'raw' else 'target'} named; "
                              f"added bucket `{b.name}`")
        j.attrs.setdefault("source", ref(picked[0].name))
        j.attrs.setdefault("target", ref(picked[1].name))
        if picked[0].kind != "bucket" and "script_bucket" not in j.attrs:
            scripts = next((s for s in spec.of_kind("bucket")), None)
            if scripts is None:
                scripts = Res("bucket", spec.unique_name("etl_scripts"))
                spec.resources.append(scripts)
            j.attrs["script_bucket"] = ref(scripts.name)
    for e in spec.of_kind("model_endpoint"):
        if "image" not in e.attrs:
            e.attrs["image"] = f"registry.example.com/{e.name}:latest"
            spec.notes.append(f"model_endpoint `{e.name}`: image is a placeholder; set your own")
