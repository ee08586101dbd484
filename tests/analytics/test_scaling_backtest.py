"""Rolling-origin backtests: the documented table's guarantees, a full recomputation of the short traces,
and the pieces (seasonal naive, Holt-Winters, conformal offsets, the serving rule) checked by hand."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from autodeploy.analytics import backtest, baselines, scaling

ROOT = Path(__file__).resolve().parents[2]
# Recomputed in full on every run (a few seconds); the long traces are checked through the JSON the
# script wrote, which `scripts/evaluate-scaling.py --check` regenerates.
RECOMPUTED = ("ec2_cpu_825cc2", "elb_request_count")


def _doc() -> dict[str, dict[str, Any]]:
    doc = (ROOT / "docs" / "analytics.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- eval-json: (.*?) -->", doc)
    assert m, "docs/analytics.md has no backtest written by scripts/evaluate-scaling.py"
    return {r["series"]: r for r in json.loads(m.group(1))}


def _by_name(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["candidate"]: c for c in report["candidates"]}


def test_every_bundled_trace_is_documented() -> None:
    assert set(_doc()) == set(scaling.TRACES)
    assert {r["cadence"] for n, r in _doc().items() if n in scaling.HOURLY_TRACES} == {"hourly"}
    assert _doc()["wikipedia_daily"]["cadence"] == "daily"


@pytest.mark.parametrize("trace", sorted(scaling.TRACES))
def test_documented_guarantees(trace: str) -> None:
    r = _doc()[trace]
    cands = _by_name(r)
    naive = [c for n, c in cands.items() if n.startswith("seasonal_naive")]
    served = cands[r["served"]]
    # the served model is never worse than seasonal naive at P50 pinball on the series' own backtest
    assert all(served["pinball50"] <= c["pinball50"] for c in naive)
    assert served["pinball50"] == min(c["pinball50"] for c in cands.values()) or r["served"].startswith(
        "seasonal_naive")
    if trace in scaling.HOURLY_TRACES:
        assert 0.85 <= served["coverage90"] <= 0.95, f"{trace}: P90 coverage {served['coverage90']}"
        assert r["horizon"] == 48 and r["scored_pairs"] >= 500
        assert {"seasonal_naive_daily", "holt_winters_daily", "gradient_boosting"} <= set(cands)
    assert r["holdout"] is not None and r["holdout"]["pairs"] > 0


@pytest.mark.parametrize("trace", RECOMPUTED)
def test_backtest_recomputes_to_the_documented_numbers(trace: str) -> None:
    got = backtest.evaluate_trace(trace).to_json()
    want = _doc()[trace]
    assert got.keys() == want.keys()
    for k in got:
        if k not in ("candidates", "holdout"):
            assert got[k] == want[k], k
    assert got["holdout"] == want["holdout"]
    for name, c in _by_name(got).items():
        d = _by_name(want)[name]
        for k, v in c.items():
            if isinstance(v, float):
                assert math.isfinite(v) and v == pytest.approx(d[k], rel=1e-6, abs=1e-6), f"{name} {k}"
            else:
                assert v == d[k], f"{name} {k}"


def test_naive_paths_by_hand() -> None:
    vals = np.arange(48, dtype=float)  # step t holds t
    out = baselines.naive_paths(vals, 24, np.array([30]), 30)
    # leads 1..24 -> t - 24; leads 25..30 -> t - 48
    assert out[0, :24].tolist() == [float(t - 24) for t in range(30, 54)]
    assert out[0, 24:].tolist() == [float(t - 48) for t in range(54, 60)]
    gappy = vals.copy()
    gappy[6] = np.nan  # step 30's same-hour-yesterday is unknown, and nothing a day before that
    assert baselines.naive_paths(gappy, 24, np.array([30]), 1)[0, 0] == 29.0  # the last known value


def test_holt_winters_learns_a_season_and_never_peeks() -> None:
    t = np.arange(24 * 14, dtype=float)
    vals = 100 + 20 * np.sin(2 * np.pi * t / 24)
    origins = np.arange(24 * 7, 24 * 14)
    out = baselines.holt_winters_paths(vals, 24, origins, 24)
    tgt = origins[:, None] + np.arange(24)[None, :]
    ok = tgt < len(vals)
    assert np.abs(out[ok] - vals[tgt[ok]]).max() < 1e-6  # a pure season is forecast exactly
    changed = vals.copy()
    changed[200:] += 50  # a level shift after origin 200 must not change forecasts made at or before it
    out2 = baselines.holt_winters_paths(changed, 24, origins, 24)
    assert np.array_equal(out2[origins <= 200], out[origins <= 200])
    assert not np.array_equal(out2[origins > 210], out[origins > 210])


def test_conformal_quantile_by_hand() -> None:
    r = np.arange(1.0, 20.0)  # 19 residuals: rank ceil(20 x 0.9) = 18 -> 18.0
    assert backtest.conformal_quantile(r) == 18.0
    assert backtest.conformal_quantile(np.array([3.0, 1.0])) == 3.0  # rank past n: the largest


def test_p90_only_uses_residuals_observed_before_the_origin() -> None:
    cad = backtest.HOURLY
    rng = np.random.default_rng(0)
    k, h = 300, cad.horizon
    origins = np.arange(100, 100 + k)
    target = origins[:, None] + np.arange(h)[None, :]
    p50 = np.zeros((k, h))
    actual = rng.normal(size=(k, h))
    res = backtest._Residuals.of(cad, actual - p50, target)
    p90, _ = backtest.calibrated_p90(cad, p50, res, actual, origins)
    later = actual.copy()
    later[200:] = 1e3  # what happens from origin row 200 on changes no band before it can be seen
    res2 = backtest._Residuals.of(cad, later - p50, target)
    p90b, _ = backtest.calibrated_p90(cad, p50, res2, later, origins)
    cutoff = 200 + 100  # the step whose value first changed
    seen_before = origins <= cutoff
    assert np.array_equal(p90[seen_before], p90b[seen_before], equal_nan=True)
    assert np.nanmean(actual[150:] <= p90[150:]) == pytest.approx(0.9, abs=0.04)


def _score(name: str, p50: float) -> backtest.Score:
    return backtest.Score(name, "", 1.0, p50, 1.0, 0.9, 0, (1.0, 1.0, 1.0))


def test_serving_rule_keeps_naive_unless_a_model_earns_its_place() -> None:
    naive_d, naive_w = _score("seasonal_naive_daily", 10.0), _score("seasonal_naive_weekly", 8.0)
    served, why = backtest.choose([naive_d, naive_w, _score("gradient_boosting", 7.9)])  # 1.25% better
    assert served == "seasonal_naive_weekly" and "gradient_boosting" in why
    served, why = backtest.choose([naive_d, naive_w, _score("holt_winters_daily", 7.0)])
    assert served == "holt_winters_daily" and "12.5% below" in why
    served, _ = backtest.choose([naive_d, naive_w, _score("gradient_boosting", 12.0)])
    assert served == "seasonal_naive_weekly"
    # a perfect naive (a strictly periodic series) stays served, even against another perfect model
    served, why = backtest.choose([_score("seasonal_naive_daily", 0.0), _score("holt_winters_daily", 0.0)])
    assert served == "seasonal_naive_daily" and "exactly" in why


def test_short_history_backtests_what_it_can() -> None:
    y = scaling.load_trace("ec2_cpu_825cc2").iloc[:100]
    r = backtest.backtest(y)
    assert r is not None and {s.candidate for s in r.scores} == {"seasonal_naive_daily", "holt_winters_daily"}
    assert backtest.backtest(y.iloc[:60]) is None  # too short: the forecast serves naive with a warning


def test_serving_uses_the_backtest_choice_and_offsets() -> None:
    y = scaling.load_trace("ec2_cpu_825cc2")
    r = backtest.evaluate_trace("ec2_cpu_825cc2")
    p50, p90 = backtest.serve(y, backtest.HOURLY, r, 72)
    offsets = r.score(r.served).p90_offsets
    assert p50.shape == (72,) and (p90 >= p50).all()
    # leads 1-6, 7-24 and 25-48 get their bucket's offset; past 48 h the last bucket's
    for lead, b in ((1, 0), (7, 1), (30, 2), (72, 2)):
        assert p90[lead - 1] == pytest.approx(max(p50[lead - 1] + offsets[b], p50[lead - 1]))
