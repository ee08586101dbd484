"""The pre-commit hooks (.pre-commit-hooks.yaml) and their entry point, autodeploy.precommit."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import yaml

from autodeploy.compiler.fmt import format_source
from autodeploy.precommit import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_manifest_declares_both_hooks_the_way_pre_commit_reads_them() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["adl-fmt", "adl-check"]
    for h, sub in zip(hooks, ("fmt", "check"), strict=True):
        assert {"id", "name", "entry", "language"} <= set(h)
        assert h["language"] == "python"
        assert shlex.split(h["entry"]) == ["python", "-m", "autodeploy.precommit", sub]
        assert re.search(h["files"], "infra/app.adl") and not re.search(h["files"], "app.adl.bak")


def test_fmt_hook_rewrites_staged_files(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    messy = tmp_path / "app.adl"
    text = (EXAMPLES / "static-site.adl").read_text()
    messy.write_text(text.replace("\n  ", "\n      ", 3))
    tidy = tmp_path / "tidy.adl"
    tidy.write_text(format_source(text)[0] or "")
    assert main(["fmt", str(messy), str(tidy)]) == 0
    assert messy.read_text() == tidy.read_text() == format_source(text)[0]
    assert "app.adl: formatted" in capsys.readouterr().out
    assert main(["fmt", "--check", str(messy)]) == 0


def test_check_hook_gates_every_file_and_fails_on_any(tmp_path: Path) -> None:
    good = tmp_path / "site.adl"
    shutil.copy(EXAMPLES / "static-site.adl", good)
    bad = tmp_path / "bad.adl"
    shutil.copy(EXAMPLES / "errors/undefined-and-wrong-kind-reference.adl", bad)
    assert main(["check", "--fail-on=critical", str(good)]) == 0
    assert main(["check", "--fail-on=critical", str(good), str(bad)]) == 1
    assert main(["check"]) == 0  # nothing staged
    assert main(["lint", str(good)]) == 2
