"""Pricers of the data-service kinds (compiler/kinds_data_services.py), one per kind and cloud.

Every price is a cited row of service_prices_more.csv (keys in scripts/build-price-catalog.py,
MORE_KEYS); what has no cited price is an explicit unknown component, never a guess. Quantities come
from the ADL (nodes, shards, brokers, storage) or the usage file, and a default says "assumed".
"""

from __future__ import annotations

import math
from typing import Any

from .cost import HOURS_PER_MONTH as H
from .cost import Lines
from .pricers import AWS_PRICERS, AZURE_PRICERS
from .prices import Prices, Quote, unknown
from .pricing_shared import cloudwatch_logs, shared_logs_key, usage_gb, when
from .pricing_shared import fmt as _fmt

KB_PER_PUT_UNIT = 25  # Kinesis bills PUTs in 25 KB payload units
DAYS_EXTENDED = 7  # Kinesis retention above 24 h and up to 7 days is "extended", beyond "long-term"


def _quote(p: Prices, key: str, unit: str, what: str) -> Quote:
    q = p.service(key, unit)
    return q if q.known else unknown(f"no cited price for {what}", unit)


def _admin_secret(lines: Lines, p: Prices) -> None:
    lines.add("Secret (generated admin credential, Secrets Manager)", 1, "secret-months",
              p.service("secrets.secret", "secret-months"))


# ---- search ----------------------------------------------------------------------------------

@AWS_PRICERS.register("search", logs_key=when("logs"))  # OpenSearch log publishing
def search_aws(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    inst, nodes = str(res.get("instance")), int(res.get("nodes"))
    lines.add(f"Data nodes ({inst} x {nodes})", nodes * H, "instance-hours",
              _quote(p, f"opensearch.{inst}", "instance-hours", f"OpenSearch {inst}"), f"{nodes} x {H} h")
    masters = int(res.get("masters"))
    if masters:
        m = str(res.get("master_instance") or inst)
        lines.add(f"Dedicated masters ({m} x {masters})", masters * H, "instance-hours",
                  _quote(p, f"opensearch.{m}", "instance-hours", f"OpenSearch {m}"), f"{masters} x {H} h")
    gb = lines.value("storage_gb", res.get("storage"), 20)
    lines.add(f"EBS gp3 storage ({_fmt(gb)} GB x {nodes} nodes)", gb * nodes, "GB-months",
              _quote(p, "opensearch.storage.gp3", "GB-months", "OpenSearch gp3 storage"))
    if res.get("logs"):
        cloudwatch_logs(lines, p, "OpenSearch", 365)
    shared_logs_key(res, lines, p, ir)


@AZURE_PRICERS.register("search", private_link=True)
def search_azure(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    tier, replicas = str(res.get("instance")), int(res.get("nodes"))
    lines.add(f"Search units ({tier}: {replicas} replica(s) x 1 partition)", replicas * H, "search unit-hours",
              _quote(p, f"azsearch.{tier}", "search unit-hours", f"Azure AI Search {tier}"), f"{replicas} x {H} h")


# ---- stream ----------------------------------------------------------------------------------

def _ingest_gb(res: Any, lines: Lines) -> tuple[float, str]:
    return usage_gb(lines, "ingest_gb")


@AWS_PRICERS.register("stream", logs_key=when("delivery"))  # Firehose delivery errors
def stream_aws(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    shards = res.get("shards")
    days = float(res.get("retention"))
    gb, note = _ingest_gb(res, lines)
    if shards is None:
        lines.add("On-demand stream", H, "stream-hours", p.service("kinesis.ondemand.stream_hour", "stream-hours"))
        lines.add("Data ingested (on-demand)", gb, "GB", p.service("kinesis.ondemand.ingest", "GB"), note)
        if days > 1:
            # steady state: the GB written in the retained days beyond the first
            kept = gb * (min(days, DAYS_EXTENDED) - 1) / 30
            lines.add("Extended retention (up to 7 days)", kept, "GB-months",
                      p.service("kinesis.ondemand.extended_retention", "GB-months"), f"{_fmt(days)} days retained")
    else:
        n = int(shards)
        lines.add(f"Shards ({n})", n * H, "shard-hours", p.service("kinesis.shard_hour", "shard-hours"))
        q = p.service("kinesis.put_units", "1M PUT units")
        if "monthly_records" in lines.usage:
            records = lines.value("monthly_records", None, 0)
            size = lines.value("record_size_kb", None, 1)
            units = records * max(1, math.ceil(size / KB_PER_PUT_UNIT))
            lines.add("PUT payload units", lines.per(units, q), "1M PUT units", q,
                      f"{_fmt(size)} KB records = {max(1, math.ceil(size / KB_PER_PUT_UNIT))} unit(s) each")
        else:
            lines.used_default = True
            lines.add("PUT payload units", 0, "1M PUT units", q, "assumed 0 records: set usage `monthly_records`")
        if days > 1:
            lines.add("Extended retention (up to 7 days)", n * H, "shard-hours",
                      p.service("kinesis.extended_retention", "shard-hours"), f"{_fmt(days)} days retained")
    if days > DAYS_EXTENDED:
        key = "kinesis.long_term_retention" if shards is not None else "kinesis.ondemand.long_term_retention"
        kept = gb * (days - DAYS_EXTENDED) / 30
        lines.add("Long-term retention (beyond 7 days)", kept, "GB-months", p.service(key, "GB-months"),
                  "steady state: monthly GB x days beyond 7 / 30")
    if res.get("delivery") is not None:
        lines.add("Firehose delivery to the bucket", gb, "GB", p.service("firehose.ingest", "GB"),
                  "; ".join(x for x in (note, "the Direct PUT ingestion price (first tier)") if x))
        cloudwatch_logs(lines, p, "Firehose delivery errors", 365)
    shared_logs_key(res, lines, p, ir)


@AZURE_PRICERS.register("stream")
def stream_azure(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    shards = res.get("shards")
    units = int(shards) if shards is not None else 1
    how = "" if shards is not None else "auto-inflate from 1 TU (up to 20): priced at 1"
    lines.add(f"Throughput units ({units}, Standard)", units * H, "TU-hours",
              p.service("evh.standard.tu", "TU-hours"), how)
    q = p.service("evh.standard.ingress", "1M events")
    if "monthly_records" in lines.usage:
        events = lines.value("monthly_records", None, 0)
        lines.add("Ingress events", lines.per(events, q), "1M events", q)
    else:
        lines.used_default = True
        lines.add("Ingress events", 0, "1M events", q, "assumed 0 events: set usage `monthly_records`")
    if res.get("delivery") is not None:
        lines.add(f"Capture ({units} TU)", units * H, "TU-hours", p.service("evh.standard.capture", "TU-hours"))


# ---- kafka -----------------------------------------------------------------------------------

# MSK broker logs (MSK Serverless has none)
@AWS_PRICERS.register("kafka", logs_key=lambda r: bool(r.get("logs")) and not r.get("serverless"))
def kafka_aws(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    if res.get("serverless"):
        lines.add("MSK Serverless cluster", H, "cluster-hours", unknown("no cited MSK Serverless price"))
        return
    inst, brokers = str(res.get("instance")), int(res.get("brokers"))
    lines.add(f"Brokers ({inst} x {brokers})", brokers * H, "broker-hours",
              _quote(p, f"msk.{inst}", "broker-hours", f"MSK {inst}"), f"{brokers} x {H} h")
    gb = float(res.get("storage"))
    lines.add(f"Broker storage ({_fmt(gb)} GB x {brokers})", gb * brokers, "GB-months",
              p.service("msk.storage", "GB-months"))
    if res.get("auth") == "scram":
        _admin_secret(lines, p)
        if not isinstance(res.get("encryption"), dict):
            # SCRAM secrets need a customer key: main.tf creates one when the file names none
            lines.add("Customer managed key (SCRAM secret)", 1, "key-months", p.service("kms.key", "key-months"))
    if res.get("logs"):
        cloudwatch_logs(lines, p, "MSK broker", 365)
    shared_logs_key(res, lines, p, ir)


@AZURE_PRICERS.register("kafka", private_link=True)
def kafka_azure(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    units = int(res.get("brokers"))
    lines.add(f"Throughput units ({units}, Standard, Kafka endpoint)", units * H, "TU-hours",
              p.service("evh.standard.tu", "TU-hours"))


# ---- broker ----------------------------------------------------------------------------------

@AWS_PRICERS.register("broker")
def broker_aws(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    engine, inst, mode = res.variant or "rabbitmq", str(res.get("instance")), str(res.get("mode"))
    # Amazon MQ prices a deployment (a single broker, an active/standby pair, a 3-node cluster) per hour
    lines.add(f"Broker ({engine} {inst}, {mode})", H, "deployment-hours",
              _quote(p, f"mq.{engine}.{inst}.{mode}", "deployment-hours", f"Amazon MQ {engine} {inst} {mode}"))
    gb, note = usage_gb(lines, "storage_gb")
    lines.add("Broker storage" + (" (EFS)" if engine == "activemq" else " (EBS)"), gb, "GB-months",
              p.service(f"mq.{engine}.storage", "GB-months"), note)
    _admin_secret(lines, p)
    if res.get("logs"):
        cloudwatch_logs(lines, p, "Amazon MQ", None)


# ---- document_db -----------------------------------------------------------------------------

@AWS_PRICERS.register("document_db")
def document_db_aws(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    inst, n = str(res.get("instance")), int(res.get("instances"))
    lines.add(f"Instances ({inst} x {n})", n * H, "instance-hours",
              _quote(p, f"docdb.{inst}", "instance-hours", f"DocumentDB {inst}"), f"{n} x {H} h")
    if inst.startswith("db.t"):
        # DocumentDB T instances run in unlimited mode: surplus credits are billed
        credits = lines.value("cpu_credit_vcpu_hours", None, 0)
        lines.add("CPU credits (T instances, unlimited mode)", credits, "vCPU-hours",
                  p.service("docdb.cpu_credits", "vCPU-hours"),
                  "" if "cpu_credit_vcpu_hours" in lines.usage else "assumed 0: set usage `cpu_credit_vcpu_hours`")
    gb, note = usage_gb(lines, "size_gb")
    lines.add("Cluster storage", gb, "GB-months", p.service("docdb.storage", "GB-months"), note)
    q = p.service("docdb.io", "1M requests")
    io = lines.value("monthly_io", None, 0)
    lines.add("I/O requests", lines.per(io, q), "1M requests", q,
              "" if "monthly_io" in lines.usage else "assumed 0: set usage `monthly_io`")
    backup, bnote = usage_gb(lines, "backup_storage_gb")
    lines.add("Backup storage beyond the free allowance", backup, "GB-months",
              p.service("docdb.backup", "GB-months"), bnote)
    _admin_secret(lines, p)
    if res.get("logs"):
        cloudwatch_logs(lines, p, "DocumentDB audit/profiler", None)


@AZURE_PRICERS.register("document_db", private_link=True)
def document_db_azure(res: Any, lines: Lines, p: Prices, ir: Any) -> None:
    ru = int(res.get("throughput"))
    lines.add(f"Cosmos DB provisioned throughput ({ru} RU/s)", ru / 100 * H, "100 RU/s-hours",
              p.service("cosmos.ru100", "100 RU/s-hours"))
    gb, note = usage_gb(lines, "size_gb")
    lines.add("Cosmos DB transactional storage", gb, "GB-months", p.service("cosmos.storage", "GB-months"), note)
