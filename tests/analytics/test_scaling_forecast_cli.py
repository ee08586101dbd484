"""`autodeploy forecast`: a small CSV, CloudWatch naming, and bad CSVs -> ADL41xx with the line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from autodeploy.cli import main


def _series(path: Path, header: str = "timestamp,value", hours: int = 24 * 4) -> Path:
    rows = [header]
    for h in range(hours):
        day, hour = divmod(h, 24)
        rows.append(f"2024-03-{day + 1:02d} {hour:02d}:00:00,{100 + 50 * (8 <= hour < 18) + day}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_forecast_small_csv_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _series(tmp_path / "m.csv")
    assert main(["forecast", "--history", str(f), "--horizon", "6h", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6 and rows[0]["timestamp"] == "2024-03-05 00:00"
    assert all(float(r["p90"]) >= float(r["p50"]) >= 0 for r in rows)
    assert main(["forecast", "--history", str(f), "--horizon", "2d", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["horizon_hours"] == 48 and len(doc["forecast"]) == 48 and doc["history_hours"] == 96
    # determinism: the same CSV gives the same bytes
    main(["forecast", "--history", str(f), "--horizon", "6h", "--format", "csv"])
    assert capsys.readouterr().out == out


def test_cloudwatch_naming_sums_per_hour(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cw.csv"
    lines = ['"Timestamp","Sum"']
    t0 = dt.datetime(2024, 3, 1)
    for i in range(12 * 72):
        t = t0 + dt.timedelta(minutes=5 * i)
        lines.append(f'"{t:%Y-%m-%dT%H:%M:%SZ}","{10 if t.hour < 12 else 20}"')
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["forecast", "--history", str(f), "--horizon", "3h", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["column"] == "Sum" and doc["aggregation"] == "hourly sum"
    # every history hour is 12 points of 10 -> 120 (before noon): the forecast for 00:00-02:00 is close to it
    assert all(100 <= r["p50"] <= 140 for r in doc["forecast"])


@pytest.mark.parametrize(
    "text, code, line",
    [
        ("timestamp,value\n2024-01-01 00:00,1\n2024-01-01 01:00,abc\n", "ADL4106", 3),
        ("timestamp,value\n2024-01-01 00:00,1\nyesterday,2\n", "ADL4105", 3),
        ("timestamp,value\n2024-01-01 00:00,1\n2024-01-01 01:00,-5\n", "ADL4107", 3),
        ("timestamp,value\n2024-01-01 00:00,1\n2024-01-01 01:00,2,3\n", "ADL4108", 3),
        ("when,value\n2024-01-01 00:00,1\n", "ADL4103", 1),
        ("timestamp,a,b\n2024-01-01 00:00,1,2\n", "ADL4104", 1),
        ("timestamp,value\n2024-01-01 00:00,1\n2024-01-01 01:00,2\n", "ADL4109", 1),
        ("", "ADL4102", 1),
    ],
)
def test_bad_csv_diagnostics(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, code: str,
                             line: int) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(text, encoding="utf-8")
    rc = main(["forecast", "--history", str(f)])
    err = capsys.readouterr().err
    assert rc == 1
    assert code in err and f"{f}:{line}:" in err
    assert "Traceback" not in err and "internal error" not in err


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", "--history", str(tmp_path / "missing.csv")]) == 2
    f = _series(tmp_path / "m.csv")
    assert main(["forecast", "--history", str(f), "--horizon", "soon"]) == 2
    assert main(["forecast", "--history", str(f), "--column", "nope"]) == 1
    err = capsys.readouterr().err
    assert "ADL4104" in err and "Traceback" not in err
    b = tmp_path / "bin.csv"
    b.write_bytes(b"\xff\xfe\x00garbage\x00")
    assert main(["forecast", "--history", str(b)]) in (1, 2)
    assert "Traceback" not in capsys.readouterr().err
