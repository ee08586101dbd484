"""The zones a network the translator adds must have for what the request stated (issue 14).

A stated Amazon MQ deployment mode spreads the broker over as many private subnets as the mode
needs ("RabbitMQ as a 3-node cluster": 3); the compiler's own table says how many
(compiler/buildable_data.py), so the added network is made with one private subnet per zone for it
instead of the stated mode being dropped as unbuildable.
"""

from __future__ import annotations

from collections.abc import Sequence

from autodeploy.compiler.buildable_data import BROKER_SUBNETS
from autodeploy.compiler.kinds import KINDS

from .model import Res


def zones_for_modes(members: Sequence[Res]) -> int | None:
    """The most subnets a stated mode of `members` spreads over, when more than one."""
    need = [BROKER_SUBNETS[v] for r in members
            if "mode" in r.stated_attrs and (v := r.attrs.get("mode")) in BROKER_SUBNETS
            and KINDS[r.kind].attr("mode") is not None]
    return max(need) if need and max(need) > 1 else None
