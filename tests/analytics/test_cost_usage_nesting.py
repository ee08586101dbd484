"""A usage file nested beyond what the YAML reader can recurse into is a coded error (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from autodeploy.cli import main

ADL = str(Path(__file__).resolve().parents[2] / "examples" / "patient-portal.adl")


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "resources: " + "{a: " * 5000 + "1" + "}" * 5000])
def test_a_deeply_nested_usage_file_is_coded(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    usage = tmp_path / "usage.yaml"
    usage.write_text(text + "\n")
    assert main(["cost", ADL, "--usage", str(usage)]) == 2  # as every usage-file error
    err = capsys.readouterr().err
    assert "ADL4011" in err and "internal error" not in err
