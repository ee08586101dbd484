"""The VS Code extension (editors/vscode): its TextMate grammar passes vscode-tmgrammar-test, and
`vsce package` builds a .vsix holding the grammar, the language configuration and the LSP client.

npm installs the pinned tools (package-lock.json) into editors/vscode/node_modules on first run.
A missing node/npm FAILS, unless AUTODEPLOY_ALLOW_MISSING_TOOLS=1 (then it is skipped).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

EXT = Path(__file__).resolve().parent.parent / "editors" / "vscode"


@pytest.fixture(scope="module")
def npm() -> str:
    found = shutil.which("npm")
    if found is None or shutil.which("node") is None:
        msg = "node and npm are needed for the VS Code extension's tests"
        if os.environ.get("AUTODEPLOY_ALLOW_MISSING_TOOLS") == "1":
            pytest.skip(msg)
        pytest.fail(msg)
    if not (EXT / "node_modules" / ".bin" / "vsce").exists():
        subprocess.run([found, "ci", "--no-audit", "--no-fund"], cwd=EXT, check=True, capture_output=True,
                       timeout=600)
    return found


def run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=EXT, capture_output=True, text=True, timeout=300)


def test_grammar_tests_pass(npm: str) -> None:
    p = run([str(EXT / "node_modules/.bin/vscode-tmgrammar-test"), "-g", "syntaxes/adl.tmLanguage.json",
             "tests/*.adl"])
    assert p.returncode == 0, p.stdout + p.stderr
    assert "run successfuly" in p.stdout or "successfully" in p.stdout


def test_grammar_tests_can_fail(npm: str, tmp_path: Path) -> None:
    wrong = (EXT / "tests/syntax.adl").read_text().replace("support.type.variant.adl", "keyword.not.this.adl")
    (tmp_path / "wrong.adl").write_text(wrong)
    p = run([str(EXT / "node_modules/.bin/vscode-tmgrammar-test"), "-g", "syntaxes/adl.tmLanguage.json",
             str(tmp_path / "*.adl")])
    assert p.returncode != 0 and "keyword.not.this.adl" in p.stdout + p.stderr


def test_vsce_packages_the_extension(npm: str, tmp_path: Path) -> None:
    out = tmp_path / "autodeploy-adl.vsix"
    p = run([str(EXT / "node_modules/.bin/vsce"), "package", "--skip-license", "--allow-missing-repository",
             "--out", str(out)])
    assert p.returncode == 0, p.stdout + p.stderr
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("extension/package.json"))
    for f in ("extension/extension.js", "extension/language-configuration.json",
              "extension/syntaxes/adl.tmLanguage.json", "extension/node_modules/vscode-languageclient/package.json"):
        assert f in names, f
    assert not any(n.startswith("extension/tests/") for n in names)
    assert manifest["contributes"]["languages"][0]["extensions"] == [".adl"]
