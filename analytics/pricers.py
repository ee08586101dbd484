"""The pricers by cloud and kind: pricing_aws.py and pricing_azure.py register one function per
kind, named for it, with `@AWS_PRICERS.register()` / `@AZURE_PRICERS.register()`; cost.estimate asks
`pricers_for(cloud)`. The pricing modules import this one, which imports them only by name when
first read (KindRegistry.load), so cost.py and the pricers form no import cycle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autodeploy.compiler.registry import KindRegistry

# (resource, Lines, Prices, ir) -> None: adds the resource's priced components to Lines
Pricer = Callable[[Any, Any, Any, Any], None]

AWS_PRICERS: KindRegistry[Pricer] = KindRegistry("pricer", "aws", __package__ or "", "pricing_")
AZURE_PRICERS: KindRegistry[Pricer] = KindRegistry("pricer", "azure", __package__ or "", "pricing_")
GCP_PRICERS: KindRegistry[Pricer] = KindRegistry("pricer", "gcp", __package__ or "", "pricing_")
_BY_CLOUD = {"aws": AWS_PRICERS, "azure": AZURE_PRICERS, "gcp": GCP_PRICERS}


def pricers_for(cloud: str) -> KindRegistry[Pricer]:
    """Every pricer of `cloud` (the pricing_* modules register on first use)."""
    return _BY_CLOUD.get(cloud, AWS_PRICERS).load()
