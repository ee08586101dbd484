"""The scaling model's data, the gradient-boosting candidate, load -> replicas arithmetic.
(Backtests, selection and calibration: test_scaling_backtest.py.)"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from autodeploy.analytics import scaling


def test_traces_load_hourly_with_anomalies_masked() -> None:
    y = scaling.load_trace("elb_request_count")
    assert y.index.freq is not None or (y.index[1] - y.index[0]) == pd.Timedelta("1h")
    assert 330 <= len(y) <= 340  # 14 days of 5-min points
    start, end = scaling.anomaly_windows()["realAWSCloudwatch/elb_request_count_8c0756.csv"][0]
    inside = y[(y.index > start.ceil("h")) & (y.index < end.floor("h"))]
    assert len(inside) > 0 and inside.isna().all()
    assert y.notna().sum() > 250


def test_daily_trace_loads_on_a_daily_grid() -> None:
    y = scaling.load_trace("wikipedia_daily")
    assert (y.index[1] - y.index[0]) == pd.Timedelta("1D") and y.index[0] == pd.Timestamp("2007-12-10")
    assert 2900 <= len(y) <= 3000 and y.isna().sum() > 0  # the source skips some days
    assert 5 < float(y.min()) and float(y.max()) < 13  # ln(views) as in the source


def test_boosting_model_is_deterministic_and_batched() -> None:
    y = scaling.load_trace("ec2_cpu_825cc2")
    vals = y.to_numpy(dtype=float)
    hours, dows = scaling.calendar(y.index[0], len(vals) + 24)
    fit = lambda: scaling.BoostModel.fit(vals, hours[: len(vals)], dows[: len(vals)], (1, 2, 3, 24), 24, 24)  # noqa: E731
    origins = np.array([200, 250, len(vals)])
    a = fit().paths(vals, hours, dows, origins, 24)
    b = fit().paths(vals, hours, dows, origins, 24)
    assert a.shape == (3, 24) and np.array_equal(a, b) and (a >= 0).all()
    # a batch forecasts each origin exactly as it would alone: only vals[:origin] is read
    alone = fit().paths(vals, hours, dows, origins[1:2], 24)
    assert np.array_equal(alone[0], a[1])
    cut = vals.copy()
    cut[250:] = 1e6  # the future of origin 250 changed: its forecast must not
    assert np.array_equal(fit().paths(cut, hours, dows, origins[1:2], 24)[0], a[1])


def test_pinball_and_mape_by_hand() -> None:
    from autodeploy.analytics.backtest import mape, pinball

    a = np.array([10.0, 20.0])
    p = np.array([12.0, 15.0])
    assert pinball(a, p, 0.9) == pytest.approx((0.1 * 2 + 0.9 * 5) / 2)
    assert mape(a, p) == pytest.approx((0.2 + 0.25) / 2 * 100)


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
