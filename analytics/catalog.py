"""The offline price catalog: analytics/data/*.csv.gz, described by catalog.json.

Each table is loaded lazily (an Azure-only estimate never reads the EC2 file) and checked
against the sha256 in the manifest first, so a truncated or edited file is reported by
name (ADL4001/4002/4003) instead of producing wrong prices or a traceback.
Prices stay strings until they become Decimals: list prices are exact decimal numbers.
The tables are small (the largest is ~270 kB compressed): the csv module reads them in a few
milliseconds, where importing and opening DuckDB alone took ~100 ms of every `check` and `build`.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import threading
import zlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import autodeploy.analytics.diagnostics  # noqa: F401  (registers ADL40xx)
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
MANIFEST = "catalog.json"

# table -> (the file's columns in order, how many leading columns form the key); the price is
# the last column. Every column is read as text; the header must name exactly these columns.
TABLES: dict[str, tuple[tuple[str, ...], int]] = {
    "aws_ec2": (("region", "instance_type", "usd_per_hour"), 2),
    "aws_rds": (("region", "engine", "instance_class", "deployment_option", "usd_per_hour"), 4),
    "aws_rds_storage": (("region", "engine", "price_key", "usd_price"), 3),
    "aws_elasticache": (("region", "engine", "node_type", "data_tiering", "usd_per_hour"), 4),
    "aws_ebs": (("region", "volume_type", "dimension", "unit", "usd_price"), 3),
    "azure_vm": (("region", "vm_size", "usd_per_hour"), 2),
}


class CatalogError(Exception):
    """The catalog cannot be used; carries the coded diagnostic naming the file."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class ServicePrice:
    key: str
    cloud: str
    region: str
    service: str
    sku: str
    unit: str
    per: int
    usd: Decimal
    source_date: str
    tier: str
    source: str


def data_dir() -> str:
    # AUTODEPLOY_PRICE_DIR lets tests (and air-gapped users) point at another built catalog
    return os.environ.get("AUTODEPLOY_PRICE_DIR") or DATA_DIR


class Catalog:
    def __init__(self, directory: str | None = None) -> None:
        self.dir = directory or data_dir()
        self._lock = threading.Lock()
        self._tables: dict[str, dict[tuple[str, ...], Decimal]] = {}
        self._service: dict[str, list[ServicePrice]] | None = None
        self.manifest = self._read_manifest()

    # ---- loading ---------------------------------------------------------------------
    def _read_manifest(self) -> dict[str, Any]:
        path = os.path.join(self.dir, MANIFEST)
        try:
            with open(path, encoding="utf-8") as fh:
                manifest = json.load(fh)
            tables = manifest["tables"]
            for name in list(TABLES) + ["service_prices"]:
                t = tables[name]
                t["file"], t["sha256"], t["data_date"]  # noqa: B018  (shape check)
        except FileNotFoundError:
            raise CatalogError(diag("ADL4002", None, file=MANIFEST)) from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = f"missing entry {exc}" if isinstance(exc, KeyError) else str(exc)
            raise CatalogError(diag("ADL4003", None, file=MANIFEST, reason=reason)) from None
        return manifest

    def data_date(self, table: str) -> str:
        return str(self.manifest["tables"][table]["data_date"])

    def _path_checked(self, table: str) -> str:
        entry = self.manifest["tables"][table]
        path = os.path.join(self.dir, entry["file"])
        try:
            with open(path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
        except FileNotFoundError:
            raise CatalogError(diag("ADL4002", None, file=entry["file"])) from None
        except OSError as exc:
            raise CatalogError(diag("ADL4001", None, file=entry["file"], reason=str(exc))) from None
        if digest != entry["sha256"]:
            raise CatalogError(
                diag(
                    "ADL4001",
                    None,
                    file=entry["file"],
                    reason="checksum does not match catalog.json (truncated or edited)",
                )
            )
        return path

    def _rows(self, table: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The table's rows as text, every row exactly `columns` wide (else ADL4001: a short or
        long row is a broken file, never a shifted price)."""
        path = self._path_checked(table)
        file = self.manifest["tables"][table]["file"]

        def broken(reason: str) -> CatalogError:
            return CatalogError(diag("ADL4001", None, file=file, reason=reason))

        try:
            with open(path, "rb") as fh:
                text = gzip.decompress(fh.read()).decode("utf-8")
            reader = csv.reader(io.StringIO(text, newline=""), strict=True)
            header = next(reader, None)
            if header is None or tuple(header) != columns:
                raise broken(f"the header is {header!r}, expected {list(columns)!r}")
            rows = []
            for row in reader:
                if not row:
                    continue  # a blank line
                if len(row) != len(columns):
                    raise broken(f"line {reader.line_num} has {len(row)} columns, expected {len(columns)}")
                rows.append(tuple(row))
        except (OSError, EOFError, zlib.error, UnicodeDecodeError, csv.Error) as exc:
            raise broken(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        return rows

    def table(self, name: str) -> dict[tuple[str, ...], Decimal]:
        with self._lock:
            if name not in self._tables:
                columns, nkey = TABLES[name]
                out: dict[tuple[str, ...], Decimal] = {}
                file = self.manifest["tables"][name]["file"]
                for row in self._rows(name, columns):
                    try:
                        out[tuple(row[:nkey])] = Decimal(row[-1])
                    except InvalidOperation:
                        raise CatalogError(
                            diag("ADL4001", None, file=file, reason=f"price {row[-1]!r} is not a number")
                        ) from None
                self._tables[name] = out
            return self._tables[name]

    def service(self) -> dict[str, list[ServicePrice]]:
        with self._lock:
            if self._service is None:
                cols = (
                    "key",
                    "cloud",
                    "region",
                    "service",
                    "sku",
                    "unit",
                    "per",
                    "usd",
                    "source_date",
                    "tier",
                    "source",
                )
                file = self.manifest["tables"]["service_prices"]["file"]
                out: dict[str, list[ServicePrice]] = {}
                for row in self._rows("service_prices", cols):
                    try:
                        sp = ServicePrice(
                            row[0],
                            row[1],
                            row[2],
                            row[3],
                            row[4],
                            row[5],
                            int(row[6]),
                            Decimal(row[7]),
                            row[8],
                            row[9],
                            row[10],
                        )
                    except (InvalidOperation, ValueError):
                        raise CatalogError(
                            diag("ADL4001", None, file=file, reason=f"row {row[0]!r} has a non-numeric price")
                        ) from None
                    out.setdefault(sp.key, []).append(sp)
                self._service = out
            return self._service

    def check_all(self) -> None:
        """Load every table (used by tests and `autodeploy cost --check-catalog`-style callers)."""
        for name in TABLES:
            self.table(name)
        self.service()


_default: Catalog | None = None
_default_dir: str | None = None
_default_lock = threading.Lock()


def default_catalog() -> Catalog:
    """The process-wide catalog (reloaded if AUTODEPLOY_PRICE_DIR changes, e.g. in tests)."""
    global _default, _default_dir
    with _default_lock:
        d = data_dir()
        if _default is None or _default_dir != d:
            _default, _default_dir = Catalog(d), d
        return _default
