"""Usage overrides for estimates, like Infracost's usage file:

    resources:
      api:     {load_rps: 250, replicas: 4}
      records: {size_gb: 3000, monthly_requests: 1e6}

Every key is checked against the resource's kind (ADL4012, with a did-you-mean), every
name against the IR (ADL4013), every value must be a non-negative number (ADL4014); each
diagnostic points at the key's line in the YAML file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

import autodeploy.analytics.diagnostics  # noqa: F401  (registers ADL40xx)
from autodeploy.compiler.catalogue import diag, suggest
from autodeploy.compiler.diagnostics import Diagnostic, Span
from autodeploy.compiler.ir import IR
from autodeploy.compiler.kinds import KINDS

# usage keys per resource kind, with what each means (docs/cost.md lists them): each kind's KindSpec.usage
KEYS: dict[str, dict[str, str]] = {k.name: dict(k.usage) for k in KINDS.values()}


@dataclass(frozen=True)
class Usage:
    """Per-resource usage values (canonical: rps, GB, counts, ms) and where they came from."""

    resources: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    source: str = "usage-file"  # "usage-file" or "model" (the scaling model's output)
    file: str | None = None

    def of(self, name: str) -> Mapping[str, float]:
        return self.resources.get(name, {})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, float]], source: str = "usage-file") -> Usage:
        return cls({k: dict(v) for k, v in data.items()}, source)


@dataclass(frozen=True)
class _Entry:
    value: Any
    span: Span


def _span(file: str, node: yaml.Node) -> Span:
    m, e = node.start_mark, node.end_mark
    return Span(file, m.line + 1, m.column + 1, e.line + 1, e.column + 1)


def load_usage_file(path: str, ir: IR) -> tuple[Usage | None, tuple[Diagnostic, ...]]:
    """Read and validate a usage file against the IR. Returns (usage, diagnostics)."""
    name = path
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        root = yaml.compose(text)
    except OSError as exc:
        return None, (diag("ADL4010", None, file=name, reason=exc.strerror or str(exc)),)
    except UnicodeDecodeError as exc:
        return None, (diag("ADL4010", None, file=name, reason=str(exc)),)
    except RecursionError:  # the YAML composer recurses once per nesting level
        return None, (diag("ADL4011", None, problem="usage file nests too deeply to read",
                           hint="see docs/cost.md for the usage file format (two levels: resources, keys)"),)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        span = Span.point(name, mark.line + 1, mark.column + 1) if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        return None, (
            diag(
                "ADL4011",
                span,
                problem=f"usage file is not valid YAML: {problem}",
                hint="see docs/cost.md for the usage file format",
            ),
        )
    return _validate(root, name, ir)


def _validate(root: yaml.Node | None, file: str, ir: IR) -> tuple[Usage | None, tuple[Diagnostic, ...]]:
    diags: list[Diagnostic] = []
    hint = "write `resources: {<name>: {<key>: <number>}}`"
    if root is None:
        return Usage({}, file=file), ()
    if not isinstance(root, yaml.MappingNode):
        return None, (diag("ADL4011", _span(file, root), problem="usage file must be a mapping", hint=hint),)
    resources_node: yaml.Node | None = None
    for k, v in root.value:
        key = k.value if isinstance(k, yaml.ScalarNode) else None
        if key == "resources":
            resources_node = v
        elif key != "version":
            diags.append(
                diag(
                    "ADL4011",
                    _span(file, k),
                    problem=f"unknown top-level key `{key}`",
                    hint="only `resources` (and `version`) are read",
                )
            )
    out: dict[str, dict[str, float]] = {}
    if resources_node is None or (
        isinstance(resources_node, yaml.ScalarNode) and resources_node.value in ("", "~", "null")
    ):
        return (None, tuple(diags)) if diags else (Usage({}, file=file), ())
    if not isinstance(resources_node, yaml.MappingNode):
        diags.append(
            diag("ADL4011", _span(file, resources_node), problem="`resources` must be a mapping", hint=hint)
        )
        return None, tuple(diags)
    by_name = ir.by_name
    for rk, rv in resources_node.value:
        rname = str(rk.value)
        res = by_name.get(rname)
        if res is None:
            diags.append(
                diag("ADL4013", _span(file, rk), name=rname, hint=suggest(rname, by_name, "resource"))
            )
            continue
        if not isinstance(rv, yaml.MappingNode):
            diags.append(
                diag(
                    "ADL4011", _span(file, rv), problem=f"`{rname}` must map usage keys to numbers", hint=hint
                )
            )
            continue
        allowed = KEYS.get(res.kind, {})
        vals: dict[str, float] = {}
        for kk, kv in rv.value:
            key = str(kk.value)
            if key not in allowed:
                h = suggest(key, allowed, "key") or (
                    "keys for `" + res.kind + "`: " + (", ".join(sorted(allowed)) or "none")
                )
                diags.append(diag("ADL4012", _span(file, kk), key=key, kind=res.kind, name=rname, hint=h))
                continue
            value = _number(kv)
            if value is None or value < 0:
                diags.append(
                    diag(
                        "ADL4014",
                        _span(file, kv),
                        name=rname,
                        key=key,
                        expected="a non-negative number",
                        got=getattr(kv, "value", "?"),
                    )
                )
                continue
            vals[key] = value
        out[rname] = vals
    if diags:
        return None, tuple(diags)
    return Usage(out, file=file), ()


def _number(node: yaml.Node) -> float | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":bool"):
        return None
    try:
        # YAML 1.1 reads `1e6` as a string; accept the common spellings of numbers
        return float(str(node.value).replace("_", ""))
    except ValueError:
        return None
