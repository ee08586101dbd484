"""What makes a waiver acceptable beyond its types: someone owns it, it says why, and it ends
soon enough to be looked at again. A waiver with an empty reason or owner, or one that runs
to 9999-12-31, is a permanent silent exception, so the compiler refuses it.

The horizon is a governance limit, so it is set outside the file that declares the waiver:
AUTODEPLOY_WAIVER_HORIZON_DAYS (default 365 days from today).
"""

from __future__ import annotations

import datetime as dt
import os

from . import syntax as s
from .catalogue import diag
from .diagnostics import Diagnostic

HORIZON_ENV = "AUTODEPLOY_WAIVER_HORIZON_DAYS"
DEFAULT_HORIZON_DAYS = 365
MAX_HORIZON_DAYS = 3650

_HINTS = {
    "reason": "say why the finding is acceptable, e.g. \"legacy bucket, migration planned\"",
    "owner": "name who answers for it, e.g. \"platform@example.com\"",
}


def horizon_days(diags: list[Diagnostic]) -> int:
    """The configured horizon; an unusable setting is reported (once) and the default applies."""
    raw = os.environ.get(HORIZON_ENV)
    if raw is None or raw.strip() == "":
        return DEFAULT_HORIZON_DAYS
    try:
        days = int(raw.strip())
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_HORIZON_DAYS:
        diags.append(diag("ADL1062", None, env=HORIZON_ENV, value=raw, high=MAX_HORIZON_DAYS))
        return DEFAULT_HORIZON_DAYS
    return days


def check_waiver(item: s.Waiver, reason: str, owner: str, expires: str, today: dt.date, horizon: int,
                 diags: list[Diagnostic]) -> bool:
    """Append ADL1060/ADL1061 for this waiver; True when it is acceptable."""
    spans = {a.name: a.value.span for a in item.attrs}
    ok = True
    for attr, value in (("reason", reason), ("owner", owner)):
        if not value.strip():
            diags.append(diag("ADL1060", spans.get(attr, item.span), rule=item.rule, target=item.target, attr=attr,
                              hint=_HINTS[attr]))
            ok = False
    limit = today + dt.timedelta(days=horizon)
    if dt.date.fromisoformat(expires) > limit:
        diags.append(diag("ADL1061", spans.get("expires", item.span), rule=item.rule, target=item.target,
                          expires=expires, days=horizon, limit=limit.isoformat(), env=HORIZON_ENV))
        ok = False
    return ok
