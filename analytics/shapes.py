"""Instance shapes (vCPU, memory, architecture, current generation) from
analytics/data/optimizer_instance_specs.csv.gz (OPTIMIZER_SPECS_SOURCE.md): read by the optimizer's
candidates and by the estimate's EC2/RDS pricers, which must not import the optimizer for them."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Shape:
    service: str
    type: str
    family: str
    vcpu: float
    memory: float
    arch: str
    current: bool


@lru_cache(maxsize=1)
def shapes() -> dict[tuple[str, str], Shape]:
    raw = resources.files("autodeploy.analytics").joinpath("data", "optimizer_instance_specs.csv.gz").read_bytes()
    out: dict[tuple[str, str], Shape] = {}
    for row in csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8"))):
        s = Shape(row["service"], row["type"], row["family"], float(row["vcpu"]), float(row["memory_gib"]),
                  row["arch"], row["current_generation"] == "true")
        out[(s.service, s.type)] = s
    return out
