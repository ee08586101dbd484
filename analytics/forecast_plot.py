"""`autodeploy forecast --plot`: history, the served P50, the calibrated P90 band and the capacity it implies.

Drawn with matplotlib's Agg canvas directly (no pyplot state, no display), returned as PNG bytes so
the caller writes the file atomically. matplotlib is an optional dependency (`pip install
autodeploy[plot]`); without it the command reports ADL4161.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from autodeploy.analytics import scaling
from autodeploy.analytics.forecast import ForecastResult

HISTORY_SHOWN = 14 * 24  # hours of history drawn before the forecast
SIZE_INCHES = (10.0, 5.2)
DPI = 100


def capacity_line(p90: np.ndarray, headroom: float, replica_capacity: float | None) -> tuple[np.ndarray, str]:
    """The capacity the P90 implies each hour, and its legend label: P90 x (1 + headroom), or, with a
    per-replica capacity, the replicas that covers (ceil) times that capacity."""
    if replica_capacity is None:
        return p90 * (1 + headroom), f"capacity to provision: P90 + {headroom:.0%} headroom"
    reps = scaling.replicas_for(p90, replica_capacity, headroom, 1, 10**9)
    label = (f"capacity: {int(reps.min())}-{int(reps.max())} replicas x {replica_capacity:g} "
             f"(P90 + {headroom:.0%})")
    return reps * replica_capacity, label


def render_png(result: ForecastResult, headroom: float = 0.3, replica_capacity: float | None = None) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    hist = result.history.hourly.iloc[-HISTORY_SHOWN:]
    fc = result.frame
    cap, cap_label = capacity_line(fc["p90"].to_numpy(), headroom, replica_capacity)
    fig = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(hist.index, hist.to_numpy(), color="black", linewidth=1.0, label="history (hourly)")
    ax.fill_between(fc.index, fc["p50"], fc["p90"], color="tab:blue", alpha=0.25, linewidth=0,
                    label="P50 to P90 (calibrated)")
    ax.plot(fc.index, fc["p50"], color="tab:blue", linewidth=1.5, label=f"P50 forecast ({result.model})")
    ax.plot(fc.index, fc["p90"], color="tab:blue", linewidth=0.8, linestyle="--", label="P90 forecast")
    ax.step(fc.index, cap, where="mid", color="tab:red", linewidth=1.2, label=cap_label)
    start = fc.index[0] - pd.Timedelta("30min")
    ax.axvline(start, color="grey", linewidth=0.8, linestyle=":")
    ax.set_ylim(bottom=0)
    what = "hourly sum" if result.history.agg == "sum" else "hourly mean"
    ax.set_ylabel(f"{result.history.column} ({what})")
    ax.set_title(_title(result), fontsize=10)
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.grid(True, alpha=0.3)
    # below the axes, so it never hides the load it describes
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    # no "Software" metadata: the bytes depend on the drawing, not on the matplotlib version string
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def _title(result: ForecastResult) -> str:
    r = result.report
    head = f"{result.history.column}: next {result.horizon} h, served by {result.model}"
    if r is None:
        return head + " (history too short to backtest)"
    s, base = r.score(r.served), r.best_naive
    vs = "the best seasonal naive" if s is base else f"{base.candidate} {base.pinball50:.4g}"
    return (f"{head}\nbacktest: P50 pinball {s.pinball50:.4g} ({vs}), "
            f"P90 coverage {s.coverage90:.2f} over {r.scored_pairs} scored forecast hours")
