"""Run history: record, query, parquet export, git commit, and a locked database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import duckdb
import pytest

from autodeploy.analytics import store
from autodeploy.analytics.cost import estimate
from autodeploy.cli import main
from autodeploy.compiler import compile_file

PORTAL = "examples/patient-portal.adl"


@pytest.fixture()
def history(tmp_path, monkeypatch):
    path = tmp_path / "h" / "history.duckdb"
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(path))
    return path


def test_record_and_query(history):
    ir = compile_file(PORTAL).ir
    rep = estimate(ir)
    rid = store.record_run("cost", ir, rep, findings=[{"rule": "ADLP-001"}], file=PORTAL)
    runs = store.runs()
    assert [r.run_id for r in runs] == [rid]
    r = runs[0]
    assert (r.kind, r.deployment, r.resources, r.findings, r.total_monthly) == (
        "cost",
        "patient_portal",
        6,
        1,
        542.04,
    )
    con = duckdb.connect(str(history), read_only=True)
    n, total = con.execute(
        "SELECT count(*), sum(monthly) FROM cost_components WHERE run_id = ?", [rid]
    ).fetchone()
    con.close()
    assert n == sum(len(x.components) for x in rep.resources)
    assert float(total) == pytest.approx(542.04, abs=0.02)


def test_git_commit_recorded_or_tolerated(tmp_path):
    assert store.git_commit(str(tmp_path)) is None  # not a repository
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert store.git_commit(".") == head


def test_cli_record_history_and_parquet(history, capsys, tmp_path):
    assert main(["cost", PORTAL, "--record", "--format", "json"]) == 0
    assert main(["cost", "examples/static-site.adl", "--record"]) == 0
    capsys.readouterr()
    assert main(["history", "--limit", "1", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 1
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "patient_portal" in out and "marketing_site" in out and "$542.04" in out
    pq = tmp_path / "pq"
    assert main(["history", "--export-parquet", str(pq)]) == 0
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM '{pq / 'runs.parquet'}'").fetchone()[0] == 2
    assert (
        con.execute(f"SELECT count(DISTINCT run_id) FROM '{pq / 'cost_components.parquet'}'").fetchone()[0]
        == 2
    )


def test_empty_history(history, capsys):
    assert main(["history"]) == 0
    assert "no runs recorded" in capsys.readouterr().out


def test_locked_database_is_a_clear_message(history, tmp_path):
    os.makedirs(history.parent, exist_ok=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(history)!r})
        con.execute("CREATE TABLE IF NOT EXISTS x (a INT)")
        print("ready", flush=True)
        sys.stdin.readline()
    """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        env = dict(os.environ, AUTODEPLOY_HISTORY=str(history))
        p = subprocess.run(
            [sys.executable, "-m", "autodeploy", "cost", PORTAL, "--record"],
            capture_output=True,
            text=True,
            env=env,
        )
        assert p.returncode == 2
        assert "ADL4030" in p.stderr and "locked" in p.stderr and "Traceback" not in p.stderr
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
