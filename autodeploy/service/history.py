"""The service's one history writer: a thread owning the DuckDB connection.

DuckDB lets one process write a file, and opening it costs ~90 ms, so every read and write of
the service goes through this thread, in order, on one connection it opens when work arrives
and closes after `linger` idle seconds, releasing the file to the CLI (`autodeploy history`,
`cost --record`) between bursts. Rows go into analytics/store.py's tables: `runs` and
`cost_components` as the CLI records them, plus the run's documents and the audit trail.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import duckdb

from autodeploy.analytics import store

Doc = dict[str, Any]
# the run documents a worker's answer may hold, by the name they are stored under
DOCUMENTS = ("sources", "graph", "cost", "check", "summary")


@dataclass(frozen=True)
class AuditRow:
    token_id: str
    role: str
    method: str
    path: str
    status: int
    outcome: str
    run_id: str | None
    millis: float
    client: str


class History:
    def __init__(self, path: str, linger: float = 1.0) -> None:
        self.path, self.linger = path, linger
        self._q: queue.Queue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="adl-history", daemon=True)
        self._thread.start()
        self.errors = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        self._q.put((fut, fn, args))
        return fut

    async def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.wrap_future(self.submit(fn, *args))

    def close(self) -> None:
        self._q.put(None)
        self._thread.join(10)

    def _loop(self) -> None:
        con: duckdb.DuckDBPyConnection | None = None
        while True:
            try:
                item = self._q.get(timeout=self.linger if con is not None else None)
            except queue.Empty:
                if con is not None:
                    con.close()
                    con = None
                continue
            if item is None:
                if con is not None:
                    con.close()
                return
            fut, fn, args = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                if con is None:
                    con = store.connect(self.path)
                fut.set_result(fn(con, *args))
            except Exception as exc:  # reported to the caller (ADL4030/4031 or ADL0913); the thread goes on
                self.errors += 1
                fut.set_exception(exc)
                if con is not None and not isinstance(exc, store.HistoryError):
                    con.close()  # a connection in an unknown state is not reused
                    con = None


# ---- writes (run on the history thread, with its connection) --------------------------------------
def record(con: duckdb.DuckDBPyConnection, op: str, doc: Doc, commit: str | None) -> str | None:
    """Record a worker's answer as a run (None when it did not compile: nothing to show)."""
    dep = doc.get("deployment")
    if dep is None or "graph" not in doc:
        return None
    ir = SimpleNamespace(
        deployment=SimpleNamespace(name=dep["name"], cloud=dep["cloud"], region=dep["region"], budget=dep["budget"]),
        resources=[SimpleNamespace(name=n["name"]) for n in doc["graph"]["nodes"]],
        files=list(doc.get("sources", {})),
    )
    cost = None
    if "cost" in doc:
        c = doc["cost"]
        cost = SimpleNamespace(total_monthly=c["total_monthly"], resources=[
            SimpleNamespace(name=r["name"], kind=r["kind"], components=[SimpleNamespace(**{
                k: comp.get(k) for k in ("name", "quantity", "unit", "unit_price", "monthly", "price_source",
                                         "price_date")}) for comp in r["components"]])
            for r in c["resources"]])
    findings = doc["check"]["findings"] if "check" in doc else None
    documents = {name: json.dumps(doc[name], sort_keys=True) for name in DOCUMENTS if name in doc}
    documents.update({f"artifact:{k}": v for k, v in (doc.get("artifacts") or {}).items()})
    documents["result"] = json.dumps({"op": op, "exit_code": doc["exit_code"], "diagnostics": doc["diagnostics"]})
    files = list(doc.get("sources", {}))
    return store.record_run(op, ir, cost, findings, command=f"serve {op}", file=files[-1] if files else "",
                            documents=documents, commit=commit or "", con=con)


def audit(con: duckdb.DuckDBPyConnection, row: AuditRow) -> None:
    con.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        dt.datetime.now(dt.UTC).replace(tzinfo=None), row.token_id, row.role, row.method, row.path, row.status,
        row.outcome, row.run_id, round(row.millis, 3), row.client])


# ---- reads ---------------------------------------------------------------------------------------
_RUN_COLUMNS = ("run_id", "ts", "kind", "file", "deployment", "cloud", "region", "git_commit", "resources",
                "findings", "total_monthly", "budget")


def _run_row(r: tuple[Any, ...]) -> Doc:
    doc = dict(zip(_RUN_COLUMNS, r, strict=True))
    for k in ("total_monthly", "budget"):
        doc[k] = None if doc[k] is None else float(doc[k])
    doc["git_commit"] = doc["git_commit"] or None
    return doc


_SELECT_RUNS = ("SELECT run_id, strftime(ts, '%Y-%m-%dT%H:%M:%SZ'), kind, file, deployment, cloud, region, "
                "git_commit, resources, findings, total_monthly, budget FROM runs")


def list_runs(con: duckdb.DuckDBPyConnection, limit: int, deployment: str | None = None) -> list[Doc]:
    where, args = ("WHERE deployment = ?", [deployment]) if deployment else ("", [])
    rows = con.execute(f"{_SELECT_RUNS} {where} ORDER BY ts DESC, run_id LIMIT ?", [*args, limit]).fetchall()
    out = [_run_row(r) for r in rows]
    results = _documents(con, [r["run_id"] for r in out], "result")
    for r in out:
        res = json.loads(results.get(r["run_id"], "null") or "null")
        r["exit_code"] = None if res is None else res["exit_code"]
    return out


def _documents(con: duckdb.DuckDBPyConnection, run_ids: list[str], name: str) -> dict[str, str]:
    if not run_ids:
        return {}
    marks = ", ".join("?" for _ in run_ids)
    rows = con.execute(f"SELECT run_id, body FROM run_documents WHERE name = ? AND run_id IN ({marks})",
                       [name, *run_ids]).fetchall()
    return {r[0]: r[1] for r in rows}


def get_run(con: duckdb.DuckDBPyConnection, run_id: str) -> Doc | None:
    rows = con.execute(f"{_SELECT_RUNS} WHERE run_id = ?", [run_id]).fetchall()
    if not rows:
        return None
    run = _run_row(rows[0])
    docs = con.execute("SELECT name, body FROM run_documents WHERE run_id = ? ORDER BY name", [run_id]).fetchall()
    run["artifacts"] = sorted(n.split(":", 1)[1] for n, _ in docs if n.startswith("artifact:"))
    for name, body in docs:
        if not name.startswith("artifact:"):
            run[name] = json.loads(body)
    run["exit_code"] = run.get("result", {}).get("exit_code")
    return run


def get_artifact(con: duckdb.DuckDBPyConnection, run_id: str, name: str) -> str | None:
    rows = con.execute("SELECT body FROM run_documents WHERE run_id = ? AND name = ?",
                       [run_id, f"artifact:{name}"]).fetchall()
    return None if not rows else str(rows[0][0])


def cost_series(con: duckdb.DuckDBPyConnection, limit: int = 200) -> dict[str, list[Doc]]:
    """Estimated monthly cost over time, per deployment (oldest first): the runs that priced it."""
    rows = con.execute(
        "SELECT deployment, strftime(ts, '%Y-%m-%dT%H:%M:%SZ'), total_monthly, run_id FROM runs "
        "WHERE total_monthly IS NOT NULL ORDER BY ts DESC, run_id LIMIT ?", [limit]).fetchall()
    out: dict[str, list[Doc]] = {}
    for dep, ts, total, run_id in reversed(rows):
        out.setdefault(dep, []).append({"ts": ts, "total_monthly": float(total), "run_id": run_id})
    return dict(sorted(out.items()))


def list_audit(con: duckdb.DuckDBPyConnection, limit: int) -> list[Doc]:
    rows = con.execute(
        "SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ'), token_id, role, method, path, status, outcome, run_id, "
        "millis, client FROM audit ORDER BY ts DESC LIMIT ?", [limit]).fetchall()
    keys = ("ts", "token_id", "role", "method", "path", "status", "outcome", "run_id", "millis", "client")
    return [dict(zip(keys, r, strict=True)) for r in rows]
