"""The scaling model: hourly load -> P50/P90 forecasts -> replicas per hour -> cost.

The model learns the residual on top of a seasonal-naive forecast: target = load - naive, where
naive is the load one season earlier (168 h when the series is long enough for the weekly lag, else
24 h; falling back to two seasons earlier, a day earlier, then an hour earlier when that hour is
missing). Features are lagged loads (1, 2, 3, 24 and, when the series is long enough, 168 hours),
hour-of-day, day-of-week and the naive value. Two quantile-loss gradient-boosting models give the
residual's P50 and P90; the forecast is naive + residual quantile. Multi-step forecasts are
recursive: the P50 forecast is fed back as the next hour's lag, so one model serves any horizon.
Everything is seeded; the same input gives the same output.

The real traces the model is evaluated on are in analytics/data/trace_*.csv.gz
(see analytics/data/TRACES_SOURCE.md); NAB's labelled anomaly windows are masked (NaN)
so the model learns "normal load" and anomalies are not scored.
"""

from __future__ import annotations

import gzip
import io
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

RANDOM_STATE = 0
QUANTILES = (0.5, 0.9)
HOURS_PER_MONTH = 730.0  # the cost estimator's month (8760 h / 12)
WEEK = 168
DAY = 24
# A weekly lag and a weekly seasonal-naive baseline need several weeks to learn from.
WEEKLY_MIN_HOURS = 5 * WEEK
MIN_HISTORY_HOURS = 2 * DAY


@dataclass(frozen=True)
class TraceInfo:
    name: str
    file: str
    nab_key: str
    what: str
    unit: str
    agg: str  # how 5-min points become an hour: "sum" (counts) or "mean" (percentages)


TRACES: dict[str, TraceInfo] = {
    t.name: t
    for t in (
        TraceInfo("elb_request_count", "trace_elb_request_count.csv.gz",
                  "realAWSCloudwatch/elb_request_count_8c0756.csv", "AWS ELB request count",
                  "requests/hour", "sum"),
        TraceInfo("asg_cpu", "trace_asg_cpu.csv.gz",
                  "realKnownCause/cpu_utilization_asg_misconfiguration.csv",
                  "Auto Scaling group average CPU", "% CPU", "mean"),
        TraceInfo("ec2_cpu_5f5533", "trace_ec2_cpu_5f5533.csv.gz",
                  "realAWSCloudwatch/ec2_cpu_utilization_5f5533.csv", "EC2 instance CPU", "% CPU", "mean"),
        TraceInfo("ec2_cpu_825cc2", "trace_ec2_cpu_825cc2.csv.gz",
                  "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv", "EC2 instance CPU", "% CPU", "mean"),
        TraceInfo("nyc_taxi", "trace_nyc_taxi.csv.gz", "realKnownCause/nyc_taxi.csv",
                  "NYC taxi passengers (demand curve)", "passengers/hour", "sum"),
    )
}


# ---- data ------------------------------------------------------------------------------------

def _data_bytes(name: str) -> bytes:
    return resources.files("autodeploy.analytics").joinpath("data", name).read_bytes()


def anomaly_windows() -> dict[str, list[tuple[pd.Timestamp, pd.Timestamp]]]:
    raw = json.loads(_data_bytes("trace_anomaly_windows.json"))
    return {k: [(pd.Timestamp(a), pd.Timestamp(b)) for a, b in v] for k, v in raw.items()}


def load_raw_trace(name: str) -> pd.Series:
    """The trace at its native interval, anomaly windows set to NaN."""
    info = TRACES[name]
    text = gzip.decompress(_data_bytes(info.file)).decode("utf-8")
    df = pd.read_csv(io.StringIO(text), parse_dates=["timestamp"])
    s = pd.Series(df["value"].astype(float).to_numpy(), index=pd.DatetimeIndex(df["timestamp"]), name=name)
    for start, end in anomaly_windows().get(info.nab_key, []):
        s[(s.index >= start) & (s.index <= end)] = np.nan
    return s


def to_hourly(s: pd.Series, agg: str = "mean") -> pd.Series:
    """Resample to hourly. For "sum", the hour's total is the mean of its present points
    times the points an hour holds, so a partly masked or gappy hour is not under-counted."""
    s = s.sort_index()
    mean = s.resample("1h").mean()
    if agg == "sum":
        step = s.index.to_series().diff().median()
        ok = isinstance(step, pd.Timedelta) and step > pd.Timedelta(0)
        per_hour = pd.Timedelta("1h") / step if ok else 1
        mean = mean * float(per_hour)
    elif agg != "mean":
        raise ValueError(f"agg must be 'sum' or 'mean', not {agg!r}")
    return mean.rename(s.name)


def load_trace(name: str) -> pd.Series:
    """A real trace, hourly, anomalies masked (NaN)."""
    return to_hourly(load_raw_trace(name), TRACES[name].agg)


# ---- features and model ------------------------------------------------------------------------

def lags_for(n_hours: int) -> tuple[int, ...]:
    return (1, 2, 3, DAY, WEEK) if n_hours >= WEEKLY_MIN_HOURS else (1, 2, 3, DAY)


def season_for(n_hours: int) -> int:
    """Seasonal-naive period: same hour last week, or yesterday when history is short."""
    return WEEK if n_hours >= WEEKLY_MIN_HOURS else DAY


def _season_of(lags: tuple[int, ...]) -> int:
    return WEEK if WEEK in lags else DAY


def _naive_lags(season: int) -> tuple[int, ...]:
    """Where the naive value comes from, in order of preference: one season, two seasons, a day, an hour back."""
    return (season, 2 * season, DAY, 1)


def naive_values(y: pd.Series, season: int) -> pd.Series:
    """The seasonal-naive value for each hour of `y`, with the fallbacks of `_naive_lags` (NaN if none known)."""
    base = y.shift(season)
    for k in _naive_lags(season)[1:]:
        base = base.fillna(y.shift(k))
    return base


def _naive_at(vals: np.ndarray, t: int, season: int) -> float:
    for k in _naive_lags(season):
        if t - k >= 0 and not np.isnan(vals[t - k]):
            return float(vals[t - k])
    return math.nan


def features(y: pd.Series, lags: tuple[int, ...]) -> pd.DataFrame:
    """One row per hour of `y`'s index: lagged values (NaN where unknown), hour, weekday, naive value."""
    idx = y.index
    cols: dict[str, Any] = {f"lag_{k}": y.shift(k).to_numpy() for k in lags}
    cols["hour"] = idx.hour.to_numpy()
    cols["dow"] = idx.dayofweek.to_numpy()
    cols["naive"] = naive_values(y, _season_of(lags)).to_numpy()
    return pd.DataFrame(cols, index=idx)


def _regressor(quantile: float) -> HistGradientBoostingRegressor:
    # min_samples_leaf and l2 were picked on a validation window carved from the training part of each
    # trace (never the held-out window), from min_samples_leaf in {10, 20, 40} x l2 in {0, 1}
    return HistGradientBoostingRegressor(
        loss="quantile", quantile=quantile, max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
        min_samples_leaf=40, l2_regularization=1.0, early_stopping=False, random_state=RANDOM_STATE,
    )


@dataclass
class QuantileModel:
    """P50 and P90 models of the residual over seasonal naive, fitted on one hourly series."""

    lags: tuple[int, ...]
    models: dict[float, HistGradientBoostingRegressor]

    @classmethod
    def fit(cls, y: pd.Series, lags: tuple[int, ...] | None = None) -> QuantileModel:
        y = _regular(y)
        lags = lags or lags_for(len(y))
        X = features(y, lags)
        ok = y.notna().to_numpy()
        if ok.sum() < MIN_HISTORY_HOURS:
            raise ValueError(f"need at least {MIN_HISTORY_HOURS} hourly points, got {int(ok.sum())}")
        target = y.to_numpy() - X["naive"].to_numpy()
        ok &= ~np.isnan(target)
        # one OpenMP thread: tiny models, many one-row predictions, shared CI machines; also keeps the
        # floating-point summation order, hence the forecast, identical from run to run
        with threadpool_limits(1):
            models = {q: _regressor(q).fit(X.to_numpy()[ok], target[ok]) for q in QUANTILES}
        return cls(lags, models)

    def forecast(self, history: pd.Series, horizon: int) -> pd.DataFrame:
        """Recursive `horizon`-hour forecast after the end of `history`: columns p50, p90."""
        h = _regular(history)
        start = h.index[-1] + pd.Timedelta("1h")
        future = pd.date_range(start, periods=horizon, freq="1h")
        y = pd.concat([h, pd.Series(np.nan, index=future)])
        vals = y.to_numpy(dtype=float).copy()
        n0 = len(h)
        hours = y.index.hour.to_numpy()
        dows = y.index.dayofweek.to_numpy()
        p50 = np.empty(horizon)
        p90 = np.empty(horizon)
        known = h.dropna()
        last = float(known.iloc[-1]) if len(known) else 0.0
        with threadpool_limits(1):
            self._recurse(vals, n0, hours, dows, p50, p90, last)
        return pd.DataFrame({"p50": p50, "p90": p90}, index=future)

    def _recurse(self, vals: np.ndarray, n0: int, hours: np.ndarray, dows: np.ndarray,
                 p50: np.ndarray, p90: np.ndarray, last: float) -> None:
        season = _season_of(self.lags)
        for i in range(len(p50)):
            t = n0 + i
            base = _naive_at(vals, t, season)
            if math.isnan(base):  # only when the history ends in a long gap: the last known load
                base = last
            row = [vals[t - k] if t - k >= 0 else np.nan for k in self.lags] + [hours[t], dows[t], base]
            x = np.array([row], dtype=float)
            a = base + float(self.models[0.5].predict(x)[0])
            b = base + float(self.models[0.9].predict(x)[0])
            a = max(a, 0.0)
            p50[i], p90[i] = a, max(b, a)  # quantiles never cross, loads never negative
            vals[t] = a


def _regular(y: pd.Series) -> pd.Series:
    """An hourly series on a gap-free index (missing hours become NaN)."""
    y = y.sort_index().astype(float)
    full = pd.date_range(y.index[0], y.index[-1], freq="1h")
    return y.reindex(full)


def fit_forecast(history: pd.Series, horizon: int) -> pd.DataFrame:
    return QuantileModel.fit(history).forecast(history, horizon)


# ---- evaluation -----------------------------------------------------------------------------------

def pinball(actual: np.ndarray, pred: np.ndarray, q: float) -> float:
    d = actual - pred
    return float(np.mean(np.maximum(q * d, (q - 1) * d)))


def mape(actual: np.ndarray, pred: np.ndarray) -> float:
    m = actual > 0
    return float(np.mean(np.abs(actual[m] - pred[m]) / actual[m]) * 100.0)


@dataclass(frozen=True)
class Evaluation:
    trace: str
    train_hours: int
    test_hours: int
    scored_hours: int
    season: int
    model_mape: float
    base_mape: float
    model_pinball50: float
    base_pinball50: float
    model_pinball90: float
    base_pinball90: float
    model_p90_coverage: float
    base_p90_coverage: float

    def to_json(self) -> dict[str, Any]:
        return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Backtest:
    """Day-ahead forecasts over the held-out window, with the baseline and the actuals."""

    actual: pd.Series
    p50: pd.Series
    p90: pd.Series
    base50: pd.Series
    base90: pd.Series


def test_hours_for(n_hours: int) -> int:
    """Held-out final week; the final 3 days for a series too short for weekly seasonality."""
    return WEEK if n_hours >= WEEKLY_MIN_HOURS else 3 * DAY


def backtest(y: pd.Series) -> tuple[Backtest, int, int]:
    """Fit on all but the final held-out window, then forecast it one day at a time from
    midnight (recursive 24-hour horizon, actuals revealed day by day) — how a daily planner
    would use it. The baseline is seasonal-naive; its P90 adds the training residuals' 90th
    percentile so both sides are scored as quantile forecasts."""
    y = _regular(y)
    n = len(y)
    season = season_for(n)
    test = test_hours_for(n)
    split = n - test
    train = y.iloc[:split]
    model = QuantileModel.fit(train, lags_for(n))
    naive = y.shift(season)
    resid = (train - naive.iloc[:split]).dropna().to_numpy()
    bump = float(np.quantile(resid, 0.9)) if len(resid) else 0.0
    parts = []
    for origin in range(split, n, DAY):
        horizon = min(DAY, n - origin)
        parts.append(model.forecast(y.iloc[:origin], horizon))
    fc = pd.concat(parts)
    base50 = naive.iloc[split:]
    bt = Backtest(y.iloc[split:], fc["p50"], fc["p90"], base50, base50 + bump)
    return bt, split, season


def evaluate_trace(name: str, y: pd.Series | None = None) -> tuple[Evaluation, Backtest]:
    y = load_trace(name) if y is None else y
    bt, split, season = backtest(y)
    a = bt.actual.to_numpy()
    m = ~np.isnan(a) & ~np.isnan(bt.base50.to_numpy())
    a = a[m]
    p50, p90 = bt.p50.to_numpy()[m], bt.p90.to_numpy()[m]
    b50, b90 = bt.base50.to_numpy()[m], bt.base90.to_numpy()[m]
    ev = Evaluation(
        trace=name, train_hours=split, test_hours=len(bt.actual), scored_hours=int(m.sum()), season=season,
        model_mape=mape(a, p50), base_mape=mape(a, b50),
        model_pinball50=pinball(a, p50, 0.5), base_pinball50=pinball(a, b50, 0.5),
        model_pinball90=pinball(a, p90, 0.9), base_pinball90=pinball(a, b90, 0.9),
        model_p90_coverage=float(np.mean(a <= p90)), base_p90_coverage=float(np.mean(a <= b90)),
    )
    return ev, bt


# ---- load -> replicas -> cost -------------------------------------------------------------------------

def replicas_for(load: np.ndarray | pd.Series, capacity: float, headroom: float,
                 rmin: int, rmax: int) -> np.ndarray:
    """Replicas per hour: ceil(load x (1 + headroom) / capacity), clipped to [rmin, rmax]."""
    if capacity <= 0:
        raise ValueError("per-replica capacity must be positive")
    need = np.ceil(np.nan_to_num(np.asarray(load, dtype=float)) * (1.0 + headroom) / capacity - 1e-9)
    return np.clip(need, rmin, rmax).astype(int)


@dataclass(frozen=True)
class ScalingPlan:
    replicas: tuple[int, ...]       # per hour, planned from the P90 forecast
    peak_replicas: int              # one fixed size for the whole window (the P90 forecast's peak)
    hourly_cost: float              # one replica, usd/hour
    expected_cost: float            # sum over hours of replicas x hourly_cost
    peak_cost: float                # peak_replicas x hours x hourly_cost
    underprovisioned_share: float | None  # hours where actual > capacity x replicas (None: no actuals)

    @property
    def savings(self) -> float:
        return self.peak_cost - self.expected_cost

    @property
    def savings_share(self) -> float:
        return self.savings / self.peak_cost if self.peak_cost else 0.0

    def monthly(self, amount: float) -> float:
        return amount / len(self.replicas) * HOURS_PER_MONTH if self.replicas else 0.0


def plan(p90: np.ndarray | pd.Series, capacity: float, headroom: float, rmin: int, rmax: int,
         hourly_cost: float, actual: np.ndarray | pd.Series | None = None) -> ScalingPlan:
    reps = replicas_for(p90, capacity, headroom, rmin, rmax)
    peak = int(replicas_for(np.array([np.nanmax(np.asarray(p90, dtype=float))]), capacity, headroom,
                            rmin, rmax)[0])
    under = None
    if actual is not None:
        a = np.asarray(actual, dtype=float)
        known = ~np.isnan(a)
        under = float(np.mean(a[known] > capacity * reps[known])) if known.any() else None
    return ScalingPlan(
        replicas=tuple(int(r) for r in reps), peak_replicas=peak, hourly_cost=hourly_cost,
        expected_cost=float(reps.sum() * hourly_cost), peak_cost=float(peak * len(reps) * hourly_cost),
        underprovisioned_share=under,
    )


def fargate_hourly(cpu_vcpu: float, memory_gb: float, vcpu_hour: float, gb_hour: float) -> float:
    """One Fargate task's hourly price from the per-vCPU and per-GB hourly prices given."""
    return cpu_vcpu * vcpu_hour + memory_gb * gb_hour


def replica_hourly_cost(ir: Any, service: str, fargate_prices: tuple[float, float] | None = None) -> float:
    """One replica's hourly cost: the marginal cost of a second replica per the cost estimator
    (autodeploy.analytics.cost), else the Fargate formula from the prices passed in."""
    import dataclasses

    res = ir.resource(service)
    if res is None or res.kind != "service":
        raise ValueError(f"no service named {service!r}")
    from autodeploy.analytics import cost as cost_mod  # not at the top: scaling loads without the catalog

    if hasattr(cost_mod, "estimate"):
        totals = []
        for n in (1, 2):
            attrs = dict(res.attrs, replicas={"min": n, "max": n})
            r2 = dataclasses.replace(res, attrs=attrs)
            swapped = tuple(r2 if r.name == service else r for r in ir.resources)
            ir2 = dataclasses.replace(ir, resources=swapped)
            rep = cost_mod.estimate(ir2)
            rc = rep.resource(service) if hasattr(rep, "resource") else None
            totals.append(float(rc.exact if hasattr(rc, "exact") else rc.monthly) if rc is not None else 0.0)
        per_month = totals[1] - totals[0]
        if per_month > 0 and math.isfinite(per_month):
            return per_month / HOURS_PER_MONTH
    if fargate_prices is None:
        raise ValueError("no cost estimator available and no Fargate prices given")
    return fargate_hourly(float(res.get("cpu", 0.5)), float(res.get("memory", 1)), *fargate_prices)
