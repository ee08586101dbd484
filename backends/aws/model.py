"""Per kind, the IAM grants of an edge: one lookup both backends consult.

Each kind's AWS facts live in the module named for it (`backends/aws/<kind>.py`); a kind whose
module defines `grants` needs IAM over a `uses`/`trigger` edge, any other kind needs none. A new
kind adds its module, not a line here.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections.abc import Callable
from functools import cache

from autodeploy.compiler.kinds import KINDS

from .grants import Grant


@cache
def _grants_fn(kind: str) -> Callable[..., tuple[Grant, ...]] | None:
    if kind not in KINDS or importlib.util.find_spec(f"{__package__}.{kind}") is None:
        return None
    fn = getattr(importlib.import_module(f"{__package__}.{kind}"), "grants", None)
    return fn if callable(fn) else None


def grants(kind: str, name: str, attr: str, *, in_network: bool = False) -> tuple[Grant, ...]:
    """What a principal gets over the edge `attr` (`uses` / `trigger`) to resource `name` of `kind`;
    a kind with no `grants` needs no IAM (network traffic is opened by security groups instead).
    A kind whose grants depend on the principal being inside a network takes `in_network`."""
    fn = _grants_fn(kind)
    if fn is None:
        return ()
    if "in_network" in inspect.signature(fn).parameters:
        return fn(name, attr, in_network=in_network)
    return fn(name, attr)
