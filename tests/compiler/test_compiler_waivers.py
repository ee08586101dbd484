"""Waivers need a reason, an owner and an expiry within the horizon (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from autodeploy import compile_source

BASE = 'deployment a { region = "us-east-1" }\nbucket b { public = true }\n'


def _waiver(reason: str = '"legacy"', owner: str = '"a@b.c"', expires: str = "") -> str:
    expires = expires or (dt.date.today() + dt.timedelta(days=30)).isoformat()
    return BASE + f"waive ADLP-001 on b {{\n  reason = {reason}\n  owner = {owner}\n  expires = {expires}\n}}\n"


def _codes(src: str) -> list[str]:
    return [d.code for d in compile_source(src, "w.adl").diagnostics if d.is_error]


def test_a_complete_waiver_compiles_into_the_ir() -> None:
    result = compile_source(_waiver(), "w.adl")
    assert result.ok and result.ir is not None and len(result.ir.waivers) == 1


@pytest.mark.parametrize("field,value", [("reason", '""'), ("reason", '"   "'), ("owner", '""'), ("owner", '"\\t"')])
def test_an_empty_reason_or_owner_is_refused(field: str, value: str) -> None:
    result = compile_source(_waiver(**{field: value}), "w.adl")
    errs = [d for d in result.diagnostics if d.is_error]
    assert [d.code for d in errs] == ["ADL1060"] and f"`{field}`" in errs[0].message
    assert errs[0].span is not None and errs[0].span.line == (4 if field == "reason" else 5)
    assert result.ir is not None and result.ir.waivers == ()  # a refused waiver waives nothing


def test_expiry_beyond_the_default_horizon_of_a_year() -> None:
    today = dt.date.today()
    assert _codes(_waiver(expires=(today + dt.timedelta(days=365)).isoformat())) == []
    assert _codes(_waiver(expires=(today + dt.timedelta(days=366)).isoformat())) == ["ADL1061"]
    d = compile_source(_waiver(expires="9999-12-31"), "w.adl").errors[0]
    assert d.code == "ADL1061" and "9999-12-31" in d.message and d.help
    assert (today + dt.timedelta(days=365)).isoformat() in d.help


def test_the_horizon_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    far = (dt.date.today() + dt.timedelta(days=700)).isoformat()
    assert _codes(_waiver(expires=far)) == ["ADL1061"]
    monkeypatch.setenv("AUTODEPLOY_WAIVER_HORIZON_DAYS", "730")
    assert _codes(_waiver(expires=far)) == []
    monkeypatch.setenv("AUTODEPLOY_WAIVER_HORIZON_DAYS", "30")
    assert _codes(_waiver()) == []
    assert _codes(_waiver(expires=(dt.date.today() + dt.timedelta(days=31)).isoformat())) == ["ADL1061"]


@pytest.mark.parametrize("bad", ["soon", "0", "-5", "99999"])
def test_an_unusable_horizon_setting_is_reported(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("AUTODEPLOY_WAIVER_HORIZON_DAYS", bad)
    assert _codes(_waiver()) == ["ADL1062"]
    monkeypatch.setenv("AUTODEPLOY_WAIVER_HORIZON_DAYS", bad)
    assert _codes(BASE) == []  # no waiver, nothing to say


def test_an_expired_waiver_is_still_accepted_by_the_compiler() -> None:
    # past dates stay the gate's business (ADL3006: the finding counts again), not a compile error
    assert _codes(_waiver(expires="2020-01-31")) == []
