"""A corrupt generate history (history.json) is an error, never silently replaced (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autodeploy.cli import main


@pytest.fixture()
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUTODEPLOY_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("AUTODEPLOY_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("AUTODEPLOY_HISTORY", str(tmp_path / "runs.duckdb"))
    (tmp_path / "state").mkdir()
    return tmp_path


@pytest.mark.parametrize("content", ["{not json", '{"a": 1}', "[" * 5000 + "]" * 5000, '"just a string"'])
def test_a_corrupt_history_stops_generate_and_is_left_alone(env: Path, content: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    hist = env / "state" / "history.json"
    hist.write_text(content)
    code = main(["generate", "a private bucket", "-o", str(env / "a.adl"), "--no-check"])
    err = capsys.readouterr().err
    assert code == 2 and "ADL0510" in err and "history.json" in err and "internal error" not in err
    assert hist.read_text() == content
    assert not (env / "a.adl").exists()


def test_a_good_history_is_appended_to(env: Path) -> None:
    hist = env / "state" / "history.json"
    hist.write_text(json.dumps([{"request": "old", "cloud": "aws", "region": "us-east-1"}]))
    assert main(["generate", "a private bucket", "-o", str(env / "a.adl"), "--no-check"]) == 0
    items = json.loads(hist.read_text())
    assert [i["request"] for i in items] == ["old", "a private bucket"]


def test_a_history_that_is_a_folder_is_reported(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (env / "state" / "history.json").mkdir()
    assert main(["generate", "a private bucket", "-o", str(env / "a.adl"), "--no-check"]) == 2
    assert "directory" in capsys.readouterr().err


def test_a_config_nested_too_deeply_is_reported(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (env / "none.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert main(["generate", "a private bucket", "-o", str(env / "a.adl"), "--no-check"]) == 2
    err = capsys.readouterr().err
    assert "ADL0510" in err and "nests too deeply" in err and "internal error" not in err
