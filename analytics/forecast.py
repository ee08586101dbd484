"""Read a user's metric history (a CloudWatch-style CSV export) and forecast it hourly.

The forecast is served by the model that won the rolling-origin backtest on this history
(autodeploy.analytics.backtest): never one worse than seasonal naive at P50 pinball loss, its P90
calibrated from its backtest residuals.

Accepted headers (case-insensitive): a time column `timestamp` (or `time`, `date`, `datetime`, `ds`)
and a value column `value` (or CloudWatch's `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount`,
or `y`), or the one named by `--column`. Problems come back as ADL41xx diagnostics that point at
the CSV line; nothing here raises on bad input.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from autodeploy.analytics import backtest, scaling
from autodeploy.compiler.catalogue import diag
from autodeploy.compiler.diagnostics import Diagnostic, Span

TIME_NAMES = ("timestamp", "time", "datetime", "date", "ds")
VALUE_NAMES = ("value", "sum", "average", "maximum", "minimum", "samplecount", "y")
# CloudWatch's Sum and SampleCount are per-period totals: an hour is the sum of its periods.
SUM_NAMES = ("sum", "samplecount")


@dataclass(frozen=True)
class History:
    file: str
    column: str
    agg: str             # "sum" or "mean": how points became hourly values
    raw: pd.Series       # as read, at its own interval
    hourly: pd.Series    # hourly, gap-free index (missing hours NaN)

    @property
    def hours_with_data(self) -> int:
        return int(self.hourly.notna().sum())


@dataclass(frozen=True)
class ForecastResult:
    history: History
    horizon: int
    frame: pd.DataFrame  # index: hourly timestamps; columns p50, p90
    model: str           # the served candidate
    reason: str          # why it is served
    report: backtest.BacktestReport | None  # None: the history was too short to backtest
    warnings: tuple[Diagnostic, ...] = ()

    def rows(self) -> list[tuple[str, float, float]]:
        return [(ts.strftime("%Y-%m-%d %H:%M"), float(r.p50), float(r.p90))
                for ts, r in zip(self.frame.index, self.frame.itertuples(), strict=True)]


def _span(file: str, line: int, text: str, field: str | None, index: int) -> Span:
    """Point at the field in its raw line (best effort for quoted fields)."""
    col = 1
    if field is not None:
        parts = text.split(",")
        guess = len(",".join(parts[:index])) + (1 if index else 0)
        found = text.find(field, max(0, guess - 1))
        col = (found if found >= 0 else guess) + 1
        return Span(file, line, col, line, col + max(1, len(field)))
    return Span(file, line, 1, line, max(2, len(text) + 1))


def read_history(text: str, file: str, column: str | None = None,
                 agg: str | None = None) -> tuple[History | None, tuple[Diagnostic, ...]]:
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except csv.Error as exc:
        return None, (diag("ADL4101", Span(file, 1, 1, 1, 2), file=file, reason=str(exc)),)
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        return None, (diag("ADL4102", Span(file, 1, 1, 1, 2), file=file),)
    lower = [h.lower() for h in header]
    head_span = Span(file, 1, 1, 1, len(lines[0]) + 1 if lines else 2)
    t_idx = next((lower.index(n) for n in TIME_NAMES if n in lower), None)
    if t_idx is None:
        return None, (diag("ADL4103", head_span, header=", ".join(f"`{h}`" for h in header)),)
    if column is not None:
        if column.lower() not in lower:
            return None, (diag("ADL4104", head_span, problem=f"no column named `{column}`",
                               hint="columns: " + ", ".join(f"`{h}`" for h in header)),)
        v_idx = lower.index(column.lower())
    else:
        found = next((lower.index(n) for n in VALUE_NAMES if n in lower), None)
        if found is not None:
            v_idx = found
        else:
            others = [h for i, h in enumerate(header) if i != t_idx]
            if len(others) != 1:
                return None, (diag("ADL4104", head_span, problem="cannot tell which column holds the values",
                                   hint="name it `value` or pass `--column NAME`; columns: "
                                   + ", ".join(f"`{h}`" for h in header)),)
            v_idx = header.index(others[0])
    col_name = header[v_idx]
    agg = agg or ("sum" if col_name.lower() in SUM_NAMES else "mean")

    stamps: list[str] = []
    values: list[str] = []
    where: list[int] = []
    diags: list[Diagnostic] = []
    try:
        for row in reader:
            ln = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(header):
                raw_line = lines[ln - 1] if ln <= len(lines) else ""
                span = _span(file, ln, raw_line, None, 0)
                diags.append(diag("ADL4108", span, got=len(row), want=len(header)))
                break
            stamps.append(row[t_idx].strip())
            values.append(row[v_idx].strip())
            where.append(ln)
    except csv.Error as exc:
        return None, (diag("ADL4101", Span(file, reader.line_num, 1, reader.line_num, 2), file=file,
                           reason=str(exc)),)
    if diags:
        return None, tuple(diags)

    def at(i: int, idx: int, value: str) -> Span:
        ln = where[i]
        return _span(file, ln, lines[ln - 1] if ln <= len(lines) else "", value, idx)

    ts = pd.to_datetime(pd.Series(stamps, dtype="object"), errors="coerce", utc=True, format="mixed")
    bad_t = np.flatnonzero(ts.isna().to_numpy())
    if len(bad_t):
        i = int(bad_t[0])
        return None, (diag("ADL4105", at(i, t_idx, stamps[i]), value=stamps[i]),)
    vals = pd.to_numeric(pd.Series(values, dtype="object").replace("", np.nan), errors="coerce")
    bad_v = [i for i in np.flatnonzero(vals.isna().to_numpy()) if values[i] != ""]
    if bad_v:
        i = int(bad_v[0])
        if "," in values[i] or " " in values[i]:
            hint = "use `.` as the decimal point and no thousands separator"
        else:
            hint = "leave the field empty for a missing point"
        return None, (diag("ADL4106", at(i, v_idx, values[i]), value=values[i], column=col_name, hint=hint),)
    arr = vals.to_numpy(dtype=float)
    inf = [i for i in range(len(arr)) if not math.isnan(arr[i]) and not math.isfinite(arr[i])]
    if inf:
        i = inf[0]
        return None, (diag("ADL4106", at(i, v_idx, values[i]), value=values[i], column=col_name,
                           hint="values must be finite numbers"),)
    neg = np.flatnonzero(np.nan_to_num(arr, nan=0.0) < 0)
    if len(neg):
        i = int(neg[0])
        return None, (diag("ADL4107", at(i, v_idx, values[i]), value=values[i], column=col_name),)

    index = pd.DatetimeIndex(ts.dt.tz_convert("UTC").dt.tz_localize(None))
    raw = pd.Series(arr, index=index, name=col_name)
    warn: list[Diagnostic] = []
    dup = int(raw.index.duplicated().sum())
    if dup:
        warn.append(diag("ADL4110", Span(file, 1, 1, 1, 2), count=dup))
        raw = raw.groupby(level=0).mean()
    raw = raw.sort_index()
    if len(raw) == 0:
        return None, (diag("ADL4109", head_span, file=file, hours=0, need=scaling.MIN_HISTORY_HOURS),)
    hourly = scaling._regular(scaling.to_hourly(raw, agg))
    hist = History(file, col_name, agg, raw, hourly)
    if hist.hours_with_data < scaling.MIN_HISTORY_HOURS:
        return None, (*warn, diag("ADL4109", head_span, file=file, hours=hist.hours_with_data,
                                  need=scaling.MIN_HISTORY_HOURS))
    return hist, tuple(warn)


def run_backtest(history: History) -> backtest.BacktestReport | None:
    return backtest.backtest(history.hourly, backtest.HOURLY, history.file)


def forecast(history: History, horizon: int, report: backtest.BacktestReport | None = None) -> ForecastResult:
    """P50/P90 for `horizon` hours after the history, from the model its backtest serves
    (`report`, computed here when not given)."""
    y = history.hourly
    report = report if report is not None else run_backtest(history)
    warn: tuple[Diagnostic, ...] = ()
    if report is not None:
        p50, p90 = backtest.serve(y, backtest.HOURLY, report, horizon)
        model, reason = report.served, report.reason
    else:
        p50, p90 = backtest.serve_naive(y, backtest.HOURLY, horizon)
        model = f"seasonal_naive_{backtest.HOURLY.short_name}"
        reason = "the history is too short to backtest; P90 from in-sample errors, not calibrated"
        warn = (diag("ADL4160", Span(history.file, 1, 1, 1, 2), file=history.file, hours=len(y)),)
    index = pd.date_range(y.index[-1] + pd.Timedelta("1h"), periods=horizon, freq="1h")
    frame = pd.DataFrame({"p50": p50, "p90": p90}, index=index)
    return ForecastResult(history, horizon, frame, model, reason, report, warn)
