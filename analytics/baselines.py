"""Statistical forecast candidates: seasonal naive and additive Holt-Winters, batched over origins.

Both take the series as a numpy array on a gap-free grid (NaN = unknown) and return P50 paths of shape
(origins, horizon): row j forecasts steps o_j .. o_j + horizon - 1 from the history vals[:o_j] only.
statsmodels is not a dependency; Holt-Winters here is the small error-correction recursion below.
"""

from __future__ import annotations

import numpy as np

# Seasonal naive walks back this many extra seasons when the same step one season ago is unknown.
NAIVE_EXTRA_SEASONS = 4
# Holt-Winters smoothing grid: level alpha x season gamma (gamma <= 1 - alpha). At each origin the pair
# with the lowest error on forecasts already scored is used, so the choice only ever sees the past.
HW_ALPHAS = (0.02, 0.05, 0.1, 0.2, 0.4, 0.7)
HW_GAMMAS = (0.0, 0.05, 0.1, 0.2, 0.4)


def last_known(vals: np.ndarray, origins: np.ndarray) -> np.ndarray:
    """The last non-NaN value before each origin (0 when there is none)."""
    idx = np.where(np.isnan(vals), -1, np.arange(len(vals)))
    run = np.maximum.accumulate(idx)
    out = np.zeros(len(origins))
    for j, o in enumerate(origins):
        k = run[o - 1] if o > 0 else -1
        out[j] = vals[k] if k >= 0 else 0.0
    return out


def naive_paths(vals: np.ndarray, period: int, origins: np.ndarray, horizon: int) -> np.ndarray:
    """Seasonal naive: step t = o + h - 1 gets the value at t - period x ceil(h / period), the latest
    same-season step before the origin; if unknown, one more season back (up to NAIVE_EXTRA_SEASONS),
    else the last known value."""
    h = np.arange(1, horizon + 1)
    t = origins[:, None] + h[None, :] - 1
    src = t - period * np.ceil(h / period).astype(int)[None, :]
    out = np.full(t.shape, np.nan)
    for _ in range(NAIVE_EXTRA_SEASONS + 1):
        ok = src >= 0
        v = np.where(ok, vals[np.clip(src, 0, None)], np.nan)
        out = np.where(np.isnan(out), v, out)
        src = src - period
    fallback = last_known(vals, origins)[:, None]
    return np.maximum(np.where(np.isnan(out), fallback, out), 0.0)


def _grid() -> tuple[np.ndarray, np.ndarray]:
    pairs = [(a, g) for a in HW_ALPHAS for g in HW_GAMMAS if g <= 1 - a]
    return np.array([a for a, _ in pairs]), np.array([g for _, g in pairs])


def holt_winters_paths(vals: np.ndarray, period: int, origins: np.ndarray, horizon: int,
                       scored_leads: int | None = None) -> np.ndarray:
    """Additive Holt-Winters without trend (ETS(A,N,A)) with season `period`, error-correction form:
    e = y - (level + s[t mod m]); level += alpha e; s[t mod m] += gamma e. Unknown steps leave the
    state as it is. Initial level: the first season's mean; initial seasonal terms: the first season's
    deviations from it. Every (alpha, gamma) pair runs at once. Each origin uses the pair whose
    forecasts from the earlier origins (all leads, targets already observed) had the lowest mean
    absolute error -- the multi-step error the forecast is used for, not the one-step fit, which
    favours a level that soaks up the season. Origins must be consecutive steps after a full season.
    `scored_leads` (default: horizon) limits the leads that choice looks at, so a longer served horizon
    picks the same smoothing as the backtest."""
    origins = np.asarray(origins)
    if len(origins) == 0 or origins.min() < period or np.any(np.diff(origins) != 1):
        raise ValueError(f"Holt-Winters with season {period} needs consecutive origins after a full season")
    first = vals[:period]
    known = first[~np.isnan(first)]
    level0 = float(known.mean()) if len(known) else float(last_known(vals, origins[:1])[0])
    alpha, gamma = _grid()
    level = np.full(len(alpha), level0)
    season = np.tile(np.where(np.isnan(first), 0.0, first - level0), (len(alpha), 1))
    k, o0, n = len(origins), int(origins[0]), len(vals)
    lead = np.arange(horizon)
    # err_at[c, t]: absolute errors of pair c's forecasts whose target is step t (summed over origins)
    err_at = np.zeros((len(alpha), n + horizon + 1))
    seen = np.zeros(len(alpha))
    out = np.full((k, horizon), np.nan)
    for t in range(period, o0 + k):
        if t >= o0:
            j = t - o0
            seen += err_at[:, t - 1] if t > o0 else 0.0  # targets observed by now: step t - 1
            paths = level[:, None] + season[:, (t + lead) % period]
            out[j] = paths[int(np.argmin(seen))]  # first minimum: deterministic tie-break on grid order
            tgt = t + lead[:scored_leads]
            ok = tgt < n
            a = vals[tgt[ok]]
            good = ~np.isnan(a)
            err_at[:, tgt[ok][good]] += np.abs(a[good][None, :] - paths[:, : len(tgt)][:, ok][:, good])
        if t >= n or np.isnan(vals[t]):
            continue
        pos = t % period
        e = vals[t] - (level + season[:, pos])
        level += alpha * e
        season[:, pos] += gamma * e
    return np.maximum(out, 0.0)
