"""`autodeploy optimize app.adl --cloud any`: move a portable file to the cloud where it is provably cheaper.

Each cloud's estimate is the file compiled for that cloud (portable sizes resolved there). A move is
proposed only when it is provable from cited prices: the other cloud's estimate has no unpriced
component, and its total is below the priced part of the current one (itself a lower bound). So an
unknown price never makes a cloud look cheaper. The move rewrites `cloud` (and a region the new cloud
does not have, to its default region) and must add no policy finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from autodeploy.compiler import compile_source
from autodeploy.compiler.ir import IR
from autodeploy.compiler.kinds import DEPLOYMENT
from autodeploy.compiler.regions import DEFAULT_REGION, REGIONS


@dataclass(frozen=True)
class CloudEstimate:
    cloud: str
    total: Decimal | None  # priced part of the monthly estimate (None: does not compile there)
    unpriced: int

    def describe(self) -> str:
        if self.total is None:
            return f"{self.cloud}: does not compile"
        more = f" + {self.unpriced} unpriced" if self.unpriced else ""
        return f"{self.cloud}: ${self.total.quantize(Decimal('0.01'))}{more}"


@dataclass(frozen=True)
class CloudMove:
    cloud: str  # the cloud chosen ("" when staying)
    region: str
    text: str  # the file rewritten for it (unchanged when staying)
    estimates: tuple[CloudEstimate, ...]
    note: str


def _edit(text: str, ir: IR, cloud: str) -> tuple[str, str] | None:
    """The file with `cloud = <cloud>` (and a default region when the old one is not the new cloud's)."""
    d = ir.deployment
    lines = text.splitlines(keepends=True)
    region = d.region if d.region in REGIONS[cloud] else DEFAULT_REGION[cloud]
    for attr, value in (("cloud", cloud), ("region", f'"{region}"')):
        sp = d.attr_spans.get(attr)
        if attr == "region" and region == d.region:
            continue
        if sp is None or sp.line != sp.end_line or d.span is None or sp.file != d.span.file:
            return None
        line = lines[sp.line - 1]
        src = line[sp.col - 1: sp.end_col - 1]
        if "=" not in src:
            return None
        # one attribute per line: replacing within its own line keeps every other span valid
        lines[sp.line - 1] = line[: sp.col - 1] + f"{src[: src.index('=') + 1]} {value}" + line[sp.end_col - 1:]
    return "".join(lines), region


def choose_cloud(text: str, filename: str, params: dict[str, str] | None, base_dir: str, root: str | None,
                 ir: IR, before: Any, policy: Callable[[IR], Any] | None,
                 findings: Callable[[Any], set[tuple[str, str, str]]]) -> CloudMove:
    from .cost import estimate

    here = ir.deployment.cloud
    ests: list[CloudEstimate] = []
    complete: list[tuple[Decimal, str]] = []
    for cloud in DEPLOYMENT.attr("cloud").type.values:  # type: ignore[union-attr]
        if cloud == here:
            ests.append(CloudEstimate(cloud, before.exact_total, before.unpriced))
            continue
        res = compile_source(text, filename, params, base_dir, root, cloud=cloud)
        if not res.ok or res.ir is None:
            ests.append(CloudEstimate(cloud, None, 0))
            continue
        rep = estimate(res.ir)
        ests.append(CloudEstimate(cloud, rep.exact_total, rep.unpriced))
        if not rep.unpriced and rep.exact_total < before.exact_total:
            complete.append((rep.exact_total, cloud))
    summary = "; ".join(e.describe() for e in ests)
    stay = CloudMove("", ir.deployment.region, text, tuple(ests), "")
    for _total, cloud in sorted(complete):
        edited = _edit(text, ir, cloud)
        if edited is None:
            return _note(stay, f"--cloud any: {cloud} is cheaper, but `cloud` is not written on one line of the "
                               f"main file; not moved ({summary})")
        new_text, region = edited
        if policy is not None:
            new = compile_source(new_text, filename, params, base_dir, root)
            if new.ir is None or not findings(policy(new.ir)) <= findings(policy(ir)):
                continue
        return CloudMove(cloud, region, new_text, tuple(ests), f"--cloud any: {cloud} is provably cheaper ({summary})")
    return _note(stay, f"--cloud any: no cloud is provably cheaper than {here} (a move needs a complete estimate "
                       f"below the priced part here): {summary}")


def _note(m: CloudMove, note: str) -> CloudMove:
    return CloudMove(m.cloud, m.region, m.text, m.estimates, note)
