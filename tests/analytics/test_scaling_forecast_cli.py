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


BACKTEST_SCHEMA = {
    "type": "object",
    "required": ["history", "column", "aggregation", "history_hours", "served", "reason", "backtest"],
    "properties": {
        "served": {"type": "string"},
        "reason": {"type": "string", "minLength": 10},
        "backtest": {
            "type": "object",
            "required": ["series", "cadence", "steps", "first_origin", "scored_from", "origins", "horizon",
                         "scored_pairs", "scored_steps", "candidates", "served", "reason", "holdout"],
            "properties": {
                "cadence": {"const": "hourly"},
                "horizon": {"const": 48},
                "scored_pairs": {"type": "integer", "minimum": 1},
                "candidates": {
                    "type": "array", "minItems": 2,
                    "items": {
                        "type": "object",
                        "required": ["candidate", "what", "mape", "pinball50", "pinball90", "coverage90", "fits",
                                     "p90_offsets"],
                        "properties": {
                            "candidate": {"enum": ["seasonal_naive_daily", "seasonal_naive_weekly",
                                                   "holt_winters_daily", "holt_winters_weekly",
                                                   "gradient_boosting"]},
                            "pinball50": {"type": "number", "minimum": 0},
                            "pinball90": {"type": "number", "minimum": 0},
                            "coverage90": {"type": "number", "minimum": 0, "maximum": 1},
                            "p90_offsets": {"type": "array", "minItems": 3, "maxItems": 3,
                                            "items": {"type": "number"}},
                        },
                    },
                },
                "holdout": {"type": ["object", "null"],
                            "required": ["chosen", "fallback", "pinball50", "fallback_pinball50", "coverage90",
                                         "pairs"]},
            },
        },
    },
}


def _trace_csv(tmp_path: Path, name: str = "ec2_cpu_825cc2") -> Path:
    import gzip

    root = Path(__file__).resolve().parents[2]
    raw = gzip.decompress((root / "analytics" / "data" / f"trace_{name}.csv.gz").read_bytes())
    path = tmp_path / f"{name}.csv"
    path.write_bytes(raw)
    return path


def test_backtest_json_schema_and_served_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    f = _trace_csv(tmp_path)
    assert main(["forecast", "--history", str(f), "--backtest", "--format", "json"]) == 0
    out = capsys.readouterr().out
    doc = json.loads(out)
    jsonschema.validate(doc, BACKTEST_SCHEMA)
    bt = doc["backtest"]
    cands = {c["candidate"]: c for c in bt["candidates"]}
    assert doc["served"] == bt["served"] in cands and doc["reason"] == bt["reason"]
    naive = min(c["pinball50"] for n, c in cands.items() if n.startswith("seasonal_naive"))
    assert cands[doc["served"]]["pinball50"] <= naive
    # the forecast serves the same model, and says so
    assert main(["forecast", "--history", str(f), "--format", "json", "--horizon", "6h"]) == 0
    fc = json.loads(capsys.readouterr().out)
    assert fc["model"] == doc["served"] and len(fc["forecast"]) == 6
    # deterministic bytes; the table form names the served model
    assert main(["forecast", "--history", str(f), "--backtest", "--format", "json"]) == 0
    assert capsys.readouterr().out == out
    assert main(["forecast", "--history", str(f), "--backtest"]) == 0
    text = capsys.readouterr().out
    assert "<- served" in text and f"served: {doc['served']}" in text


def test_plot_renders_a_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    f = _trace_csv(tmp_path)
    png = tmp_path / "out" / "forecast.png"
    assert main(["forecast", "--history", str(f), "--plot", str(png), "--replica-capacity", "20",
                 "--format", "csv"]) == 0
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    with Image.open(png) as im:
        assert im.size == (1000, 520)
        # it is a drawing, not a blank canvas: many distinct colours (lines, band, text)
        assert len(im.convert("RGB").getcolors(maxcolors=1 << 16) or []) > 50
    assert not [p for p in png.parent.iterdir() if p.name.startswith(".tmp-")]
    capsys.readouterr()
    assert main(["forecast", "--history", str(f), "--plot", str(tmp_path / "f.png"), "--headroom", "-1"]) == 2
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert main(["forecast", "--history", str(f), "--plot", str(blocked / "f.png")]) == 2
    err = capsys.readouterr().err
    # the careful writer (issue 11) reports every unwritable output path with one code, naming it
    assert "ADL0600" in err and str(blocked / "f.png") in err and "Traceback" not in err


def test_short_history_serves_naive_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _series(tmp_path / "m.csv", hours=60)
    assert main(["forecast", "--history", str(f), "--horizon", "3h", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "ADL4160" in captured.err and f"{f}:1:" in captured.err
    doc = json.loads(captured.out)
    assert doc["model"] == "seasonal_naive_daily"
    assert main(["forecast", "--history", str(f), "--backtest", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["backtest"] is None


def test_plot_without_matplotlib_is_a_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)  # import raises ImportError
    f = _series(tmp_path / "m.csv")
    png = tmp_path / "f.png"
    assert main(["forecast", "--history", str(f), "--plot", str(png)]) == 2
    err = capsys.readouterr().err
    assert "ADL4161" in err and "autodeploy[plot]" in err and not png.exists()
