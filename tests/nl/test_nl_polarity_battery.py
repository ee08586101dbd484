"""Issue 14, "never invert": an adversarial battery of negation forms (tests/nl/polarity_battery_data.py)
over security switches and ordinary ones, four languages. No row may come out inverted; a row may be
dropped (nothing stated) only where the default already says what the text asks, or where the text
asks to loosen a secure default (the polarity rule keeps the secure side then)."""

from __future__ import annotations

import pytest
from polarity_battery_data import BATTERY, TRAPS

from autodeploy.compiler.kinds import KINDS
from autodeploy.nl import polarity
from autodeploy.nl.offline import translate


def reading(text: str, kind: str, attr: str, want: object) -> str:
    spec = translate(text)
    vals = [r.attrs[attr] for r in spec.resources if r.kind == kind and attr in r.attrs]
    if not vals:
        return "dropped"
    got = vals[0]
    if want is True and isinstance(got, (dict, str)) and got != "none":  # encryption = a key: on
        return "right"
    if got == "none":  # an API's or a cache's auth turned off
        got = False
    return "right" if got == want else "inverted"


def _default(kind: str, attr: str) -> object:
    a = KINDS[kind].attr(attr)
    return a.default if a is not None else None


@pytest.mark.parametrize(("text", "kind", "attr", "want"), BATTERY + TRAPS)
def test_never_inverted(text: str, kind: str, attr: str, want: object) -> None:
    got = reading(text, kind, attr, want)
    assert got != "inverted", f"{text!r}: {kind}.{attr} read opposite to {want!r}"
    if got == "dropped":
        assert want == _default(kind, attr) or polarity.loosens(kind, attr, want), f"{text!r}: {attr} dropped"


def test_battery_reads_most_rows() -> None:
    # the omission verbs, "instead of", negated lists and double negations are read, not only
    # left at their defaults: at least 85% of the battery is read right
    right = sum(reading(*row) == "right" for row in BATTERY)
    assert right / len(BATTERY) >= 0.85
