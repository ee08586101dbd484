"""The policy library one evaluation loads: its folders, modules, validated rule metadata and
revision. Everything is checked here, before OPA runs, so a library that is missing, empty or
carries metadata the gate would misread is a coded error (exit 2), never a silent pass:

- ADL3010: a library folder (policies/lib, policies/rules, a --policy-dir) is missing or holds
  no .rego module, or the whole set holds no rule or no `adl.main` aggregator;
- ADL3011: a rule's `# METADATA` is unusable: bad YAML, no `custom.id`, a `custom.severity` that
  is not exactly one of SEVERITIES (lowercase; `HIGH` is an error, not `info`), more than one
  rule id in a package, or an id on a package `adl.main` does not aggregate;
- ADL3012: two rule packages share an id.

A rule package is `adl.rules.<area>.<name>` (what `data.adl.main` aggregates); the set of them is
what the engine's answer must prove it evaluated (policies/proof.py)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Span
from autodeploy.compiler.sourcefile import UnreadableFile, describe_os_error, read_text

from . import bundle as _bundle
from . import opa as _opa
from .deadline import Deadline
from .diagnostics import PolicyEngineError, engine_error
from .severity import SEVERITIES

RULES_PREFIX = "adl.rules."
MAIN_PACKAGE = "adl.main"
# `package adl.rules.bugs["constant-condition"]` is the same path as adl.rules.bugs.constant-condition
_PACKAGE_RE = re.compile(r'^package[ \t]+((?:[\w.]|\["[^"]*"\])+)', re.M)


def strs(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    if isinstance(v, dict):  # {"hipaa": ["164.312(b)"], ...} -> "hipaa 164.312(b)"
        return tuple(f"{k} {c}" for k in sorted(v) for c in strs(v[k]))
    return tuple(str(x) for x in v)


def _rule_frameworks(custom: dict[str, Any]) -> tuple[str, ...]:
    """custom.frameworks plus the framework of every non-empty control list; control keys carry
    the standard's version (pci_dss_4_0) which the framework name (pci_dss) does not."""
    fws = set(strs(custom.get("frameworks")))
    controls = custom.get("controls")
    if isinstance(controls, dict):
        fws |= {re.sub(r"(_\d+)+$", "", k) for k, ids in controls.items() if ids}
    return tuple(sorted(fws))


@dataclass(frozen=True)
class RuleMeta:
    """One rule of the library as its `# METADATA` annotation describes it."""

    id: str
    title: str
    description: str
    severity: str
    frameworks: tuple[str, ...]
    controls: tuple[str, ...]
    remediation: str
    file: str

    @classmethod
    def from_annotation(cls, a: dict[str, Any]) -> RuleMeta:
        c = a.get("custom") or {}
        return cls(
            id=str(c["id"]),
            title=str(a.get("title") or c["id"]),
            description=str(a.get("description") or a.get("title") or ""),
            severity=str(c["severity"]),
            frameworks=_rule_frameworks(c),
            controls=strs(c.get("controls")),
            remediation=str(c.get("remediation") or ""),
            file=_opa.rel(str(a.get("_file", ""))),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "severity": self.severity,
            "frameworks": list(self.frameworks),
            "controls": list(self.controls),
            "remediation": self.remediation,
        }


@dataclass(frozen=True)
class Module:
    file: str  # absolute path on disk
    policy_id: str  # autodeploy/<lib|rules|orgN>/<path>: the server's id, and the revision's key
    package: str  # "adl.rules.encryption.encryption_at_rest"; "" when it has none (OPA says why)
    text: str


@dataclass(frozen=True)
class Library:
    dirs: tuple[str, ...]
    modules: tuple[Module, ...]
    rules: tuple[RuleMeta, ...]  # sorted by id
    packages: tuple[str, ...]  # "<area>.<name>" of every rule package, sorted
    revision: str  # sha256 over every module's id and text
    # the prebuilt bundle of these modules (policies/bundle.py) when the local engine asked for one
    bundle: str | None = None

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules)

    def bundle_module(self) -> str:
        """The generated module both engines load next to the library: the answer echoes it."""
        return bundle_module(self.revision)


def bundle_module(revision: str) -> str:
    return f'package adl.bundle\n\nrevision := "{revision}"\n'


def package_key(package: str) -> str:
    """adl.rules.a.b -> a.b (what `data.adl.main.evaluated` lists)."""
    return re.sub(r'\["([^"]*)"\]', r".\1", package).removeprefix(RULES_PREFIX)


def _empty(d: str, why: str) -> PolicyEngineError:
    return engine_error("ADL3010", folder=_opa.rel(d), reason=why)


def _dirs(extra: Sequence[str | os.PathLike[str]]) -> list[tuple[str, str]]:
    """(tag, absolute dir): the library's lib/ and rules/ (never silently skipped), then the
    organisation folders in the order given."""
    out = []
    for d in _opa.PACKAGE_POLICY_DIRS:
        if not d.is_dir():
            raise _empty(str(d), "the installation's policy library folder is missing")
        out.append((d.name, str(d)))
    for i, e in enumerate(extra):
        path = os.path.abspath(e)
        if not os.path.isdir(path):
            raise _empty(os.fspath(e), "--policy-dir is not a directory")
        out.append((f"org{len(_opa.PACKAGE_POLICY_DIRS) + i}", path))
    return out


def _modules(tag: str, d: str) -> list[Module]:
    out = []
    try:  # a folder whose entries vanish while listed (--policy-dir / walks /proc) or cannot be listed
        found = sorted(Path(d).rglob("*.rego"))
    except OSError as exc:
        raise _empty(d, f"cannot be listed ({describe_os_error(exc)}: {exc.filename})") from exc
    for f in found:
        if f.match(_opa.TEST_GLOB):
            continue
        try:  # without blocking: a FIFO named *.rego is refused, not waited on forever
            text = read_text(f)
        except UnreadableFile as exc:
            raise _empty(str(f), f"cannot be read ({exc.reason})") from exc
        m = _PACKAGE_RE.search(text)
        pid = f"autodeploy/{tag}/{f.relative_to(d).as_posix()}"
        out.append(Module(str(f), pid, m.group(1) if m else "", text))
    if not out:
        raise _empty(d, "it holds no .rego module (besides *_test.rego)")
    return out


def _revision(modules: Sequence[Module]) -> str:
    h = hashlib.sha256()
    for m in modules:
        h.update(m.policy_id.encode() + b"\0" + m.text.encode() + b"\0")
    return "sha256:" + h.hexdigest()


def revision_of(extra: Sequence[str | os.PathLike[str]]) -> str:
    """The revision `load` would give the library plus these organisation folders, without OPA:
    what a saved plan records so that `apply --plan` notices a changed policy library."""
    return _revision([m for tag, d in _dirs(extra) for m in _modules(tag, d)])


def load(extra: Sequence[str | os.PathLike[str]], opa: str | None, deadline: Deadline, *,
         prebuild: bool = False) -> Library:
    """Read and validate the library plus organisation folders (see the module docstring).
    `prebuild` (the local engine): annotations and a bundle from the cache of policies/bundle.py."""
    dirs = _dirs(extra)
    modules = [m for tag, d in dirs for m in _modules(tag, d)]
    if not any(m.package == MAIN_PACKAGE for m in modules):
        raise _empty(dirs[0][1], f"no module declares `package {MAIN_PACKAGE}` (the aggregator)")
    folders = tuple(d for _, d in dirs)
    revision = _revision(modules)
    bundle = None
    if prebuild and opa:
        pre = _bundle.prepare(opa, folders, {"bundle.rego": bundle_module(revision)}, deadline,
                              lambda: _opa.rule_annotations(opa, folders, deadline))
        annotations, bundle = [dict(a) for a in pre.annotations], pre.path
    else:
        annotations = _opa.rule_annotations(opa, folders, deadline)
    rules = _validate(annotations, {m.file: m.package for m in modules})
    packages = sorted({package_key(m.package) for m in modules if _is_rule_package(m.package)})
    if not packages:
        raise _empty(", ".join(_opa.rel(d) for _, d in dirs), "the policy set holds no rule package")
    return Library(
        dirs=tuple(d for _, d in dirs),
        modules=tuple(modules),
        rules=tuple(sorted(rules, key=lambda r: r.id)),
        packages=tuple(packages),
        revision=revision,
        bundle=bundle,
    )


def _is_rule_package(package: str) -> bool:
    return package.startswith(RULES_PREFIX) and package_key(package).count(".") == 1


def _bad(a: dict[str, Any], problem: str, hint: str, code: str = "ADL3011") -> PolicyEngineError:
    line = int(a.get("_line") or 1)
    return PolicyEngineError(
        diag(code, Span.point(_opa.rel(str(a.get("_file", ""))), line, 1), problem=problem, hint=hint)
    )


def _validate(annotations: Sequence[dict[str, Any]], package_of: dict[str, str]) -> list[RuleMeta]:
    """One RuleMeta per rule package; the first problem (in file order) is the error."""
    by_package: dict[str, dict[str, Any]] = {}
    for a in annotations:
        custom = a.get("custom")
        if not isinstance(custom, dict) or not ({"id", "severity"} & set(custom)):
            continue  # a title-only annotation (adl.main, adl.lib, a helper rule)
        package = package_of.get(os.path.abspath(str(a.get("_file", ""))), "")
        rid = custom.get("id")
        if not isinstance(rid, str) or not rid.strip():
            raise _bad(
                a,
                f"rule metadata in `{package}` has no `custom.id` (or it is not a string)",
                "give every rule an id, e.g. `custom.id: ORG-001`",
            )
        if not _is_rule_package(package):
            raise _bad(
                a,
                f"rule `{rid}` is in package `{package}`, which `adl.main` does not evaluate",
                "rule packages are named `adl.rules.<area>.<name>`",
            )
        sev = custom.get("severity")
        if not isinstance(sev, str) or sev not in SEVERITIES:
            lower = f"; did you mean `{sev.lower()}`?" if isinstance(sev, str) and sev.lower() in SEVERITIES else ""
            raise _bad(
                a,
                f"rule `{rid}` has severity {sev!r}, not one of {', '.join(SEVERITIES)}",
                f"severities match exactly (lowercase){lower}",
            )
        if package in by_package:
            raise _bad(
                a,
                f"package `{package}` carries a second rule id `{rid}` "
                f"(first: `{by_package[package]['custom']['id']}`)",
                "one rule per package: move the second rule into its own package",
            )
        by_package[package] = a
    out: dict[str, RuleMeta] = {}
    for package, a in sorted(by_package.items(), key=lambda kv: (str(kv[1].get("_file")), kv[0])):
        meta = RuleMeta.from_annotation(a)
        if meta.id in out:
            raise _bad(
                a,
                f"rule id `{meta.id}` is used twice: `{package}` and {out[meta.id].file}",
                "rule ids must be unique across the library and --policy-dir folders",
                code="ADL3012",
            )
        out[meta.id] = meta
    missing = sorted(p for p in set(package_of.values()) if _is_rule_package(p) and p not in by_package)
    if missing:
        file = min(f for f, p in package_of.items() if p == missing[0])
        raise _bad(
            {"_file": file},
            f"rule package `{missing[0]}` has no `# METADATA` with `custom.id`",
            "every rule package needs a METADATA block with custom.id and custom.severity",
        )
    return list(out.values())
