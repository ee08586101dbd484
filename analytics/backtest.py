"""Rolling-origin backtests: every candidate forecast scored on a series' own history, the served
model chosen from them, and its P90 calibrated from its residuals (split conformal, online).

Origins run every step from `first_origin` to the end of the series; from each origin every candidate
forecasts leads 1..horizon using only the history before it. Candidates: seasonal naive (the short and
the long season: a day and a week for hourly data), additive Holt-Winters with either season
(autodeploy.analytics.baselines) and the gradient-boosting model (autodeploy.analytics.scaling,
refitted every `refit_every` steps on the history before the refit point).

P90 of every candidate = its P50 + a conformal quantile of its own residuals (actual - P50) for leads
in the same bucket (1-6, 7-24, 25-48 h), taken from forecasts whose target was already observed at the
origin (within the last `cal_window` steps; recomputed every `recal_every` steps), at a level that
adapts to the misses observed so far (adaptive conformal inference). So the P90 at an origin only uses
earlier origins, and coverage is measured on later ones. Scoring starts `burn_in` steps after the
latest candidate start, so long leads have residuals to calibrate on.

The served model: the candidate with the lowest P50 pinball loss, but a model that is not a seasonal
naive must beat the best seasonal naive by at least MARGIN to be served, so the served model is never
worse than seasonal naive at P50 on the series' own backtest. Everything is deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from autodeploy.analytics import baselines, scaling

P90 = 0.9
MARGIN = 0.02  # a non-naive model is served only if its P50 pinball is >= 2% below the best naive
MIN_CALIBRATION = 30  # residuals a bucket needs for its own quantile, else all leads pooled
BOOST_MIN_STEPS = 72  # the boosting model's first fit needs this much history (its leaves hold 40 rows)
MAX_REFITS = 40  # bounds the gradient-boosting refits on long histories (the refit step grows)
# Adaptive conformal: the miscoverage target's step per observed step, and its bounds. At 0 the band is
# the largest residual in the window (the method's infinite band, made finite so it can size something).
ACI_STEP = 0.01
ACI_MIN_ALPHA, ACI_MAX_ALPHA = 0.0, 0.5


@dataclass(frozen=True)
class Cadence:
    name: str
    freq: str
    unit: str
    short: int            # the short season in steps (a day of hours; a week of days)
    long: int             # the long season (a week of hours; a year of days, 52 weeks)
    short_name: str       # "daily": names the candidates
    long_name: str
    step_word: str        # "hour": describes them
    short_word: str       # "day"
    long_word: str        # "week"
    horizon: int          # leads scored: 1..horizon
    min_train: int        # history before the first origin (less on a short series, see plan_origins)
    burn_in: int          # origins before scoring starts, so every lead has residuals to calibrate on
    refit_every: int      # gradient-boosting refit step
    long_lag_from: int    # the boosting model uses the long-season lag from this much history
    cal_window: int       # residuals of targets this recent calibrate the P90
    recal_every: int
    buckets: tuple[tuple[int, int], ...]


HOURLY = Cadence("hourly", "1h", "h", 24, 168, "daily", "weekly", "hour", "day", "week", horizon=48,
                 min_train=168, burn_in=48, refit_every=168, long_lag_from=5 * 168, cal_window=4 * 168, recal_every=24,
                 buckets=((1, 6), (7, 24), (25, 48)))
DAILY = Cadence("daily", "1D", "d", 7, 364, "weekly", "yearly", "day", "week", "year (52 weeks)", horizon=28,
                min_train=2 * 364, burn_in=28, refit_every=91, long_lag_from=2 * 364, cal_window=364, recal_every=7,
                buckets=((1, 7), (8, 14), (15, 28)))
CADENCES = {c.name: c for c in (HOURLY, DAILY)}


def pinball(actual: np.ndarray, pred: np.ndarray, q: float) -> float:
    d = actual - pred
    return float(np.mean(np.maximum(q * d, (q - 1) * d)))


def mape(actual: np.ndarray, pred: np.ndarray) -> float:
    m = actual > 0
    return float(np.mean(np.abs(actual[m] - pred[m]) / actual[m]) * 100.0) if m.any() else math.nan


# ---- candidates ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    name: str
    what: str
    naive: bool
    period: int  # the history its first origin needs (its backtest starts there, calibrating early)


def candidates(cad: Cadence) -> tuple[Candidate, ...]:
    s, lg = cad.short, cad.long
    return (
        Candidate(f"seasonal_naive_{cad.short_name}", f"the same {cad.step_word} one {cad.short_word} earlier",
                  True, s),
        Candidate(f"seasonal_naive_{cad.long_name}", f"the same {cad.step_word} one {cad.long_word} earlier",
                  True, lg),
        Candidate(f"holt_winters_{cad.short_name}", f"additive Holt-Winters, season {s} {cad.unit}", False, s),
        Candidate(f"holt_winters_{cad.long_name}", f"additive Holt-Winters, season {lg} {cad.unit}", False, lg),
        Candidate("gradient_boosting", "gradient-boosted residual over seasonal naive, recursive", False,
                  max(3 * s, BOOST_MIN_STEPS)),
    )


def _boost_lags(cad: Cadence, history: int) -> tuple[tuple[int, ...], int]:
    if history >= cad.long_lag_from:
        return (1, 2, 3, cad.short, cad.long), cad.long
    return (1, 2, 3, cad.short), cad.short


def boosting_paths(vals: np.ndarray, origins: np.ndarray, horizon: int, start: pd.Timestamp,
                   cad: Cadence) -> tuple[np.ndarray, int]:
    """Gradient-boosting P50 paths; the model is refitted at the first origin and every refit step
    after it, each time on the history before the refit point. Returns the paths and the refit count."""
    hours, dows = scaling.calendar(start, int(origins.max()) + horizon, cad.freq)
    step = max(cad.refit_every, math.ceil((origins.max() + 1 - origins.min()) / MAX_REFITS))
    out = np.empty((len(origins), horizon))
    refits = 0
    for r in range(int(origins.min()), int(origins.max()) + 1, step):
        sel = (origins >= r) & (origins < r + step)
        if not sel.any():
            continue
        lags, season = _boost_lags(cad, r)
        model = scaling.BoostModel.fit(vals[:r], hours[:r], dows[:r], lags, season, cad.short)
        out[sel] = model.paths(vals, hours, dows, origins[sel], horizon)
        refits += 1
    return out, refits


def candidate_paths(c: Candidate, vals: np.ndarray, origins: np.ndarray, horizon: int, start: pd.Timestamp,
                    cad: Cadence) -> tuple[np.ndarray, int]:
    """P50 paths of candidate `c` from each origin, and how many model fits that took."""
    if c.name == "gradient_boosting":
        return boosting_paths(vals, origins, horizon, start, cad)
    period = cad.short if c.name.endswith(cad.short_name) else cad.long
    if c.naive:
        return baselines.naive_paths(vals, period, origins, horizon), 0
    return baselines.holt_winters_paths(vals, period, origins, horizon, cad.horizon), 0


def serve(y: pd.Series, cad: Cadence, report: BacktestReport, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """The served model's P50 and calibrated P90 for `horizon` steps after the end of `y`. The P90
    offset per lead is the one the backtest ended with (leads past the last bucket use the last one)."""
    vals = y.to_numpy(dtype=float)
    n = len(vals)
    c = next(c for c in candidates(cad) if c.name == report.served)
    if c.naive or c.name == "gradient_boosting":
        p50 = candidate_paths(c, vals, np.array([n]), horizon, y.index[0], cad)[0][0]
    else:  # Holt-Winters picks its smoothing from the backtest origins, then forecasts from the end
        p50 = candidate_paths(c, vals, np.arange(c.period, n + 1), horizon, y.index[0], cad)[0][-1]
    offsets = np.array(report.score(c.name).p90_offsets)
    p90 = p50 + offsets[_bucket_of(cad, np.arange(1, horizon + 1))]
    return p50, np.maximum(p90, p50)


def serve_naive(y: pd.Series, cad: Cadence, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """For a history too short to backtest: seasonal naive (the short season), its P90 offset the
    conformal quantile of its in-sample errors (y[t] - y[t - season]) -- not checked on held-out steps."""
    vals = y.to_numpy(dtype=float)
    n = len(vals)
    p50 = baselines.naive_paths(vals, cad.short, np.array([n]), horizon)[0]
    resid = vals[cad.short:] - vals[:-cad.short]
    resid = resid[~np.isnan(resid)]
    off = conformal_quantile(resid) if len(resid) else 0.0
    return p50, np.maximum(p50 + off, p50)


# ---- conformal calibration ---------------------------------------------------------------------------

def conformal_quantile(resid: np.ndarray, level: float = P90) -> float:
    """The split-conformal quantile: the ceil((n + 1) level)-th smallest residual (the largest if that
    rank is past n: a finite offset is needed to size anything)."""
    return _offset(np.sort(resid), level)


def _bucket_of(cad: Cadence, lead: np.ndarray) -> np.ndarray:
    b = np.full(lead.shape, len(cad.buckets) - 1)  # leads past the last bucket use the last one
    for i, (lo, hi) in reversed(list(enumerate(cad.buckets))):
        b = np.where((lead >= lo) & (lead <= hi), i, b)
    return b


@dataclass(frozen=True)
class _Residuals:
    """One candidate's residuals, by the step their target fell on (sorted), per lead bucket."""

    when: tuple[np.ndarray, ...]
    resid: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, cad: Cadence, resid: np.ndarray, target: np.ndarray) -> _Residuals:
        lead_bucket = _bucket_of(cad, np.arange(1, resid.shape[1] + 1))
        whens, rs = [], []
        for b in range(len(cad.buckets)):
            cols = lead_bucket == b
            t, r = target[:, cols].ravel(), resid[:, cols].ravel()
            ok = ~np.isnan(r)
            order = np.argsort(t[ok], kind="stable")
            whens.append(t[ok][order])
            rs.append(r[ok][order])
        return cls(tuple(whens), tuple(rs))

    def windows(self, at: int, window: int) -> list[np.ndarray]:
        """Per bucket, the sorted residuals whose target lies in [at - window, at); a bucket with fewer
        than MIN_CALIBRATION gets all buckets pooled, and an empty array if even that is too few."""
        parts = []
        for when, r in zip(self.when, self.resid, strict=True):
            lo, hi = np.searchsorted(when, [at - window, at])
            parts.append(r[lo:hi])
        pooled = np.sort(np.concatenate(parts))
        if len(pooled) < MIN_CALIBRATION:
            pooled = pooled[:0]
        return [np.sort(p) if len(p) >= MIN_CALIBRATION else pooled for p in parts]


def _offset(sorted_resid: np.ndarray, level: float) -> float:
    """conformal_quantile of residuals already sorted (NaN when there are none)."""
    if not len(sorted_resid):
        return math.nan
    k = min(len(sorted_resid), max(1, math.ceil((len(sorted_resid) + 1) * level)))
    return float(sorted_resid[k - 1])


def calibrated_p90(cad: Cadence, p50: np.ndarray, res: _Residuals, actual: np.ndarray,
                   origins: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P90 paths (origins consecutive steps) and the offset per bucket after the last step (for serving).

    P90 = P50 + the conformal quantile of the lead bucket's residuals, from targets observed before the
    latest recalibration point (every `recal_every` steps; never the origin's own future). The quantile's
    level adapts online (adaptive conformal inference, Gibbs and Candes 2021): each step, each bucket's
    miscoverage target moves by ACI_STEP x (0.1 - the share of P90 misses among the targets observed that
    step), so a run of misses widens the band and a run of hits narrows it."""
    k, horizon = p50.shape
    lead_bucket = _bucket_of(cad, np.arange(1, horizon + 1))
    nb = len(cad.buckets)
    alpha = np.full(nb, 1 - P90)
    out = np.full(p50.shape, np.nan)
    miss = np.full(p50.shape, np.nan)  # 1.0 / 0.0 once a forecast's target is known
    windows: list[np.ndarray] = []
    leads = np.arange(horizon)
    for j in range(k):
        # targets observed just now (step o - 1) were forecast at lead l + 1 from origin row j - 1 - l
        rows = j - 1 - leads
        ok = rows >= 0
        m = miss[rows[ok], leads[ok]]
        seen = ~np.isnan(m)
        if seen.any():
            bk = lead_bucket[leads[ok]][seen]
            cnt = np.bincount(bk, minlength=nb)
            hits = np.bincount(bk, weights=m[seen], minlength=nb)
            upd = cnt > 0
            alpha[upd] += ACI_STEP * ((1 - P90) - hits[upd] / cnt[upd])
            np.clip(alpha, ACI_MIN_ALPHA, ACI_MAX_ALPHA, out=alpha)
        if j % cad.recal_every == 0:
            windows = res.windows(int(origins[j]), cad.cal_window)
        offsets = np.array([_offset(windows[b], 1 - alpha[b]) for b in range(nb)])
        out[j] = np.maximum(p50[j] + offsets[lead_bucket], p50[j])  # quantiles never cross
        a = actual[j]
        miss[j] = np.where(np.isnan(a) | np.isnan(out[j]), np.nan, (a > out[j]).astype(float))
    end = res.windows(int(origins[-1]) + 1, cad.cal_window)
    final = np.array([_offset(end[b], 1 - alpha[b]) for b in range(nb)])
    return out, final


# ---- the backtest -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Score:
    candidate: str
    what: str
    mape: float
    pinball50: float
    pinball90: float
    coverage90: float
    fits: int
    p90_offsets: tuple[float, ...]  # per lead bucket, from the residuals at the end of the history

    def to_json(self) -> dict[str, Any]:
        return {k: _r(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class HoldoutCheck:
    """Selection checked out of sample: chosen on the first half of the scored origins, scored on the second."""

    chosen: str
    fallback: str           # the best seasonal naive on the first half
    pinball50: float        # chosen, second half
    fallback_pinball50: float
    coverage90: float       # chosen, second half
    pairs: int

    def to_json(self) -> dict[str, Any]:
        return {k: _r(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class BacktestReport:
    series: str
    cadence: str
    steps: int             # length of the history in steps
    first_origin: int
    scored_from: int       # the first scored origin
    origins: int           # scored origins
    horizon: int
    scored_pairs: int      # (origin, lead) pairs scored, the same for every candidate
    scored_steps: int      # distinct target steps among them
    scores: tuple[Score, ...]
    served: str
    reason: str
    holdout: HoldoutCheck | None

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.candidate == name)

    @property
    def best_naive(self) -> Score:
        return min((s for s in self.scores if s.candidate.startswith("seasonal_naive")),
                   key=lambda s: s.pinball50)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in self.__dict__.items() if k not in ("scores", "holdout")}
        out["candidates"] = [s.to_json() for s in self.scores]
        out["holdout"] = self.holdout.to_json() if self.holdout else None
        return out


def _r(v: Any) -> Any:
    if isinstance(v, float):
        return None if math.isnan(v) else round(v, 6)
    if isinstance(v, tuple):
        return [_r(x) for x in v]
    return v


def plan_origins(cad: Cadence, n: int) -> tuple[tuple[Candidate, ...], int]:
    """The candidates a history of n steps can backtest (those needing at most half of it, and at most
    `min_train`) and the first scored origin: `burn_in` steps (fewer on a short history) after the latest
    candidate start, so every candidate has residuals to calibrate its P90 on."""
    usable = tuple(c for c in candidates(cad) if c.period <= min(n // 3, cad.min_train))
    if not usable:
        return usable, n
    start = max(c.period for c in usable)
    return usable, start + min(cad.burn_in, max(0, (n - start) // 2))


def choose(scores: list[Score] | tuple[Score, ...]) -> tuple[str, str]:
    """The served candidate and why (see the module docstring for the rule)."""
    naive = [s for s in scores if s.candidate.startswith("seasonal_naive")]
    other = [s for s in scores if not s.candidate.startswith("seasonal_naive")]
    base = min(naive, key=lambda s: s.pinball50)  # min keeps the first on ties: the short season
    best = min(other, key=lambda s: s.pinball50) if other else None
    if best is not None and base.pinball50 > 0 and best.pinball50 <= base.pinball50 * (1 - MARGIN):
        gain = 100 * (1 - best.pinball50 / base.pinball50)
        return best.candidate, (f"lowest P50 pinball loss ({best.pinball50:.4g}), {gain:.1f}% below the best "
                                f"seasonal naive, {base.candidate} ({base.pinball50:.4g})")
    if best is None:
        return base.candidate, f"lowest P50 pinball loss of the seasonal naive forecasts ({base.pinball50:.4g})"
    if base.pinball50 == 0:
        return base.candidate, f"{base.candidate} forecast every scored hour exactly (P50 pinball loss 0)"
    delta = 100 * (best.pinball50 / base.pinball50 - 1)
    return base.candidate, (f"no other model beats the best seasonal naive at P50 pinball loss by "
                            f"{100 * MARGIN:.0f}% (best: {best.candidate}, {delta:+.1f}%); "
                            f"{base.candidate} has {base.pinball50:.4g}")


@dataclass(frozen=True)
class _Run:
    """A candidate's backtest paths."""

    p50: np.ndarray
    p90: np.ndarray
    fits: int
    final_offsets: np.ndarray


def _metrics(c: Candidate, run: _Run, actual: np.ndarray, mask: np.ndarray) -> Score:
    a = actual[mask]
    p50, p90 = run.p50[mask], run.p90[mask]
    return Score(c.name, c.what, mape(a, p50), pinball(a, p50, 0.5), pinball(a, p90, P90),
                 float(np.mean(a <= p90)), run.fits, tuple(float(x) for x in run.final_offsets))


def backtest(y: pd.Series, cad: Cadence = HOURLY, name: str = "series") -> BacktestReport | None:
    """Rolling-origin backtest of every applicable candidate on `y` (a gap-free series at the cadence's
    step, NaN = unknown). None when the history is too short to score anything."""
    vals = y.to_numpy(dtype=float)
    n = len(vals)
    usable, score_from = plan_origins(cad, n)
    if score_from >= n:
        return None
    origins = np.arange(min(c.period for c in usable), n)
    lead = np.arange(1, cad.horizon + 1)
    target = origins[:, None] + lead[None, :] - 1
    actual = np.where(target < n, vals[np.clip(target, None, n - 1)], np.nan)
    runs: dict[Candidate, _Run] = {}
    for c in usable:
        sel = origins >= c.period
        p50 = np.full(target.shape, np.nan)
        p90 = np.full(target.shape, np.nan)
        p50[sel], fits = candidate_paths(c, vals, origins[sel], cad.horizon, y.index[0], cad)
        res = _Residuals.of(cad, actual[sel] - p50[sel], target[sel])
        p90[sel], final = calibrated_p90(cad, p50[sel], res, actual[sel], origins[sel])
        runs[c] = _Run(p50, p90, fits, final)
    mask = ~np.isnan(actual) & (origins[:, None] >= score_from)
    for run in runs.values():
        mask &= ~np.isnan(run.p50) & ~np.isnan(run.p90)
    if not mask.any():
        return None
    scores = [_metrics(c, run, actual, mask) for c, run in runs.items()]
    served, reason = choose(scores)
    return BacktestReport(
        series=name, cadence=cad.name, steps=n, first_origin=int(origins[0]), scored_from=score_from,
        origins=int(mask.any(axis=1).sum()), horizon=cad.horizon, scored_pairs=int(mask.sum()),
        scored_steps=int(len(np.unique(target[mask]))), scores=tuple(scores), served=served, reason=reason,
        holdout=_holdout(runs, actual, mask, origins),
    )


def _holdout(runs: dict[Candidate, _Run], actual: np.ndarray, mask: np.ndarray,
             origins: np.ndarray) -> HoldoutCheck | None:
    scored = origins[mask.any(axis=1)]
    if len(scored) < 2:
        return None
    mid = scored[len(scored) // 2]
    early = mask & (origins[:, None] < mid)
    late = mask & (origins[:, None] >= mid)
    chosen, _ = choose([_metrics(c, r, actual, early) for c, r in runs.items()])
    naive = {c.name: _metrics(c, r, actual, early) for c, r in runs.items() if c.naive}
    fallback = min(naive.values(), key=lambda s: s.pinball50).candidate
    later = {c.name: _metrics(c, r, actual, late) for c, r in runs.items()}
    return HoldoutCheck(chosen, fallback, later[chosen].pinball50, later[fallback].pinball50,
                        later[chosen].coverage90, int(late.sum()))


def evaluate_trace(name: str) -> BacktestReport:
    """The backtest of one of the bundled real traces (scaling.TRACES)."""
    info = scaling.TRACES[name]
    report = backtest(scaling.load_trace(name), CADENCES[info.cadence], name)
    if report is None:
        raise ValueError(f"trace {name} is too short to backtest")
    return report
