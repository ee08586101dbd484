"""Chat edits: load a compiled file into a Spec, apply one turn offline, guard the secure defaults.

Offline turns are deterministic: add or remove kinds, move region or cloud, set attributes
("3 to 10 replicas", "500 GB of storage"), "make it cheaper" (smaller instances, fewer replicas,
single-AZ, one NAT gateway) — always inside the file's locks, which the compiler enforces.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from typing import Any

from autodeploy.compiler import CompileResult
from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.regions import DEFAULT_REGION

from . import lexicon as lx
from . import offline
from .locks import parse_locks
from .model import Res, Spec
from .polarity import SECURE, loosens, minimum
from .regions_nl import equivalent

# attribute -> the value that is the secure default; turning away from it is "loosening"

_REMOVE = (
    r"remove|delete|drop|get rid of|quita|quitar|elimina|eliminar|borra|supprime|supprimer|retire|enleve"
    r"|entferne|entfernen|losche|loschen"
)
_ADD = (
    r"add|include|also|create|append|anade|agrega|incluye|ajoute|ajouter|rajoute|hinzu|fuge|erganze|neue?n?"
)
_CHEAPER = (
    r"cheaper|reduce (?:the )?costs?|lower (?:the )?costs?|save money|cut costs?|less expensive|mas barato"
    r"|mas economico|reducir (?:el )?costo|moins cher|reduire les couts|economiser|gunstiger|billiger"
    r"|kosten senken|sparen"
)


@dataclass
class TurnResult:
    spec: Spec
    changes: list[str] = field(default_factory=list)
    refused: str | None = None
    not_understood: list[str] = field(default_factory=list)


def load_spec(result: CompileResult, main_text: str) -> Spec:
    """A compiled file -> Spec holding only what the file wrote explicitly (defaults stay implicit)."""
    ir = result.ir
    assert ir is not None
    d = ir.deployment
    dep: dict[str, Any] = {}
    for attr in d.attr_spans:
        v = getattr(d, attr, None)
        dep[attr] = list(v) if isinstance(v, tuple) else v
    header = []
    for line in main_text.splitlines():
        if line.startswith("#"):
            header.append(line[1:].strip())
        else:
            break
    spec = Spec(name=d.name, deployment=dep, comment="\n".join(header))
    for r in ir.resources:
        attrs = {a: copy.deepcopy(r.attrs.get(a)) for a in r.explicit if a != "data"}
        if "data" in r.explicit and r.data:
            attrs["data"] = r.data
        spec.resources.append(Res(r.kind, r.name, r.variant, attrs))
    spec.locks = parse_locks(main_text)
    return spec


def _refs_in(v: Any) -> list[str]:
    if isinstance(v, dict) and "ref" in v:
        return [v["ref"]]
    if isinstance(v, list):
        return [x for item in v for x in _refs_in(item)]
    return []


def _drop(spec: Spec, names: set[str]) -> None:
    spec.resources = [r for r in spec.resources if r.name not in names]
    for r in spec.resources:
        for attr, v in list(r.attrs.items()):
            if isinstance(v, list):
                kept = [x for x in v if not (isinstance(x, dict) and x.get("ref") in names)]
                if len(kept) != len(v):
                    r.attrs[attr] = kept
            elif isinstance(v, dict) and v.get("ref") in names:
                if attr == "encryption":
                    r.attrs[attr] = True
                else:
                    del r.attrs[attr]


def _step_down(instance: str) -> str | None:
    """One size smaller within the family (m6i.2xlarge -> m6i.xlarge -> m6i.large -> ...)."""
    ladder = ["nano", "micro", "small", "medium", "large", "xlarge"]
    m = re.fullmatch(r"((?:db|cache)\.)?([a-z0-9-]+)\.(\d*)(nano|micro|small|medium|large|xlarge)", instance)
    if not m:
        return None
    prefix, fam, mult, size = m.group(1) or "", m.group(2), m.group(3), m.group(4)
    if mult:
        n = int(mult) // 2
        return f"{prefix}{fam}.{n if n > 1 else ''}xlarge"
    i = ladder.index(size)
    if prefix == "db." and not fam.startswith("t"):
        return "db.t4g.large" if size != "large" else "db.t4g.medium"
    if prefix == "cache." and not fam.startswith("t"):
        return "cache.t4g.medium"
    floor = {"db.": "micro", "cache.": "micro"}.get(prefix, "nano" if fam.startswith("t") else "large")
    if i <= ladder.index(floor):
        return None
    return f"{prefix}{fam}.{ladder[i - 1]}"


def _cheaper(spec: Spec, changes: list[str]) -> None:
    cloud = spec.deployment.get("cloud", "aws")
    for r in spec.resources:
        filled = False
        if r.kind in ("database", "cache") and "instance" not in r.attrs:
            a = KINDS[r.kind].attr("instance")
            if a is not None:  # step down from the provider default the file relies on
                r.attrs["instance"] = a.default_for(cloud, r.variant)
                filled = True
        if r.kind == "service":
            rep = r.attrs.get("replicas", {"min": 2, "max": 2})
            lo, hi = rep["min"], rep["max"]
            new = {"min": max(1, lo // 2 if lo > 1 else lo), "max": max(1, math.ceil(hi / 2))}
            new["max"] = max(new["max"], new["min"])
            if new != rep:
                r.attrs["replicas"] = new
                changes.append(f"{r.name}: replicas {lo}..{hi} -> {new['min']}..{new['max']}")
            cpu = r.attrs.get("cpu", 0.5)
            if cpu > 0.25:
                r.attrs["cpu"] = max(0.25, cpu / 2)
                r.attrs["memory"] = max(0.5, r.attrs.get("memory", 1) / 2)
                changes.append(f"{r.name}: cpu {cpu:g} -> {r.attrs['cpu']:g} vcpu")
        elif r.kind in ("vm", "database", "cache") and isinstance(r.attrs.get("instance"), str):
            smaller = _step_down(r.attrs["instance"])
            if smaller is None and filled:
                del r.attrs["instance"]
            elif smaller:
                changes.append(f"{r.name}: instance {r.attrs['instance']} -> {smaller}")
                r.attrs["instance"] = smaller
        if r.kind == "vm" and "count" in r.attrs:
            c = r.attrs["count"]
            new = {
                "min": max(1, c["min"] // 2 if c["min"] > 1 else c["min"]),
                "max": max(1, math.ceil(c["max"] / 2)),
            }
            new["max"] = max(new["max"], new["min"])
            if new != c:
                r.attrs["count"] = new
                changes.append(f"{r.name}: count {c['min']}..{c['max']} -> {new['min']}..{new['max']}")
        if r.kind in ("database", "cache") and r.attrs.get("multi_az") is True:
            r.attrs["multi_az"] = False
            changes.append(f"{r.name}: multi_az true -> false")
        if r.kind == "cache" and r.attrs.get("nodes", 1) > 1:
            changes.append(f"{r.name}: nodes {r.attrs['nodes']} -> {r.attrs['nodes'] - 1}")
            r.attrs["nodes"] -= 1
        if r.kind == "network" and r.attrs.get("nat_gateways", 1) > 1:
            changes.append(f"{r.name}: nat_gateways {r.attrs['nat_gateways']} -> 1")
            r.attrs["nat_gateways"] = 1


def _move_cloud(spec: Spec, cloud: str, changes: list[str]) -> None:
    old = spec.deployment.get("cloud", "aws")
    spec.deployment["cloud"] = cloud
    region = spec.deployment.get("region")
    new_region = equivalent(region, cloud) if region else None
    spec.deployment["region"] = new_region or DEFAULT_REGION[cloud]
    changes.append(f"cloud {old} -> {cloud}, region {region} -> {spec.deployment['region']}")
    for r in spec.resources:
        if r.kind in ("database", "cache") and "instance" in r.attrs:
            del r.attrs["instance"]  # the provider default applies; sizes do not translate one to one
        if r.kind == "vm":
            r.attrs["instance"] = {"aws": "t3.medium", "azure": "Standard_B2s", "gcp": "e2-medium"}[cloud]
    changes.append("instance types reset to the new cloud's defaults")


def _loosened(before: Spec, after: Spec) -> list[str]:
    out = []
    old = {r.name: r for r in before.resources}
    for r in after.resources:
        prev = old.get(r.name)
        for attr, secure in SECURE.items():
            now = r.attrs.get(attr, secure)
            was = prev.attrs.get(attr, secure) if prev else secure
            if now != secure and was == secure:
                out.append(f"{r.name}.{attr} {str(was).lower()} -> {str(now).lower()}")
        for attr in ("backup",):
            low = minimum(r.kind, attr)
            now, was = r.attrs.get(attr), prev.attrs.get(attr) if prev else None
            if low is not None and now is not None and loosens(r.kind, attr, now) and not (
                was is not None and was <= now
            ):
                out.append(f"{r.name}.{attr} -> {now:g} days (below the minimum of {low:g})")
        enc_now = r.attrs.get("encryption", True)
        enc_was = prev.attrs.get("encryption", True) if prev else True
        if enc_now is False and enc_was is not False:
            out.append(f"{r.name}.encryption -> false")
        if (
            r.kind == "service"
            and r.attrs.get("expose", "internal") != "internal"
            and (prev is None or prev.attrs.get("expose", "internal") == "internal")
        ):
            out.append(f"{r.name}.expose internal -> {r.attrs['expose']}")
        if r.kind == "vm" and any(r.attrs.get(a) == "0.0.0.0/0" for a in ("ssh_from", "rdp_from")):
            out.append(f"{r.name}: ssh/rdp open to the internet")
    return out


def apply_turn(spec: Spec, text: str) -> TurnResult:
    norm = offline.normalize(text)
    if re.search(lx.INJECTION, norm):
        return TurnResult(
            spec,
            refused="this turn asks to ignore the instructions; nothing was changed "
            "(state the change you want instead)",
        )
    new = copy.deepcopy(spec)
    out = TurnResult(new)
    changes = out.changes
    frag, st = offline.fragment(text, new)
    before_names = {r.name for r in new.resources}
    removing = re.search(rf"(?<![a-z])(?:{_REMOVE})(?![a-z])", norm)
    if removing:
        names = {
            r.name
            for r in new.resources
            if re.search(rf"(?<![a-z0-9_]){re.escape(r.name)}(?![a-z0-9_])", norm)
        }
        for m in st.mentions:
            for r in new.resources:
                if r.kind == m.kind and (m.variant in (None, "dlq") or r.variant == m.variant):
                    names.add(r.name)
        names |= {
            c.name
            for c in new.of_kind("cdn")
            if _refs_in(c.attrs.get("origin")) and _refs_in(c.attrs.get("origin"))[0] in names
        }
        locked = [lk.text for lk in new.locks if lk.path.split(".")[0] in names]
        if locked:
            return TurnResult(
                spec,
                refused=f"{', '.join(sorted(names))} is locked by `{locked[0]}`; remove the "
                "lock by hand first if the requirement changed",
            )
        if not names:
            return TurnResult(spec, refused="nothing to remove: no resource of that kind or name")
        _drop(new, names)
        changes.append("removed " + ", ".join(sorted(names)))
        return out
    if re.search(rf"(?<![a-z])(?:{_CHEAPER})(?![a-z])", norm):
        _cheaper(new, changes)
    # deployment: cloud, region, budget, frameworks, environment
    dep_before = dict(new.deployment)
    probe = Spec(name=new.name)
    pst = offline._State(text, norm, probe)
    offline._CURRENT.set(probe)
    offline._deployment(pst, {"cloud": new.deployment.get("cloud", "aws")})
    out.not_understood += probe.not_understood
    strong_cloud = any(re.search(rf"(?<![a-z0-9])(?:{pat})(?![a-z0-9])", norm) for _c, pat in lx.CLOUD_STRONG)
    if (
        strong_cloud
        and "cloud" in probe.stated
        and probe.deployment["cloud"] != dep_before.get("cloud", "aws")
    ):
        _move_cloud(new, probe.deployment["cloud"], changes)
    if "region" in probe.stated and probe.deployment["region"] != new.deployment.get("region"):
        changes.append(f"region {new.deployment.get('region')} -> {probe.deployment['region']}")
        new.deployment["region"] = probe.deployment["region"]
    for key in ("budget", "environment"):
        if key in probe.stated and probe.deployment[key] != new.deployment.get(key):
            changes.append(f"{key} {new.deployment.get(key)} -> {probe.deployment[key]}")
            new.deployment[key] = probe.deployment[key]
    if "compliance" in probe.stated:
        fws = list(new.deployment.get("compliance", []))
        added = [f for f in probe.deployment["compliance"] if f not in fws]
        if added:
            new.deployment["compliance"] = fws + added
            changes.append("compliance + " + ", ".join(added))
    # resources: a kind that already exists is the existing one, unless the turn says "add"
    adding = re.search(rf"(?<![a-z])(?:{_ADD})(?![a-z])", norm)
    offline._CURRENT.set(frag)
    keep = []
    for m in st.mentions:
        existing = new.of_kind(m.kind or "")
        if existing and not adding:
            target = existing[0]
            target.spans = [(m.start, m.end)]
            m.ref = target
            continue
        keep.append(m)
    st.mentions = keep
    offline.read_into(st, [r for r in new.resources])
    frag_new = [r for r in frag.resources if r.name not in before_names]
    for r in frag_new:
        r.name = new.unique_name(r.name)
        new.resources.append(r)
        changes.append(f"added {r.kind} {r.name}" + (f" : {r.variant}" if r.variant else ""))
    for r in new.resources:
        old = spec.get(r.name)
        if old is not None:
            for attr in sorted(r.stated_attrs):
                if old.attrs.get(attr) != r.attrs.get(attr):
                    changes.append(f"{r.name}.{attr} = {_show(r.attrs.get(attr))}")
    out.not_understood += frag.not_understood
    if frag_new:
        offline.complete(new)
        new_names = {r.name for r in frag_new}
        stores = [r for r in frag_new if r.kind in offline.DATA_STORES]
        for r in new.resources:
            if r.kind in ("service", "function") and r.name not in new_names and stores:
                uses = r.attrs.setdefault("uses", [])
                uses += [{"ref": s.name} for s in stores if {"ref": s.name} not in uses]
    for r in new.resources:
        r.spans = []
    loosened = _loosened(spec, new)
    if loosened:
        return TurnResult(
            spec,
            refused="this turn would loosen a secure default ("
            + "; ".join(loosened)
            + "); edit the file by hand if you really mean it",
        )
    if changes:
        seen = len(new.not_understood)
        offline.settle(new, relock=False)
        out.not_understood += new.not_understood[seen:]
    if not changes:
        out.refused = "nothing to change" + (
            ": not understood: " + "; ".join(out.not_understood) if out.not_understood else ""
        )
        out.spec = spec
    return out


def _show(v: Any) -> str:
    if isinstance(v, dict) and "min" in v:
        return f"{v['min']}..{v['max']}"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
