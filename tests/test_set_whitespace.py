"""`--set NAME=VALUE` never trims a value silently: surrounding whitespace is refused (ADL0990) with the
quoted form that keeps it as the fix."""

from __future__ import annotations

import json

import pytest

from autodeploy.cli import main

PORTAL = "examples/patient-portal.adl"  # declares `param env: string`, used as a tag


@pytest.mark.parametrize("value", ["dev ", " dev", "dev\t", "\u00a0dev"])
def test_a_value_with_surrounding_whitespace_is_refused(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code = main(["compile", PORTAL, "--set", f"env={value}"])
    err = capsys.readouterr().err
    assert code == 2 and "ADL0990" in err and "leading or trailing whitespace" in err
    assert "quote it" in err


def test_the_quoted_form_keeps_the_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compile", PORTAL, "--set", 'env="dev "', "--emit-ir", "-"])
    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out[out.index("{"):])["deployment"]["tags"]["env"] == "dev "


def test_spaces_around_the_name_stay_harmless(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compile", PORTAL, "--set", " env=dev", "--emit-ir", "-"])
    out = capsys.readouterr().out
    assert code == 0 and json.loads(out[out.index("{"):])["deployment"]["tags"]["env"] == "dev"
