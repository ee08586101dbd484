"""Diagnostics of the scaling model and optimizer (ADL4100-ADL4199), registered in the compiler's
catalogue. Metric-history problems point at the CSV line; the command exits 1 for bad content
and 2 for a file it cannot read."""

from __future__ import annotations

from autodeploy.compiler.catalogue import Template, register
from autodeploy.compiler.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING

register(
    # ---- metric history CSV (autodeploy forecast --history) ----------------------------------
    Template("ADL4101", E, "unreadable history file", "cannot read history file {file!r}: {reason}", None),
    Template("ADL4102", E, "empty history file", "history file {file!r} has no header row",
             "the first line must name the columns, e.g. `timestamp,value`"),
    Template("ADL4103", E, "no timestamp column", "no timestamp column in header {header}",
             "name it `timestamp` (CloudWatch exports use `Timestamp`)"),
    Template("ADL4104", E, "no value column", "{problem}", "{hint}"),
    Template("ADL4105", E, "invalid timestamp", "`{value}` is not a timestamp",
             "use ISO 8601, e.g. `2024-05-01 13:05:00` or `2024-05-01T13:05:00Z`"),
    Template("ADL4106", E, "invalid value", "`{value}` in column `{column}` is not a number", "{hint}"),
    Template("ADL4107", E, "negative load", "load `{value}` in column `{column}` is negative",
             "a request count or utilisation cannot be below zero"),
    Template("ADL4108", E, "wrong number of fields", "line has {got} fields, the header has {want}", None),
    Template("ADL4109", E, "too little history",
             "{file!r} covers {hours} hourly points with data; the model needs at least {need}",
             "export a longer period (two weeks or more gives weekly seasonality)"),
    Template("ADL4110", W, "duplicate timestamps", "{count} duplicate timestamps; their values were averaged",
             None),
    # ---- backtest and plot (autodeploy forecast) ------------------------------------------------
    Template("ADL4160", W, "history too short to backtest",
             "{file!r} spans {hours} hours, too short for a backtest: serving seasonal naive (same hour "
             "yesterday) with a P90 from its in-sample errors, not calibrated on held-out hours",
             "export at least 3 days (two weeks or more lets the backtest compare every model)"),
    Template("ADL4161", E, "cannot draw the plot", "cannot draw {path!r}: {reason}", "{hint}"),
    # ---- optimizer ------------------------------------------------------------------------------
    Template("ADL4150", E, "optimizer input does not compile",
             "`{file}` has errors; fix them before optimizing", None),
    Template("ADL4151", W, "policy check skipped", "policy check skipped: {reason}",
             "the optimized configuration is unverified against the compliance policies"),
    Template("ADL4152", E, "optimized file does not compile", "the patched file does not compile: {reason}",
             "this is a bug in the optimizer; the file was not changed"),
)
