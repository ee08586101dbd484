"""The scaling model's data and pieces: real traces, the gradient-boosting candidate, load -> replicas -> cost.

Which model forecasts a series is not fixed here: autodeploy.analytics.backtest scores every candidate
(seasonal naive daily and weekly, Holt-Winters, the gradient-boosting model below) by rolling-origin
backtests on the series' own history, serves the best one that is not worse than seasonal naive, and
calibrates its P90 from the backtest's residuals (conformal).

The real traces are in analytics/data/trace_*.csv.gz (see analytics/data/TRACES_SOURCE.md); NAB's
labelled anomaly windows are masked (NaN) so the models learn "normal load" and anomalies are not scored.
Everything is seeded; the same input gives the same output.
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
HOURS_PER_MONTH = 730.0  # the cost estimator's month (8760 h / 12)
DAY = 24
MIN_HISTORY_HOURS = 2 * DAY


@dataclass(frozen=True)
class TraceInfo:
    name: str
    file: str
    nab_key: str
    what: str
    unit: str
    agg: str  # how 5-min points become an hour: "sum" (counts) or "mean" (percentages)
    cadence: str = "hourly"  # "daily": a daily series, read as is (the Wikipedia example)


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
        TraceInfo("wikipedia_daily", "trace_wikipedia_daily.csv.gz", "",
                  "Wikipedia page views (Peyton Manning), ln(views) per day", "ln(views)", "mean", "daily"),
    )
}
HOURLY_TRACES = tuple(n for n, t in TRACES.items() if t.cadence == "hourly")


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
    df = pd.read_csv(io.StringIO(text))
    t_col, v_col = ("timestamp", "value") if "timestamp" in df.columns else ("ds", "y")  # NAB / Prophet
    s = pd.Series(df[v_col].astype(float).to_numpy(), index=pd.DatetimeIndex(pd.to_datetime(df[t_col])),
                  name=name)
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
    """A real trace on a gap-free index: hourly (anomalies masked, NaN), or daily for a daily trace."""
    info = TRACES[name]
    if info.cadence == "daily":
        return _regular(load_raw_trace(name), "1D")
    return _regular(to_hourly(load_raw_trace(name), info.agg))


# ---- the gradient-boosting model ------------------------------------------------------------------

def _regular(y: pd.Series, freq: str = "1h") -> pd.Series:
    """A series on a gap-free index of step `freq` (missing steps become NaN)."""
    y = y.sort_index().astype(float)
    full = pd.date_range(y.index[0], y.index[-1], freq=freq)
    return y.reindex(full)


def calendar(start: pd.Timestamp, n: int, freq: str = "1h") -> tuple[np.ndarray, np.ndarray]:
    """Hour of day and day of week of `n` steps from `start` (the model's calendar features)."""
    idx = pd.date_range(start, periods=n, freq=freq)
    return idx.hour.to_numpy(), idx.dayofweek.to_numpy()


def _fill_naive(base: np.ndarray, back: list[np.ndarray], last: np.ndarray) -> np.ndarray:
    for v in back:
        base = np.where(np.isnan(base), v, base)
    return np.where(np.isnan(base), last, base)


def _regressor() -> HistGradientBoostingRegressor:
    # min_samples_leaf and l2 were picked on a validation window carved from the training part of each
    # trace, from min_samples_leaf in {10, 20, 40} x l2 in {0, 1} (see docs/analytics.md)
    return HistGradientBoostingRegressor(
        loss="quantile", quantile=0.5, max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
        min_samples_leaf=40, l2_regularization=1.0, early_stopping=False, random_state=RANDOM_STATE,
    )


@dataclass(frozen=True)
class BoostModel:
    """The median of `load - naive` learnt by gradient boosting, where naive is the load one season
    earlier (falling back to two seasons, one short season, then one step earlier). Features: lagged
    loads, hour of day, day of week, the naive value. Forecasts are recursive: each step's forecast
    is fed back as the next step's lag, so one model serves any horizon. The P90 is not learnt here:
    every candidate's P90 comes from the same conformal calibration (autodeploy.analytics.backtest)."""

    lags: tuple[int, ...]
    season: int
    short: int
    model: HistGradientBoostingRegressor

    @property
    def back(self) -> int:
        """How many past steps one forecast step may look at."""
        return max(*self.lags, 2 * self.season, self.short)

    def _naive_lags(self) -> tuple[int, ...]:
        return (self.season, 2 * self.season, self.short, 1)

    @classmethod
    def fit(cls, vals: np.ndarray, hours: np.ndarray, dows: np.ndarray, lags: tuple[int, ...],
            season: int, short: int) -> BoostModel:
        """Fit on `vals` (NaN = unknown) with its calendar `hours`/`dows` (same length)."""
        n = len(vals)

        def shifted(k: int) -> np.ndarray:
            out = np.full(n, np.nan)
            out[k:] = vals[: n - k]
            return out

        naive = shifted(season)
        for k in (2 * season, short, 1):
            naive = np.where(np.isnan(naive), shifted(k), naive)
        X = np.column_stack([shifted(k) for k in lags] + [hours[:n], dows[:n], naive])
        target = vals - naive
        ok = ~np.isnan(target)
        if ok.sum() < MIN_HISTORY_HOURS:
            raise ValueError(f"need at least {MIN_HISTORY_HOURS} points with a naive value, got {int(ok.sum())}")
        # one OpenMP thread: small models, shared CI machines; also keeps the floating-point
        # summation order, hence the forecast, identical from run to run
        with threadpool_limits(1):
            model = _regressor().fit(X[ok], target[ok])
        return cls(lags, season, short, model)

    def paths(self, vals: np.ndarray, hours: np.ndarray, dows: np.ndarray, origins: np.ndarray,
              horizon: int) -> np.ndarray:
        """P50 forecasts of steps o .. o+horizon-1 from each origin o (history = vals[:o]), batched
        over origins. `hours`/`dows` must cover max(origins) + horizon steps. Shape (origins, horizon)."""
        back = self.back
        B = len(origins)
        W = np.full((B, back + horizon), np.nan)
        last = np.zeros(B)
        for b, o in enumerate(origins):
            src = vals[max(0, o - back):o]
            W[b, back - len(src):back] = src
            known = vals[:o][~np.isnan(vals[:o])]
            last[b] = known[-1] if len(known) else 0.0
        out = np.empty((B, horizon))
        nl = self._naive_lags()
        with threadpool_limits(1):
            for i in range(horizon):
                c = back + i
                base = _fill_naive(W[:, c - nl[0]], [W[:, c - k] for k in nl[1:]], last)
                t = origins + i
                X = np.column_stack([W[:, c - k] for k in self.lags] + [hours[t], dows[t], base])
                p = np.maximum(base + self.model.predict(X), 0.0)
                W[:, c] = p
                out[:, i] = p
        return out


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
