"""Price look-ups with their provenance: every quote says whether it is exact, an explicit
approximation (and why), or unknown. Nothing here invents a number.

Rules: a regional table (EC2, RDS, ElastiCache, EBS, Azure VMs) is exact for the region or
unknown. A cited service price is exact for its own region; for another region of the same
cloud, the cited price of the reference region (us-east-1 / eastus, else the only cited
region) is used and flagged: "us-east-1 price used for eu-west-1". Google Cloud prices are not
carried across regions (gcp_prices.SOURCE.md: "a request for the same component in another region
must be treated as unknown"); its `global` rows hold in every region.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .catalog import Catalog, ServicePrice

EXACT, APPROX, UNKNOWN = "exact", "approximation", "unknown"
REFERENCE_REGION = {"aws": "us-east-1", "azure": "eastus"}
# clouds whose cited prices hold only in their own region (plus rows cited for `global`)
REGION_STRICT = frozenset({"gcp"})


@dataclass(frozen=True)
class Quote:
    unit_price: Decimal | None  # per `per` units of `unit`
    per: int
    unit: str
    source: str  # exact | approximation | unknown
    note: str
    table: str  # catalog table the price came from
    date: str  # data date of that price ("" when unknown)
    # the cited row: "<catalog key> @ <region>" (scripts/build-price-catalog.py maps keys to source rows)
    ref: str = ""

    @property
    def known(self) -> bool:
        return self.unit_price is not None


def unknown(what: str, unit: str = "", per: int = 1) -> Quote:
    return Quote(None, per, unit, UNKNOWN, what, "", "")


class Prices:
    """Price look-ups over one catalog for one deployment's cloud and region."""

    def __init__(
        self, catalog: Catalog, cloud: str, region: str, today: str | None = None, free_tier: bool = False
    ) -> None:
        self.catalog = catalog
        self.cloud = cloud
        self.region = region
        # date-banded prices (RDS extended support) are priced as of this ISO date
        self.today = today or dt.date.today().isoformat()
        # cited free allowances (SQS, SNS, KMS requests) are subtracted only when asked for
        self.free_tier = free_tier
        # 10,000-resource IRs ask for the same few prices again and again
        self._cache: dict[tuple[str, ...], Quote] = {}

    # ---- regional tables ---------------------------------------------------------------
    def _regional(self, table: str, key: tuple[str, ...], unit: str, what: str) -> Quote:
        ck = (table, unit, *key)
        q = self._cache.get(ck)
        if q is None:
            q = self._cache[ck] = self._regional_uncached(table, key, unit, what)
        return q

    def _regional_uncached(self, table: str, key: tuple[str, ...], unit: str, what: str) -> Quote:
        price = self.catalog.table(table).get((self.region, *key))
        if price is None:
            return unknown(f"no {table} price for {what} in {self.region}", unit)
        return Quote(price, 1, unit, EXACT, "", table, self.catalog.data_date(table), f"{table}:{'/'.join(key)} @ "
                     f"{self.region}")

    def ec2(self, instance_type: str) -> Quote:
        return self._regional("aws_ec2", (instance_type,), "hours", instance_type)

    def rds(self, engine: str, instance_class: str, multi_az: bool) -> Quote:
        option = "Multi-AZ" if multi_az else "Single-AZ"
        return self._regional(
            "aws_rds", (engine, instance_class, option), "hours", f"{engine} {instance_class} {option}"
        )

    def rds_storage(self, engine: str, price_key: str) -> Quote:
        return self._regional("aws_rds_storage", (engine, price_key), "GB-months", f"{engine} {price_key!r}")

    def elasticache(self, engine: str, node_type: str) -> Quote:
        return self._regional(
            "aws_elasticache", (engine, node_type, "false"), "hours", f"{engine} {node_type}"
        )

    def ebs(self, volume_type: str, dimension: str = "storage") -> Quote:
        return self._regional(
            "aws_ebs", (volume_type, dimension), "GB-months", f"EBS {volume_type} {dimension}"
        )

    def azure_vm(self, vm_size: str) -> Quote:
        return self._regional("azure_vm", (vm_size,), "hours", vm_size)

    # ---- cited service prices ----------------------------------------------------------
    def service(self, key: str, unit: str, region: str | None = None) -> Quote:
        """The cited price for `key` in the deployment's region, or a flagged approximation."""
        region = region or self.region
        ck = ("service", key, unit, region)
        q = self._cache.get(ck)
        if q is None:
            q = self._cache[ck] = self._service(key, unit, region)
        return q

    def _service(self, key: str, unit: str, region: str) -> Quote:
        rows = self.catalog.service().get(key, [])
        if not rows:
            return unknown(f"no cited price for {key}", unit)
        strict = self.cloud in REGION_STRICT
        here = [r for r in rows if r.region == region or (strict and r.region == "global")]
        if here:
            return self._quote(_latest(here), unit, EXACT, "")
        if strict:
            cited = ", ".join(sorted({r.region for r in rows}))
            return unknown(f"no cited price for {key} in {region} (cited for {cited})", unit)
        same_cloud = [r for r in rows if r.cloud == self.cloud]
        ref = REFERENCE_REGION.get(self.cloud, "")
        pick = [r for r in same_cloud if r.region == ref] or same_cloud
        if not pick:
            return unknown(f"no cited price for {key}", unit)
        row = _latest(pick)
        return self._quote(row, unit, APPROX, f"{row.region} price used for {region}")

    def service_global(self, key: str, unit: str) -> Quote:
        """Prices not tied to a region (CloudFront edge, CloudTrail page): exact when cited."""
        rows = self.catalog.service().get(key, [])
        if not rows:
            return unknown(f"no cited price for {key}", unit)
        return self._quote(_latest(rows), unit, EXACT, "")

    def _quote(self, row: ServicePrice, unit: str, source: str, note: str) -> Quote:
        tier = f"tier {row.tier}" if row.tier else ""
        extra = [n for n in (note, tier) if n]
        if row.tier == "C":
            extra.append("third-party source")
        return Quote(row.usd, row.per, unit, source, "; ".join(extra), "service_prices", row.source_date,
                     f"{row.key} @ {row.region}")


def _latest(rows: list[ServicePrice]) -> ServicePrice:
    # two citations of one price (e.g. Application Gateway 2022 doc vs 2026 fixture): the newer wins
    return sorted(rows, key=lambda r: (r.source_date != "undated", r.source_date, r.region))[-1]
