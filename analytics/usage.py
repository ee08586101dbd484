"""Usage overrides for estimates, like Infracost's usage file:

    resources:
      api:     {load_rps: 250, replicas: 4}
      records: {size_gb: 3000, monthly_requests: 1e6}

Every key is checked against the resource's kind (ADL4012, with a did-you-mean), every
name against the IR (ADL4013), every value must be a finite non-negative number (ADL4014)
no larger than the key's documented bound (ADL4015, `BOUNDS`); each diagnostic points at
the key's line in the YAML file. A valid key the estimate then never reads (`load_rps` on a
VM: its count is not sized from load) is a warning (ADL4016), not silence.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

import autodeploy.analytics.diagnostics  # noqa: F401  (registers ADL40xx)
from autodeploy.compiler.catalogue import diag, suggest
from autodeploy.compiler.diagnostics import Diagnostic, Span
from autodeploy.compiler.ir import IR
from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.sourcefile import UnreadableFile, read_text

# usage keys per resource kind, with what each means (docs/cost.md lists them): each kind's KindSpec.usage
KEYS: dict[str, dict[str, str]] = {k.name: dict(k.usage) for k in KINDS.values()}


# The largest value each key accepts, and why: far above any real deployment, low enough that
# a typo (an extra "000") or a unit slip is reported instead of priced (docs/cost.md lists them).
BOUNDS: dict[str, tuple[float, str]] = {
    "load_rps": (1e7, "10 million requests per second"),
    "capacity_rps": (1e7, "10 million requests per second"),
    "monthly_requests": (1e14, "100 trillion per month"),
    "monthly_put_requests": (1e14, "100 trillion per month"),
    "monthly_get_requests": (1e14, "100 trillion per month"),
    "monthly_read_requests": (1e14, "100 trillion per month"),
    "monthly_write_requests": (1e14, "100 trillion per month"),
    "monthly_data_events": (1e14, "100 trillion per month"),
    "monthly_management_events": (1e14, "100 trillion per month"),
    "size_gb": (1e7, "10 PB"),
    "backup_storage_gb": (1e7, "10 PB"),
    "nat_data_gb": (1e7, "10 PB per month"),
    "flow_logs_gb": (1e7, "10 PB per month"),
    "transfer_gb": (1e7, "10 PB per month"),
    "processed_gb": (1e7, "10 PB per month"),
    "duration_ms": (900_000, "15 minutes, the longest Lambda invocation"),
    "log_gb": (1e7, "10 PB per month"),
    "cpu_credit_vcpu_hours": (1e8, "100 million vCPU-hours per month"),
    "waf_log_gb": (1e7, "10 PB per month"),
    "request_size_kb": (262_144, "256 MB, the largest extended-client message"),
    "replicas": (10_000, "10,000 replicas"),
    "count": (10_000, "10,000 instances"),
    "nodes": (500, "500 cache nodes"),
    "lcu": (1e6, "1 million capacity units"),
    "waf_rules": (10_000, "10,000 rules"),
    # application-service kinds (issue 22)
    "runs_per_month": (44_640, "a run every minute of a 31-day month"),
    "run_hours": (48, "48 hours, Glue's longest job timeout"),
    "crawler_hours": (1e6, "1 million DPU-hours per month"),
    "ia_fraction": (1, "all of the data"),
    # issue 21: kubernetes and monitor
    "fargate_vcpu": (1e6, "1 million vCPUs running on Fargate"),
    "fargate_gb": (1e7, "10 PB of pod memory"),
    "dashboards": (10_000, "10,000 dashboards"),
    "grafana_editors": (1e6, "1 million users"),
    "notifications": (1e12, "1 trillion per month"),
    # data services (issue 20)
    "storage_gb": (1e7, "10 PB"),
    "ingest_gb": (1e7, "10 PB per month"),
    "monthly_records": (1e14, "100 trillion per month"),
    "record_size_kb": (1_024, "1 MB, the largest Kinesis or Event Hubs record"),
    "monthly_io": (1e14, "100 trillion per month"),
}


@dataclass(frozen=True)
class Usage:
    """Per-resource usage values (canonical: rps, GB, counts, ms) and where they came from."""

    resources: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    source: str = "usage-file"  # "usage-file" or "model" (the scaling model's output)
    file: str | None = None
    # where each (resource, key) was written, for ADL4016 warnings after the estimate
    spans: Mapping[tuple[str, str], Span] = field(default_factory=dict, compare=False)

    def of(self, name: str) -> Mapping[str, float]:
        return self.resources.get(name, {})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, float]], source: str = "usage-file") -> Usage:
        """Usage from code (the scaling model, notebooks). Values are checked as a usage file's are;
        a bad one is a caller's bug: ValueError naming it."""
        out: dict[str, dict[str, float]] = {}
        for name, values in data.items():
            for key, v in values.items():
                bound = BOUNDS.get(key, (math.inf, ""))[0]
                if isinstance(v, bool) or not isinstance(v, numbers.Real) or not (0 <= float(v) <= bound):
                    raise ValueError(f"usage {name}.{key} must be a finite number in 0..{bound:g}, got {v!r}")
            out[name] = {k: float(v) for k, v in values.items()}
        return cls(out, source)


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
        text = read_text(path)  # non-blocking: a FIFO or a folder is refused at once, never waited on
        root = yaml.compose(text)
    except UnreadableFile as exc:
        return None, (diag("ADL4010", None, file=name, reason=exc.reason),)
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
    if root is None:  # nothing but blanks and comments: a truncated or failed write, never "no overrides"
        return None, (diag("ADL4011", Span.point(file, 1, 1), problem="usage file is empty",
                           hint="write `resources: {}` for no overrides, or drop --usage"),)
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
    spans: dict[tuple[str, str], Span] = {}
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
            if value is None or not math.isfinite(value) or value < 0:
                # `nan` and `inf` parse as floats but price nothing meaningful
                diags.append(
                    diag(
                        "ADL4014",
                        _span(file, kv),
                        name=rname,
                        key=key,
                        expected="a finite non-negative number",
                        got=getattr(kv, "value", "?"),
                    )
                )
                continue
            bound, why = BOUNDS[key]
            if value > bound:
                diags.append(
                    diag("ADL4015", _span(file, kv), name=rname, key=key, bound=f"{bound:g}", why=why,
                         got=kv.value)
                )
                continue
            vals[key] = value
            spans[(rname, key)] = _span(file, kk)
        out[rname] = vals
    if diags:
        return None, tuple(diags)
    return Usage(out, file=file, spans=spans), ()


def unused_warnings(usage: Usage, unused: tuple[tuple[str, str], ...], ir: IR) -> tuple[Diagnostic, ...]:
    """ADL4016 for each usage value the estimate never read (it changed nothing)."""
    by_name = ir.by_name
    out = []
    for name, key in unused:
        res = by_name.get(name)
        kind = res.kind if res is not None else "?"
        out.append(
            diag(
                "ADL4016",
                usage.spans.get((name, key)),
                key=key,
                kind=kind,
                name=name,
                hint=NO_EFFECT_HINTS.get((kind, key), "remove it, or set the attribute it depends on"),
            )
        )
    return tuple(out)


# why a valid key can have no effect, where the reason is known
NO_EFFECT_HINTS: dict[tuple[str, str], str] = {
    ("vm", "load_rps"): "a VM's count is not sized from load (no per-instance capacity); set usage `count`",
    ("service", "load_rps"): "replicas are sized from load only with `capacity` (or usage `capacity_rps`)",
}


def _number(node: yaml.Node) -> float | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":bool"):
        return None
    try:
        # YAML 1.1 reads `1e6` as a string; accept the common spellings of numbers
        return float(str(node.value).replace("_", ""))
    except ValueError:
        return None
