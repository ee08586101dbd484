"""Run history in a local DuckDB file: what was estimated or checked, when, at which commit.

Default file: .autodeploy/history.duckdb under the current directory; AUTODEPLOY_HISTORY
overrides it. DuckDB allows one writing process per file, so a second process gets a clear
"locked" diagnostic (ADL4030) rather than a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import subprocess
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

import autodeploy.analytics.diagnostics  # noqa: F401  (registers ADL40xx)
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic
from autodeploy.fsutil import UnreadableFile, read_bytes

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, ts TIMESTAMP, kind VARCHAR, command VARCHAR, file VARCHAR,
        deployment VARCHAR, cloud VARCHAR, region VARCHAR, git_commit VARCHAR, resources INTEGER,
        resource_names VARCHAR, findings INTEGER, findings_json VARCHAR, total_monthly DECIMAL(18, 2),
        budget DECIMAL(18, 2), currency VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS cost_components (
        run_id VARCHAR, resource VARCHAR, kind VARCHAR, component VARCHAR, quantity DOUBLE, unit VARCHAR,
        unit_price DOUBLE, monthly DECIMAL(18, 2), price_source VARCHAR, price_date VARCHAR)""",
    # one row per `apply --skip-gate`: the run's `findings_json` holds the findings it let through
    """CREATE TABLE IF NOT EXISTS gate_overrides (
        run_id VARCHAR, ts TIMESTAMP, deployment VARCHAR, username VARCHAR, reason VARCHAR, fail_on VARCHAR,
        findings INTEGER)""",
    # what the service keeps of a run for its dashboard: the sources (secrets masked), the graph, the
    # cost and check documents and the emitted artifacts, by name (autodeploy/service/history.py)
    """CREATE TABLE IF NOT EXISTS run_documents (run_id VARCHAR, name VARCHAR, body VARCHAR)""",
    # the service's audit trail: every call, who made it, and what came of it
    """CREATE TABLE IF NOT EXISTS audit (
        ts TIMESTAMP, token_id VARCHAR, role VARCHAR, method VARCHAR, path VARCHAR, status INTEGER,
        outcome VARCHAR, run_id VARCHAR, millis DOUBLE, client VARCHAR)""",
)


class HistoryError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class Run:
    run_id: str
    ts: str
    kind: str
    file: str
    deployment: str
    git_commit: str | None
    resources: int
    findings: int | None
    total_monthly: float | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def history_path() -> str:
    return os.environ.get("AUTODEPLOY_HISTORY") or os.path.join(os.getcwd(), ".autodeploy", "history.duckdb")


def git_commit(cwd: str | None = None) -> str | None:
    """HEAD of the git repository around `cwd`, or None (no git, not a repo, no commits)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    sha = out.stdout.strip()
    return sha if out.returncode == 0 and len(sha) == 40 else None


def connect(path: str | None = None, read_only: bool = False, retries: int = 4) -> duckdb.DuckDBPyConnection:
    """Open the history database; a lock held by another process is retried briefly, then reported."""
    path = path or history_path()
    for attempt in range(retries + 1):
        try:
            return _connect(path, read_only)
        except HistoryError as exc:
            if exc.diagnostic.code != "ADL4030" or attempt == retries:
                raise
            time.sleep(0.25)
    raise AssertionError("unreachable")


# A DuckDB database file carries this magic at offset 8. DuckDB itself silently opens an in-memory
# database for an existing non-DuckDB file whose name ends in .json/.csv/.parquet (a replacement
# scan), so runs would be "recorded" and lost: every existing file is checked before connecting.
_MAGIC = b"DUCK"


def check_database(path: str) -> None:
    """HistoryError (ADL4031) for an existing file that is not a DuckDB database; a missing one is fine."""
    if not os.path.lexists(path):
        return
    try:
        head = read_bytes(path, limit=12)
    except UnreadableFile as exc:
        raise HistoryError(diag("ADL4031", None, path=path, reason=exc.reason)) from None
    if head[8:12] != _MAGIC:
        raise HistoryError(diag("ADL4031", None, path=path, reason="the file is not a DuckDB database "
                                "(empty, truncated or another format); move it away or point "
                                "AUTODEPLOY_HISTORY elsewhere"))


def db_failure(exc: duckdb.Error | OSError, path: str) -> BaseException:
    """What a failed DuckDB call means: Ctrl-C (DuckDB turns SIGINT during a query into an
    InterruptException, which is a duckdb.Error) stays an interrupt, exit 130; reported as ADL4031 it
    called a healthy history database corrupt. Anything else is ADL4031 naming the file."""
    if isinstance(exc, duckdb.InterruptException):
        return KeyboardInterrupt()
    return HistoryError(diag("ADL4031", None, path=path, reason=str(exc).splitlines()[0]))


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    check_database(path)
    try:
        if not read_only:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        con = duckdb.connect(path, read_only=read_only)
        if not read_only:
            for stmt in SCHEMA:
                con.execute(stmt)
        return con
    except duckdb.IOException as exc:
        msg = str(exc).splitlines()[0]
        if "lock" in msg.lower() or "in use" in msg.lower():
            raise HistoryError(diag("ADL4030", None, path=path, reason=msg)) from None
        raise HistoryError(diag("ADL4031", None, path=path, reason=msg)) from None
    except (duckdb.Error, OSError) as exc:
        raise db_failure(exc, path) from None


def _findings_json(findings: Any) -> tuple[int | None, str | None]:
    if findings is None:
        return None, None
    items: Iterable[Any] = getattr(findings, "findings", findings)
    rows = []
    for f in items:
        if hasattr(f, "to_json"):
            rows.append(f.to_json())
        elif isinstance(f, dict):
            rows.append(f)
        else:
            rows.append({"finding": str(f)})
    return len(rows), json.dumps(rows, sort_keys=True, default=str)


def record_run(
    kind: str,
    ir: Any,
    cost: Any = None,
    findings: Any = None,
    *,
    command: str | None = None,
    file: str | None = None,
    path: str | None = None,
    override: Mapping[str, Any] | None = None,
    documents: Mapping[str, str] | None = None,
    commit: str | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> str:
    """Record one run; returns its run id. `cost` is a CostReport, `findings` a report or a list.
    `override` ({"user", "reason", "fail_on"}) also records a gate override in the same transaction,
    `documents` ({name: text}) the run's documents. `commit` names the git commit (default: HEAD
    around `file`); `con` is an open connection to use (the service's one writer), else one is opened."""
    run_id = uuid.uuid4().hex[:16]
    d = ir.deployment
    n_findings, findings_json = _findings_json(findings)
    file = file or (ir.files[-1] if ir.files else "")
    if commit is None and con is None:
        commit = git_commit(os.path.dirname(os.path.abspath(file)) if file else None)
    own = con is None
    con = connect(path) if con is None else con
    try:
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                kind,
                command or kind,
                file,
                d.name,
                d.cloud,
                d.region,
                commit,
                len(ir.resources),
                ",".join(r.name for r in ir.resources),
                n_findings,
                findings_json,
                None if cost is None else cost.total_monthly,
                d.budget,
                "USD",
            ],
        )
        if cost is not None:
            con.executemany(
                "INSERT INTO cost_components VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        run_id,
                        r.name,
                        r.kind,
                        c.name,
                        c.quantity,
                        c.unit,
                        c.unit_price,
                        c.monthly,
                        c.price_source,
                        c.price_date,
                    ]
                    for r in cost.resources
                    for c in r.components
                ],
            )
        if override is not None:
            con.execute(
                "INSERT INTO gate_overrides VALUES (?, ?, ?, ?, ?, ?, ?)",
                [run_id, dt.datetime.now(dt.UTC).replace(tzinfo=None), d.name, str(override["user"]),
                 str(override["reason"]), str(override["fail_on"]), n_findings],
            )
        if documents:
            con.executemany("INSERT INTO run_documents VALUES (?, ?, ?)",
                            [[run_id, name, body] for name, body in sorted(documents.items())])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        if not own:  # the caller's connection goes on: leave no transaction open on it
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
        raise db_failure(exc, path or history_path()) from None
    finally:
        if own:
            con.close()
    return run_id


def runs(limit: int = 20, path: str | None = None) -> list[Run]:
    path = path or history_path()
    if not os.path.lexists(path):  # a symlink loop or a dangling link is reported by connect()
        return []
    con = connect(path, read_only=True)
    try:
        rows = con.execute(
            "SELECT run_id, strftime(ts, '%Y-%m-%dT%H:%M:%SZ'), kind, file, deployment, git_commit, "
            "resources, findings, total_monthly FROM runs ORDER BY ts DESC, run_id LIMIT ?",
            [limit],
        ).fetchall()
    except duckdb.Error as exc:
        raise db_failure(exc, path) from None
    finally:
        con.close()
    return [
        Run(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], None if r[8] is None else float(r[8]))
        for r in rows
    ]


def export_parquet(directory: str, path: str | None = None) -> list[str]:
    """Write runs.parquet and cost_components.parquet into `directory`; returns the files."""
    path = path or history_path()
    os.makedirs(directory, exist_ok=True)
    con = connect(path, read_only=os.path.lexists(path))
    out = []
    try:
        for t in ("runs", "cost_components"):
            target = os.path.join(directory, f"{t}.parquet")
            con.execute(f"COPY (SELECT * FROM {t} ORDER BY ALL) TO '{_sql_str(target)}' (FORMAT parquet)")
            out.append(target)
    except duckdb.Error as exc:
        raise db_failure(exc, path) from None
    finally:
        con.close()
    return out


def _sql_str(s: str) -> str:
    return s.replace("'", "''")
