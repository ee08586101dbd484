"""The scaling model: determinism, the evaluation pinned to docs/analytics.md, load -> replicas arithmetic."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from autodeploy.analytics import scaling

ROOT = Path(__file__).resolve().parents[2]


def _doc_numbers() -> dict[str, dict[str, float]]:
    doc = (ROOT / "docs" / "analytics.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- eval-json: (.*?) -->", doc)
    assert m, "docs/analytics.md has no evaluation written by scripts/evaluate-scaling.py"
    return {e["trace"]: e for e in json.loads(m.group(1))}


def test_traces_load_hourly_with_anomalies_masked() -> None:
    y = scaling.load_trace("elb_request_count")
    assert y.index.freq is not None or (y.index[1] - y.index[0]) == pd.Timedelta("1h")
    assert 330 <= len(y) <= 340  # 14 days of 5-min points
    start, end = scaling.anomaly_windows()["realAWSCloudwatch/elb_request_count_8c0756.csv"][0]
    inside = y[(y.index > start.ceil("h")) & (y.index < end.floor("h"))]
    assert len(inside) > 0 and inside.isna().all()
    assert y.notna().sum() > 250


def test_model_is_deterministic() -> None:
    y = scaling.load_trace("ec2_cpu_825cc2")
    a = scaling.fit_forecast(y, 24)
    b = scaling.fit_forecast(y, 24)
    pd.testing.assert_frame_equal(a, b)
    assert (a["p90"] >= a["p50"]).all() and (a["p50"] >= 0).all()
    assert a.index[0] == y.index[-1] + pd.Timedelta("1h") and len(a) == 24


@pytest.mark.parametrize("trace", sorted(scaling.TRACES))
def test_evaluation_matches_the_documented_numbers(trace: str) -> None:
    doc = _doc_numbers()[trace]
    ev, bt = scaling.evaluate_trace(trace)
    got = ev.to_json()
    for k, v in got.items():
        if isinstance(v, float):
            assert math.isfinite(v), k
            assert v == pytest.approx(doc[k], rel=1e-3, abs=1e-4), f"{trace} {k}: {v} vs documented {doc[k]}"
        else:
            assert v == doc[k], k
    assert len(bt.p50) == ev.test_hours


def test_pinball_and_mape_by_hand() -> None:
    a = np.array([10.0, 20.0])
    p = np.array([12.0, 15.0])
    assert scaling.pinball(a, p, 0.9) == pytest.approx((0.1 * 2 + 0.9 * 5) / 2)
    assert scaling.mape(a, p) == pytest.approx((0.2 + 0.25) / 2 * 100)


def test_load_to_replicas_arithmetic() -> None:
    load = np.array([0.0, 50.0, 100.0, 260.0, 1000.0])
    # capacity 100 rps, 30% headroom: ceil(load*1.3/100) = 0, 1 (0.65), 2 (1.3), 4 (3.38), 13 -> clip 1..10
    assert scaling.replicas_for(load, 100, 0.3, 1, 10).tolist() == [1, 1, 2, 4, 10]
    assert scaling.replicas_for(np.array([100.0]), 100, 0.0, 1, 10).tolist() == [1]  # exact fit: no extra
    actual = np.array([10.0, 90.0, 150.0, 250.0, 1100.0])
    pl = scaling.plan(load, 100, 0.3, 1, 10, hourly_cost=0.5, actual=actual)
    assert pl.replicas == (1, 1, 2, 4, 10)
    assert pl.peak_replicas == 10
    assert pl.expected_cost == pytest.approx(18 * 0.5)
    assert pl.peak_cost == pytest.approx(10 * 5 * 0.5)
    assert pl.savings == pytest.approx(25 - 9)
    # under-provisioned: 150 <= 200 ok, 250 <= 400 ok, 1100 > 1000 -> 1 of 5 hours; 90 <= 100 ok
    assert pl.underprovisioned_share == pytest.approx(1 / 5)
    with pytest.raises(ValueError):
        scaling.replicas_for(load, 0, 0.3, 1, 10)


def test_replica_hourly_cost_uses_the_cost_estimator() -> None:
    from autodeploy.compiler import compile_file

    ir = compile_file("examples/patient-portal.adl").ir
    assert ir is not None
    per_hour = scaling.replica_hourly_cost(ir, "api")
    # 1 vCPU + 2 GB x86 Fargate at the catalog's us-east-1 prices ($0.04048/vCPU-h, $0.004445/GB-h)
    assert per_hour == pytest.approx(0.04048 + 2 * 0.004445, abs=1e-4)
    assert scaling.replica_hourly_cost(ir, "api") == per_hour
